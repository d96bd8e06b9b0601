/**
 * superionic — frustration analysis of superionic conductors.
 *
 * Data flows one way: file or engine → Trajectory → analyses → result records → display.
 * Each area re-exports its public API from its own index.
 */
export * from './core/index.js';
export * from './io/index.js';
export * from './geometry/index.js';
export * from './transport/index.js';
export * from './structure/index.js';
export * from './sites/index.js';
export * from './dynamics/index.js';
export * from './doas/index.js';
export * from './simulate/index.js';
export * from './display/index.js';
export * from './density/index.js';
export * from './pathways/index.js';
