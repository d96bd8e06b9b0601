/**
 * The ideal F-43m argyrodite Li6PS5X (X = Cl, Br, I) as a site template (Morgan, Chem. Mater. 2021).
 *
 * Hosts: all anion positions of the conventional cell — 4a (0,0,0) and 4d (¾,¾,¾), the two sites
 * that S²⁻ and X⁻ share (S/X "site exchange" disorder), and 16e (x = 0.38176 in Morgan's setting,
 * the four S of each PS4 tetrahedron): 24 hosts per conventional cell, so host = S + X atoms.
 * Sites: the six tetrahedral interstice types Morgan 2021 enumerates for Li6PS5X, named as there:
 *   type 0  4b  (½,0,0)            the PS4 centre (occupied by P, never by Li)
 *   type 1  16e (0.9, 0.9, 0.6)
 *   type 2  48h (0.23, 0.92, 0.08)  the inter-cage site between neighbouring Li cages
 *   type 3  4c  (¼,¼,¼)
 *   type 4  16e (0.15, 0.15, 0.15)
 *   type 5  48h (0, 0.183, 0.183)   the usual Li site (pairs of 48h sites in each cage)
 * Each site is the tetrahedron of the 4 hosts nearest to its ideal centre. Positions are
 * expanded with the 24 operations of the point group -43m (signed permutations with an even
 * number of sign changes) and the 4 face-centring translations: 4 + 16 + 48 + 4 + 16 + 48 = 136
 * sites per conventional cell (checked in tests).
 *
 * Setting: the template is used in the trajectory's own setting (fixed origin, as Morgan's analysis
 * maps MD cells onto the reference without a shift). The anion framework alone has a pseudo-symmetry —
 * inversion through (⅜,⅜,⅜) swaps 4a ↔ 4d and takes the 16e x = 0.382 to 0.368, within ~0.25 Å —
 * which, if an origin search were allowed, could silently swap site types 5 ↔ 2 and 1 ↔ 4.
 */
import { Cell } from '../core/cell.js';
import type { SiteTemplate } from './siteTemplate.js';

const PERMUTATIONS = [
  [0, 1, 2],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
];
const EVEN_SIGNS = [
  [1, 1, 1],
  [1, -1, -1],
  [-1, 1, -1],
  [-1, -1, 1],
];
const FCC_TRANSLATIONS = [
  [0, 0, 0],
  [0, 0.5, 0.5],
  [0.5, 0, 0.5],
  [0.5, 0.5, 0],
];

/** Orbit of a fractional position under F-43m (Td point operations × face centring), wrapped to [0,1). */
export function orbitF43m(p: number[]): number[][] {
  const out: number[][] = [];
  const key = (q: number[]) => q.map((v) => Math.round(v * 1e6) % 1000000).join(',');
  const seen = new Set<string>();
  for (const perm of PERMUTATIONS)
    for (const s of EVEN_SIGNS)
      for (const t of FCC_TRANSLATIONS) {
        const q = [0, 1, 2].map((k) => {
          const v = s[k] * p[perm[k]] + t[k];
          const w = v - Math.floor(v);
          return w > 1 - 1e-9 ? 0 : w;
        });
        const k = key(q);
        if (!seen.has(k)) {
          seen.add(k);
          out.push(q);
        }
      }
  return out;
}

/** Representative (generating) positions of the template, Morgan 2021 setting. */
export const ARGYRODITE_POSITIONS = {
  hosts: { '4a': [0, 0, 0], '4d': [0.75, 0.25, 0.25], '16e': [0.11824, 0.11824, 0.38176] },
  sites: {
    'type 0': [0.5, 0, 0],
    'type 1': [0.9, 0.9, 0.6],
    'type 2': [0.23, 0.92, 0.08],
    'type 3': [0.25, 0.25, 0.25],
    'type 4': [0.15, 0.15, 0.15],
    'type 5': [0, 0.183, 0.183],
  },
} as const;

/** The F-43m argyrodite template with Morgan 2021's six tetrahedral site types (hosts: S + X). */
export function argyroditeTemplate(): SiteTemplate {
  const hostFrac = Object.values(ARGYRODITE_POSITIONS.hosts).flatMap((p) => orbitF43m(p as unknown as number[]));
  const siteTypes = Object.entries(ARGYRODITE_POSITIONS.sites).map(([name, p]) => ({
    name,
    kind: 'tetrahedral' as const,
    nVertices: 4,
    centresFrac: orbitF43m(p as unknown as number[]),
  }));
  return { name: 'argyrodite F-43m (Morgan 2021)', cell: Cell.orthorhombic(1, 1, 1), hostFrac, siteTypes, tryInversion: true, fixedOrigin: true };
}
