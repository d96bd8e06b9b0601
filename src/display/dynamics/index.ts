// Vega-Lite spec builders and table views for src/dynamics (owned with that area).
export * from './vdosSpec.js';
export * from './rotationSpecs.js';
export * from './vanHoveSpec.js';
export * from './tables.js';
export * from './jumpCorrelationPlots.js';
