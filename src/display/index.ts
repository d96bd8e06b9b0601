// Public API of src/display (each file one concept; re-export it here).
export * from './table.js';
