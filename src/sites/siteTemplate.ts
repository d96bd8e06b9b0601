/**
 * Site templates: the ideal unit cell of a host lattice with its interstitial sites (METHODS §3).
 *
 * A template is defined ONCE in fractional coordinates of its own conventional cell: host positions
 * and, per site type, the ideal site centres and how many host vertices define the site
 * (tetrahedral 4, octahedral 6, trigonal 3, linear 2). `buildSiteNetwork` tiles the template onto a
 * trajectory's reference frame and turns every site into a list of host-vertex indices; from then on
 * each site is the centroid of its hosts' instantaneous positions, so sites move with the lattice.
 *
 * Ideal lattices (textbook counts per host atom):
 *   fcc: 2 tetrahedral (8c of Fm-3m), 1 octahedral (4b), 8 trigonal (all faces of tetrahedra and
 *        octahedra = all nearest-neighbour triangles), 6 linear (nearest-neighbour edge midpoints).
 *   bcc: 6 tetrahedral (12d of Im-3m), 3 octahedral (6b, distorted: 2 hosts at a/2, 4 at a/√2),
 *        12 trigonal (24h: faces of the tetrahedra; the octahedra's faces are the same triangles),
 *        4 linear (midpoints of the 8 nearest-neighbour edges a√3/2; the midpoints of the a-long
 *        second-neighbour edges are the octahedral sites and are not counted again).
 *   hcp (ideal c/a = √(8/3)): 2 tetrahedral, 1 octahedral, 8 trigonal, 6 linear, as fcc.
 * These are the numbers quoted for α-AgI (bcc I⁻: 12 tet, 6 oct, 24 trig per cubic cell; Wood 2021)
 * and for close-packed anion lattices (Wang 2015, Kweon 2017).
 */
import { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';

/** Geometric kind of a site (how many host vertices define it). */
export type SiteKind = 'tetrahedral' | 'octahedral' | 'trigonal' | 'linear' | 'polyhedral';

/** One site type of a template. */
export interface SiteTypeTemplate {
  /** Name used in results, e.g. "tetrahedral" or "type 5". */
  name: string;
  kind: SiteKind;
  /** Number of host vertices that define one site (the k hosts nearest to the ideal centre). */
  nVertices: number;
  /** Ideal site centres, fractional coordinates of the template cell. */
  centresFrac: number[][];
}

/** The ideal unit cell of a host lattice and its sites. */
export interface SiteTemplate {
  name: string;
  /** The template's conventional cell (only its shape matters: it is scaled to the trajectory). */
  cell: Cell;
  /** Host positions, fractional coordinates of the template cell. */
  hostFrac: number[][];
  siteTypes: SiteTypeTemplate[];
  /** Add trigonal sites (unique faces of tetrahedral and octahedral sites) and linear sites
   * (midpoints of nearest-neighbour host edges) when the network is built. */
  derive?: { trigonal?: boolean; linear?: boolean };
  /** Whether the structure may appear inverted (non-centrosymmetric templates, e.g. F-43m). */
  tryInversion?: boolean;
  /** Use the template in the trajectory's own setting (origin at the cell origin, no inversion):
   * needed when the host framework alone has a pseudo-symmetry that would swap site types. */
  fixedOrigin?: boolean;
}

/** Ideal lattices known by name. */
export type IdealLattice = 'fcc' | 'bcc' | 'hcp';

function allCombos(values: number[][]): number[][] {
  // Cartesian product of per-axis value lists.
  const out: number[][] = [];
  for (const a of values[0]) for (const b of values[1]) for (const c of values[2]) out.push([a, b, c]);
  return out;
}

/** Tetrahedral sites of bcc: one coordinate ½, one 0, one ¼ or ¾ (12 per cubic cell, Wyckoff 12d of Im-3m). */
function bccTetrahedralCentres(): number[][] {
  const out: number[][] = [];
  for (let half = 0; half < 3; half++)
    for (let zero = 0; zero < 3; zero++) {
      if (zero === half) continue;
      const q = 3 - half - zero;
      for (const v of [0.25, 0.75]) {
        const p = [0, 0, 0];
        p[half] = 0.5;
        p[zero] = 0;
        p[q] = v;
        out.push(p);
      }
    }
  return out;
}

/**
 * Template of an ideal fcc, bcc or hcp host lattice with tetrahedral and octahedral sites;
 * trigonal and linear sites are derived from them when the network is built.
 */
export function idealLatticeTemplate(lattice: IdealLattice): SiteTemplate {
  const derive = { trigonal: true, linear: true };
  if (lattice === 'fcc') {
    return {
      name: 'fcc',
      cell: Cell.orthorhombic(1, 1, 1),
      hostFrac: [
        [0, 0, 0],
        [0, 0.5, 0.5],
        [0.5, 0, 0.5],
        [0.5, 0.5, 0],
      ],
      siteTypes: [
        {
          name: 'tetrahedral',
          kind: 'tetrahedral',
          nVertices: 4,
          centresFrac: allCombos([
            [0.25, 0.75],
            [0.25, 0.75],
            [0.25, 0.75],
          ]),
        },
        {
          name: 'octahedral',
          kind: 'octahedral',
          nVertices: 6,
          centresFrac: [
            [0.5, 0.5, 0.5],
            [0.5, 0, 0],
            [0, 0.5, 0],
            [0, 0, 0.5],
          ],
        },
      ],
      derive,
    };
  }
  if (lattice === 'bcc') {
    return {
      name: 'bcc',
      cell: Cell.orthorhombic(1, 1, 1),
      hostFrac: [
        [0, 0, 0],
        [0.5, 0.5, 0.5],
      ],
      siteTypes: [
        { name: 'tetrahedral', kind: 'tetrahedral', nVertices: 4, centresFrac: bccTetrahedralCentres() },
        {
          name: 'octahedral',
          kind: 'octahedral',
          nVertices: 6,
          centresFrac: [
            [0.5, 0.5, 0],
            [0.5, 0, 0.5],
            [0, 0.5, 0.5],
            [0.5, 0, 0],
            [0, 0.5, 0],
            [0, 0, 0.5],
          ],
        },
      ],
      derive,
    };
  }
  if (lattice === 'hcp') {
    // Hexagonal cell a = b = 1, c = √(8/3), γ = 120°; hosts at (⅓,⅔,¼) and (⅔,⅓,¾).
    const c = Math.sqrt(8 / 3);
    return {
      name: 'hcp',
      cell: Cell.fromParameters(1, 1, c, 90, 90, 120),
      hostFrac: [
        [1 / 3, 2 / 3, 0.25],
        [2 / 3, 1 / 3, 0.75],
      ],
      siteTypes: [
        {
          name: 'tetrahedral',
          kind: 'tetrahedral',
          nVertices: 4,
          centresFrac: [
            [1 / 3, 2 / 3, 0.625],
            [1 / 3, 2 / 3, 0.875],
            [2 / 3, 1 / 3, 0.125],
            [2 / 3, 1 / 3, 0.375],
          ],
        },
        {
          name: 'octahedral',
          kind: 'octahedral',
          nVertices: 6,
          centresFrac: [
            [0, 0, 0],
            [0, 0, 0.5],
          ],
        },
      ],
      derive,
    };
  }
  throw new InputError(`unknown lattice "${lattice as string}"; expected fcc, bcc or hcp`);
}
