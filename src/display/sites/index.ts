// Vega-Lite spec builders and table views for src/sites (owned with that area).
export * from './sitePlots.js';
export * from './transitionPlots.js';
