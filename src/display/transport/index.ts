// Vega-Lite spec builders and table views for src/transport (owned with that area).
export {};
