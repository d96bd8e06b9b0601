// Public API of src/simulate (each file one concept; re-export it here).
export {};
