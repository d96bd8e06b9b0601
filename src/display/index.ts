// Public API of src/display: pure data (Vega-Lite specs, tables), no I/O.
export * from './spec.js';
export * from './table.js';
export * from './transport/index.js';
export * from './structure/index.js';
export * from './sites/index.js';
export * from './dynamics/index.js';
export * from './doas/index.js';
export * from './simulate/index.js';
export * from './resultCard.js';
export * from './density/index.js';
