// Public API of src/density: where the ions go — probability density on the cell grid, its 1D/2D views, free energy.
export * from './probabilityDensity.js';
export * from './densityProjections.js';
export * from './freeEnergyLandscape.js';
export * from './siteDiscovery.js';
export * from './discoveredSiteMatch.js';
export * from './densitySymmetrisation.js';
