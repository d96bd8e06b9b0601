// Public API of src/dynamics (each file one concept; re-export it here).
export {};
