export * from './densityPlots.js';
