// Public API of src/sites (each file one concept; re-export it here).
export {};
