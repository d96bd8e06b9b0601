// Public API of src/io (each file one concept; re-export it here).
export {};
