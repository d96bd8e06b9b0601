/**
 * Sites fixed in the cell: each site stays at its given fractional coordinates f_s of every frame's cell,
 *   c_s(t) = f_s · h(t)          (h = the frame's cell matrix),
 * instead of following host atoms (siteNetwork.ts, pointSiteNetwork.ts). This is the convention of GEMDAT
 * (`Transitions.from_trajectory`: site fractional coordinates in the trajectory lattice) and of
 * pymatgen-analysis-diffusion's SiteOccupancyAnalyzer; with it, our jump and transition analyses reproduce
 * theirs on the same sites (test/sites/gemdatConformance.test.ts). Host vibration, drift of the framework and
 * local strain are then NOT followed: prefer host-following sites for soft or drifting frameworks.
 *
 * Implementation: a network with one virtual host at the origin; every site has that host as its only vertex
 * and its fractional position as the centre offset, so `siteCentres` gives f_s · h(t) exactly.
 */
import { InputError, InputErrorLocation } from '../core/errors.js';
import type { SiteKind } from './siteTemplate.js';
import type { SiteNetwork } from './siteNetwork.js';

/** A fixed-site network and the host positions it needs each frame (pass both to the jump/transition analyses). */
export interface FixedSites {
  source: SiteNetwork;
  /** The one virtual host at the origin (pass as `hostPositions`). */
  hostPositions: () => Float64Array;
}

/**
 * Sites fixed at fractional coordinates of the trajectory cell.
 * @param frac       fractional coordinates, 3 per site (wrapped into [0, 1)).
 * @param siteType   type code of each site (index into `typeNames`).
 * @param typeNames  site type names (e.g. Wyckoff labels).
 */
export function fixedSiteNetwork(
  frac: ArrayLike<number>,
  siteType: ArrayLike<number>,
  typeNames: string[],
  opts: { name?: string; typeKinds?: SiteKind[]; where?: InputErrorLocation } = {},
): FixedSites {
  const where = opts.where ?? {};
  const nSites = frac.length / 3;
  if (!Number.isInteger(nSites) || nSites < 1)
    throw new InputError(`fixed sites: expected 3 fractional coordinates per site and at least one site, got ${frac.length} numbers`, where);
  if (siteType.length !== nSites) throw new InputError(`fixed sites: ${nSites} sites but ${siteType.length} type codes`, where);
  const offset = new Float64Array(3 * nSites);
  for (let s = 0; s < nSites; s++) {
    const t = siteType[s];
    if (!(Number.isInteger(t) && t >= 0 && t < typeNames.length))
      throw new InputError(`fixed sites: site ${s} has type code ${t}, expected 0..${typeNames.length - 1}`, where);
    for (let a = 0; a < 3; a++) {
      const x = frac[3 * s + a];
      if (!Number.isFinite(x)) throw new InputError(`fixed sites: site ${s} has a non-finite fractional coordinate`, where);
      offset[3 * s + a] = x - Math.floor(x);
    }
  }
  const origin = new Float64Array(3);
  const source: SiteNetwork = {
    template: opts.name ?? 'fixed sites',
    typeNames: [...typeNames],
    typeKinds: opts.typeKinds ?? typeNames.map(() => 'polyhedral'),
    nSites,
    siteType: Int32Array.from(siteType),
    vertexStart: Int32Array.from({ length: nSites + 1 }, (_, s) => s),
    vertices: new Int32Array(nSites),
    vertexShift: new Float64Array(3 * nSites),
    idealTemplate: offset.slice(),
    idealFrac: offset.slice(),
    replication: [1, 1, 1],
    nHosts: 1,
    hostAtoms: null,
    maxMatchDisplacement_A: 0,
    inverted: false,
    centreOffsetFrac: offset,
  };
  return { source, hostPositions: () => origin };
}
