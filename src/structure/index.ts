// Public API of src/structure (each file one concept; re-export it here).
export * from './centres.js';
export * from './rdf.js';
export * from './firstShell.js';
export * from './potentialOfMeanForce.js';
export * from './coordination.js';
export * from './coordinationCutoff.js';
export * from './coordinationBlockErrors.js';
export * from './cationAnionCationAngles.js';
export * from './referenceAngles.js';
export * from './paulingRatio.js';
export * from './anionPolarization.js';
export * from './distributionShape.js';
export { requireBins, requirePositiveLength } from './frameSetup.js';
export * from './linearNumberDensity.js';
export * from './anionDistortion.js';
export * from './volumeFluctuation.js';
export * from './radialAngularDistribution.js';
