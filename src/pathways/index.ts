// Public API of src/pathways: percolation of a free-energy landscape and minimum free-energy paths.
export * from './percolationThreshold.js';
export * from './minimumFreeEnergyPath.js';
