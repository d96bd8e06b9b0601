// Vega-Lite spec builders and table views for src/simulate (owned with that area).
export * from './thermoLogSpec.js';
