// Public API of src/structure (each file one concept; re-export it here).
export {};
