// Vega-Lite spec builders and table views for src/doas (owned with that area).
export {};
