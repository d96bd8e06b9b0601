// Vega-Lite spec builders and table views for src/doas.
export * from './doasPlots.js';
