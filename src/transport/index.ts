// Public API of src/transport (METHODS §1): MSD, drift, diffusion fits, conductivity, Arrhenius, modes.
export * from './meanSquaredDisplacement.js';
export * from './frameworkDrift.js';
export * from './diffusionFit.js';
export * from './blockDiffusion.js';
export * from './diffusiveFitUncertainty.js';
export * from './msdLinearity.js';
export * from './measurable.js';
export * from './chargeDiffusion.js';
export * from './nernstEinstein.js';
export * from './arrhenius.js';
export * from './arrheniusBreakpoint.js';
export * from './modeDecomposition.js';
export * from './transportSeries.js';
export * from './diffusionAnalysis.js';
export * from './transportTable.js';
export * from './breakpointUncertainty.js';
export * from './modeShareUncertainty.js';
