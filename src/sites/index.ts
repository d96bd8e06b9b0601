// Public API of src/sites: interstitial sites, Gaussian occupancy, entropy, sublattices, jumps (METHODS §3).
export * from './siteTemplate.js';
export * from './argyroditeTemplate.js';
export * from './siteNetwork.js';
export * from './gaussianSiteOccupancy.js';
export * from './configurationalEntropy.js';
export * from './shannonEntropy.js';
export * from './sublattices.js';
export * from './siteJumps.js';
export * from './minimumImageScan.js';
export * from './referenceTemplate.js';
export * from './tetrahedralInterstices.js';
export * from './siteBinGrid.js';
export * from './exclusiveStateEntropy.js';
export * from './nearestSiteAssignment.js';
export * from './randomBaseline.js';
export * from './idealInterstitialSites.js';
export * from './siteOccupancyBlockErrors.js';
