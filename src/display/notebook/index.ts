// Notebook display helpers (`show` in every cell of the superionic kernel): they write frame
// files and send MIME bundles through a display channel that the kernel adapter (kernel/show.js)
// binds to its front end. Node only (fs); not part of `si`, which stays free of display I/O.
export * from './displayChannel.js';
export * from './progressDisplay.js';
export * from './trajectoryFrames.js';
export * from './showValue.js';
