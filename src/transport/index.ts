// Public API of src/transport (each file one concept; re-export it here).
export {};
