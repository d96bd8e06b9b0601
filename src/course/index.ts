// Public API of src/course: helpers of the teaching notebooks (notebooks/course/).
export * from './check.js';
export * from './latticeRandomWalk.js';
