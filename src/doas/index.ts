// Public API of src/doas: density of atomistic states (Wang 2023).
export * from './bhattacharyya.js';
export * from './densityOfAtomisticStates.js';
export * from './classifyMobileStates.js';
export * from './mobileAtomEnergies.js';
export * from './relaxedAtomicEnergies.js';
export * from './doasUncertainty.js';
export * from './stateTransitions.js';
export * from './sublatticeEnergy.js';
export * from './atomisticStateSamples.js';
