export * from './analyse.js';
export { analyseFileParallel, defaultThreads, makeSplitAnalysis, type SplitAnalysisSpec, type SplitFrameAnalysis } from './frameParallel.js';
