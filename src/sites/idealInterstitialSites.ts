/**
 * Interstitial sites of an ideal anion lattice, per anion, with the size of each hole (teaching;
 * notebooks/course/03; Kweon 2017; Pauling's radius-ratio rule).
 *
 * The ideal fcc, bcc or hcp template (siteTemplate.ts) is tiled 3×3×3 at lattice constant a and its
 * network built (siteNetwork.ts); per site type we report
 *   N_i / N_anion   sites of the type per anion (fcc/hcp 2 tet, 1 oct, 8 trig, 6 lin; bcc 6, 3, 12, 4),
 *   d_i             the distance from the site centre to its nearest defining anion, Å,
 *   ρ_i = d_i / R₋ − 1, R₋ = d_nn / 2 (touching hard anions: fcc a/(2√2), bcc a√3/4, hcp a/2),
 * the largest cation-to-anion radius ratio that fits the hole without pushing the anions apart.
 * For fcc/hcp, ρ reproduces Pauling's limits: tetrahedral √6/2 − 1 = 0.225, octahedral √2 − 1 =
 * 0.414, trigonal 2/√3 − 1 = 0.155, linear 0. A cation with R₊/R₋ above ρ_i pushes the anions apart
 * (it fits and is stable there, Pauling's rule picks the largest such hole); far below, it rattles.
 */
import { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import { hardSphereAnionRadius } from '../structure/paulingRatio.js';
import { buildSiteNetwork, siteCentres, type SiteNetwork } from './siteNetwork.js';
import { idealLatticeTemplate, type IdealLattice, type SiteKind } from './siteTemplate.js';

/** One site type of an ideal lattice. */
export interface IdealSiteType {
  name: string;
  kind: SiteKind;
  /** Sites of this type per anion (exact for an ideal lattice). */
  perAnion: number;
  /** Distance from a site centre to its nearest defining anion, Å (minimum over the sites of the type). */
  centreToAnion_A: number;
  /** Largest R₊/R₋ that fits the hole with touching anions: centreToAnion / R₋ − 1. */
  holeRatio: number;
}

/** The ideal lattice, its sites and their sizes. */
export interface IdealInterstitialSites {
  lattice: IdealLattice;
  /** Lattice constant, Å (hcp: the in-plane a, with ideal c/a = √(8/3)). */
  a_A: number;
  /** Hard-sphere anion radius R₋ = d_nn / 2, Å. */
  anionRadius_A: number;
  /** Number of anions in the 3×3×3 tiling. */
  nAnions: number;
  types: IdealSiteType[];
  /** The tiled anion positions (Å), cell and site network (site centres via siteCentres). */
  anionPositions: Float64Array;
  cell: Cell;
  network: SiteNetwork;
}

/**
 * Sites per anion and hole sizes of an ideal fcc, bcc or hcp anion lattice.
 * @param lattice anion packing
 * @param a_A lattice constant, Å (default 1: then distances are in units of a)
 */
export function idealInterstitialSites(lattice: IdealLattice, a_A = 1): IdealInterstitialSites {
  if (!(a_A > 0) || !Number.isFinite(a_A)) throw new InputError(`lattice constant must be a positive number of Å, got ${a_A}`);
  const t = idealLatticeTemplate(lattice);
  const n = 3;
  const m = t.cell.matrix;
  const cell = new Cell([0, 1, 2].map((r) => [0, 1, 2].map((k) => m[3 * r + k] * a_A * n)));
  const frac: number[] = [];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      for (let l = 0; l < n; l++) {
        for (const h of t.hostFrac) frac.push((h[0] + i) / n, (h[1] + j) / n, (h[2] + l) / n);
      }
  const anionPositions = cell.toCartesian(frac);
  const network = buildSiteNetwork(t, anionPositions, cell);
  const centres = siteCentres(network, anionPositions, cell);
  const nAnions = anionPositions.length / 3;
  const R = hardSphereAnionRadius(lattice, a_A);
  const types: IdealSiteType[] = network.typeNames.map((name, code) => {
    let count = 0,
      dmin = Infinity;
    for (let s = 0; s < network.nSites; s++) {
      if (network.siteType[s] !== code) continue;
      count++;
      for (let o = network.vertexStart[s]; o < network.vertexStart[s + 1]; o++)
        dmin = Math.min(dmin, cell.distance(centres, s, anionPositions, network.vertices[o]));
    }
    return { name, kind: network.typeKinds[code], perAnion: count / nAnions, centreToAnion_A: dmin, holeRatio: dmin / R - 1 };
  });
  return { lattice, a_A, anionRadius_A: R, nAnions, types, anionPositions, cell, network };
}
