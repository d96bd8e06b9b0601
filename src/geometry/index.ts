// Public API of src/geometry (each file one concept; re-export it here).
export {};
export * from './neighborList.js';
export * from './binStencil.js';
export * from './molecules.js';
export * from './symmetricEigen.js';
export * from './inertiaTensor.js';
export * from './unwrap.js';
