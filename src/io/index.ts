// Public API of src/io (each file one concept; re-export it here).
export type { ReadOptions, TrajectoryFormat } from './readOptions.js';
export { TRAJECTORY_FORMATS } from './readOptions.js';
export { openTrajectory, readTrajectory, resolveAtomSelection } from './openTrajectory.js';
export { sniffFormat, sniffContent } from './sniffFormat.js';
export { parseExtxyzComment } from './extxyzComment.js';
