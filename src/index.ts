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
export * from './analyse/index.js';
export * from './dynamics/index.js';
export * from './doas/index.js';
export * from './simulate/index.js';
export * from './display/index.js';
export * from './density/index.js';
export * from './pathways/index.js';
export * from './course/index.js';

// Namespaces by area, for Tab completion that narrows: `si.io.<Tab>` (readers, writers),
// `si.transport.<Tab>` (MSD, D, σ, Arrhenius), `si.structure`, `si.sites`, `si.dynamics`, `si.doas`,
// `si.simulate`, `si.display`, `si.geometry`, `si.core`; `si.units` holds the physical constants and
// unit conversions (KB_EV_PER_K, THZ_TO_MEV, …). Every name also stays at the top level, so
// existing notebooks and scripts keep working.
export * as core from './core/index.js';
export * as io from './io/index.js';
export * as geometry from './geometry/index.js';
export * as transport from './transport/index.js';
export * as structure from './structure/index.js';
export * as sites from './sites/index.js';
export * as dynamics from './dynamics/index.js';
export * as doas from './doas/index.js';
export * as simulate from './simulate/index.js';
export * as display from './display/index.js';
export * as density from './density/index.js';
export * as pathways from './pathways/index.js';
export * as units from './core/units.js';
export * as course from './course/index.js';
