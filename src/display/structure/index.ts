// Vega-Lite spec builders and table views for src/structure (owned with that area).
export * from './structurePlots.js';
export * from './structureTables.js';
