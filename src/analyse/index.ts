export * from './analyse.js';
export { analyseFileParallel, defaultThreads, type ParallelAnalysis, type ParallelReadOptions } from './frameParallel.js';
export {
  BoundSiteOccupancy,
  makeSplitAnalysis,
  type SplitAnalysisSpec,
  type SplitFrameAnalysis,
  type SplitSiteOccupancyResult,
  type SiteOccupancySpecOptions,
} from './splitAnalyses.js';
