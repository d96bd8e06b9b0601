// Public API of src/doas (each file one concept; re-export it here).
export {};
