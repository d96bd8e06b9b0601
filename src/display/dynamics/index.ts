// Vega-Lite spec builders and table views for src/dynamics (owned with that area).
export {};
