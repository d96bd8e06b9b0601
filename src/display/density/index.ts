export * from './densityPlots.js';
export * from './densityIsosurface.js';
