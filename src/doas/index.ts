// Public API of src/doas: density of atomistic states (Wang 2023).
export * from './bhattacharyya.js';
export * from './densityOfAtomisticStates.js';
export * from './classifyMobileStates.js';
export * from './mobileAtomEnergies.js';
export * from './relaxedAtomicEnergies.js';
