/**
 * Reference angle sets for cation–anion–cation angle distributions (Kweon 2017 Fig. 5; Wood 2021 Fig. 3).
 *
 * - Icosahedral C3 axes: the angles between the 20 face normals of a regular icosahedron
 *   (41.8°, 70.5°, 109.5°, 138.2°, 180°) — where cations sit over the B3 faces of B12H12²⁻.
 * - Ideal-lattice interstitial sites: around one anion of an ideal fcc, bcc or hcp lattice, the sites of
 *   one type that have this anion as a vertex (tetrahedral: 4 nearest anions; octahedral: 6; trigonal:
 *   3; linear: 2), and the site–anion–site angles between them with their multiplicities.
 *   Tetrahedral and octahedral sites are the textbook positions; trigonal sites are the face centroids
 *   of the anion tetrahedra and linear sites the midpoints of their nearest-neighbour edges (Kweon 2017;
 *   Wood 2021), the same conventions as the site templates of src/sites.
 */
import { InputError } from '../core/errors.js';

/** Angles (degrees) between the C3 axes (face normals) of an ideal icosahedron. */
export const ICOSAHEDRAL_C3_ANGLES_DEG: readonly number[] = [41.81, 70.53, 109.47, 138.19, 180];

export type AnionPacking = 'fcc' | 'bcc' | 'hcp';
export type ReferenceSiteType = 'tetrahedral' | 'octahedral' | 'trigonal' | 'linear';

export interface ReferenceAngleSet {
  lattice: AnionPacking;
  site: ReferenceSiteType;
  /** Sites of this type that have the central anion as a vertex. */
  sitesAroundAnion: number;
  /** Distinct site–anion–site angles (degrees, rounded to 0.01°), ascending. */
  angles_deg: number[];
  /** Fraction of site pairs at each angle (sums to 1). */
  weights: number[];
  /** Distances anion–site (Å, for lattice constant a = 1), distinct values. */
  distances_a: number[];
}

/** The 20 face normals of a regular icosahedron (unit vectors). */
export function icosahedronFaceNormals(): Float64Array {
  const v = icosahedronVertices();
  const normals: number[] = [];
  // Faces: triples of mutually nearest vertices (edge length 2 for these coordinates).
  const d2 = (i: number, j: number) => (v[3 * i] - v[3 * j]) ** 2 + (v[3 * i + 1] - v[3 * j + 1]) ** 2 + (v[3 * i + 2] - v[3 * j + 2]) ** 2;
  for (let i = 0; i < 12; i++)
    for (let j = i + 1; j < 12; j++)
      for (let k = j + 1; k < 12; k++) {
        if (Math.abs(d2(i, j) - 4) < 1e-9 && Math.abs(d2(j, k) - 4) < 1e-9 && Math.abs(d2(i, k) - 4) < 1e-9) {
          const c = [0, 1, 2].map((q) => (v[3 * i + q] + v[3 * j + q] + v[3 * k + q]) / 3);
          const n = Math.hypot(c[0], c[1], c[2]);
          normals.push(c[0] / n, c[1] / n, c[2] / n);
        }
      }
  return Float64Array.from(normals);
}

/** The 12 vertices of a regular icosahedron with edge length 2: (0, ±1, ±φ) and cyclic permutations. */
export function icosahedronVertices(): Float64Array {
  const phi = (1 + Math.sqrt(5)) / 2;
  const out: number[] = [];
  for (const s1 of [-1, 1])
    for (const s2 of [-1, 1]) {
      out.push(0, s1, s2 * phi, s1, s2 * phi, 0, s2 * phi, 0, s1);
    }
  return Float64Array.from(out);
}

interface IdealCell {
  /** Lattice vectors (rows), a = 1. */
  matrix: number[];
  /** Fractional anion positions. */
  anions: number[][];
  /** Fractional tetrahedral and octahedral site positions. */
  tet: number[][];
  oct: number[][];
}

function idealCell(lattice: AnionPacking): IdealCell {
  const q = 0.25,
    t = 0.75;
  if (lattice === 'fcc') {
    const tet: number[][] = [];
    for (const x of [q, t]) for (const y of [q, t]) for (const z of [q, t]) tet.push([x, y, z]);
    return {
      matrix: [1, 0, 0, 0, 1, 0, 0, 0, 1],
      anions: [
        [0, 0, 0],
        [0, 0.5, 0.5],
        [0.5, 0, 0.5],
        [0.5, 0.5, 0],
      ],
      tet,
      oct: [
        [0.5, 0.5, 0.5],
        [0.5, 0, 0],
        [0, 0.5, 0],
        [0, 0, 0.5],
      ],
    };
  }
  if (lattice === 'bcc') {
    // 12 tetrahedral sites (½, ¼, 0) and permutations; 6 octahedral sites (face centres and edge centres).
    const tet: number[][] = [];
    for (const [a, b] of [
      [0.5, 0.25],
      [0.5, 0.75],
    ]) {
      tet.push([a, b, 0], [b, a, 0], [0, a, b], [0, b, a], [a, 0, b], [b, 0, a]);
    }
    return {
      matrix: [1, 0, 0, 0, 1, 0, 0, 0, 1],
      anions: [
        [0, 0, 0],
        [0.5, 0.5, 0.5],
      ],
      tet,
      oct: [
        [0.5, 0.5, 0],
        [0.5, 0, 0.5],
        [0, 0.5, 0.5],
        [0.5, 0, 0],
        [0, 0.5, 0],
        [0, 0, 0.5],
      ],
    };
  }
  // Ideal hcp, a = 1, c = √(8/3): anions at (⅓,⅔,¼), (⅔,⅓,¾); octahedral at (0,0,0), (0,0,½);
  // tetrahedral straight above/below each anion at ±3c/8.
  const c = Math.sqrt(8 / 3);
  return {
    matrix: [1, 0, 0, -0.5, Math.sqrt(3) / 2, 0, 0, 0, c],
    anions: [
      [1 / 3, 2 / 3, 0.25],
      [2 / 3, 1 / 3, 0.75],
    ],
    tet: [
      [1 / 3, 2 / 3, 0.625],
      [1 / 3, 2 / 3, 0.875],
      [2 / 3, 1 / 3, 0.375],
      [2 / 3, 1 / 3, 0.125],
    ],
    oct: [
      [0, 0, 0],
      [0, 0, 0.5],
    ],
  };
}

/**
 * Angles between the interstitial sites of one type around one anion of an ideal lattice.
 * Computed from the lattice geometry (a = 1; the angles do not depend on a).
 */
export function idealSiteAngles(lattice: AnionPacking, site: ReferenceSiteType): ReferenceAngleSet {
  if (!['fcc', 'bcc', 'hcp'].includes(lattice)) throw new InputError(`lattice must be fcc, bcc or hcp, got "${lattice}"`);
  if (!['tetrahedral', 'octahedral', 'trigonal', 'linear'].includes(site)) {
    throw new InputError(`site type must be tetrahedral, octahedral, trigonal or linear, got "${site}"`);
  }
  const cellDef = idealCell(lattice);
  const M = cellDef.matrix;
  const cart = (f: number[]) => [0, 1, 2].map((k) => f[0] * M[k] + f[1] * M[3 + k] + f[2] * M[6 + k]);
  // Anions in a 5×5×5 block of cells around the origin; the central anion is anions[0] at image (0,0,0).
  const anions: number[][] = [];
  for (let i = -2; i <= 2; i++)
    for (let j = -2; j <= 2; j++)
      for (let k = -2; k <= 2; k++) {
        for (const f of cellDef.anions) anions.push(cart([f[0] + i, f[1] + j, f[2] + k]));
      }
  const centre = cart(cellDef.anions[0]);
  const vertexCount = { tetrahedral: 4, octahedral: 6, trigonal: 3, linear: 2 }[site];

  // Candidate sites in a 3×3×3 block.
  let base: number[][];
  if (site === 'octahedral') base = cellDef.oct;
  else base = cellDef.tet;
  const candidates: number[][] = [];
  for (let i = -1; i <= 1; i++)
    for (let j = -1; j <= 1; j++)
      for (let k = -1; k <= 1; k++) {
        for (const f of base) candidates.push(cart([f[0] + i, f[1] + j, f[2] + k]));
      }
  const nearest = (p: number[], n: number) =>
    anions
      .map((a, idx) => ({ idx, d: Math.hypot(a[0] - p[0], a[1] - p[1], a[2] - p[2]) }))
      .sort((x, y) => x.d - y.d)
      .slice(0, n);

  let sites: number[][] = [];
  if (site === 'tetrahedral' || site === 'octahedral') {
    sites = candidates;
  } else {
    // Trigonal: unique faces of the anion tetrahedra and octahedra (in hcp some triangles belong to
    // octahedra only). Linear: unique nearest-neighbour edges of the tetrahedra.
    const seen = new Set<string>();
    const dnn = nearest(centre, 2)[1].d; // nearest anion–anion distance
    const addCentroid = (pts: number[][]) => {
      const p = [0, 1, 2].map((k) => pts.reduce((acc, q) => acc + q[k], 0) / pts.length);
      const key = p.map((x) => x.toFixed(6)).join(',');
      if (!seen.has(key)) {
        seen.add(key);
        sites.push(p);
      }
    };
    const dist = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
    for (const t of candidates) {
      const v = nearest(t, 4).map((x) => anions[x.idx]);
      if (site === 'trigonal') {
        for (const f of [
          [0, 1, 2],
          [0, 1, 3],
          [0, 2, 3],
          [1, 2, 3],
        ])
          addCentroid(f.map((q) => v[q]));
      } else {
        for (const [i, j] of [
          [0, 1],
          [0, 2],
          [0, 3],
          [1, 2],
          [1, 3],
          [2, 3],
        ]) {
          // Linear sites sit on nearest-neighbour edges only (in bcc the long a-edges' midpoints are octahedral sites).
          if (dist(v[i], v[j]) <= dnn + 1e-6) addCentroid([v[i], v[j]]);
        }
      }
    }
    if (site === 'trigonal') {
      const octs: number[][] = [];
      for (let i = -1; i <= 1; i++)
        for (let j = -1; j <= 1; j++)
          for (let k = -1; k <= 1; k++) {
            for (const f of cellDef.oct) octs.push(cart([f[0] + i, f[1] + j, f[2] + k]));
          }
      for (const o of octs) {
        const v = nearest(o, 6).map((x) => anions[x.idx]);
        // Opposite vertex of each vertex = the farthest one; faces are triples with no opposite pair.
        const opp = v.map((a) => v.reduce((best, b, q) => (dist(a, b) > dist(a, v[best]) ? q : best), 0));
        for (let a = 0; a < 6; a++)
          for (let b = a + 1; b < 6; b++)
            for (let c = b + 1; c < 6; c++) {
              if (opp[a] === b || opp[a] === c || opp[b] === c) continue;
              addCentroid([v[a], v[b], v[c]]);
            }
      }
    }
  }
  // Keep sites whose vertex set (their nearest `vertexCount` anions, ties within 1e-6 included) holds the central anion.
  const around: number[][] = [];
  for (const p of sites) {
    const ranked = nearest(p, vertexCount + 6);
    const dv = ranked[vertexCount - 1].d;
    const verts = ranked.filter((x) => x.d <= dv + 1e-6);
    if (verts.some((x) => Math.hypot(anions[x.idx][0] - centre[0], anions[x.idx][1] - centre[1], anions[x.idx][2] - centre[2]) < 1e-9)) {
      around.push([p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]]);
    }
  }
  const angleCounts = new Map<number, number>();
  const distances = new Set<number>();
  for (const p of around) distances.add(Math.round(Math.hypot(p[0], p[1], p[2]) * 1e4) / 1e4);
  for (let i = 0; i < around.length; i++)
    for (let j = i + 1; j < around.length; j++) {
      const a = around[i],
        b = around[j];
      const c = (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / (Math.hypot(a[0], a[1], a[2]) * Math.hypot(b[0], b[1], b[2]));
      const ang = Math.round(((Math.acos(Math.max(-1, Math.min(1, c))) * 180) / Math.PI) * 100) / 100;
      angleCounts.set(ang, (angleCounts.get(ang) ?? 0) + 1);
    }
  const angles = [...angleCounts.keys()].sort((x, y) => x - y);
  const total = [...angleCounts.values()].reduce((s, x) => s + x, 0);
  return {
    lattice,
    site,
    sitesAroundAnion: around.length,
    angles_deg: angles,
    weights: angles.map((a) => angleCounts.get(a)! / total),
    distances_a: [...distances].sort((x, y) => x - y),
  };
}
