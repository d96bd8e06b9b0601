/**
 * Rigid hydroborate anions (BH4⁻, B10H10²⁻, B12H12²⁻) and their seeded random orientations, for building
 * the orientationally disordered phases of the papers' hydride electrolytes (paperMaterials.ts).
 *
 * Geometries (Å, centred on the anion's centroid):
 * - BH4⁻: regular tetrahedron, B–H = 1.22 Å (H–B–H 109.47°), the B–H length of the refined borohydrides
 *   (Filinchuk, Chernyshov & Dmitriev, Z. Kristallogr. 223, 649 (2008), LiBH4 at 535 K: B–H ≈ 1.2 Å after
 *   correcting the short X-ray lengths of Soulié et al. 2002).
 * - B10H10²⁻: bicapped square antiprism (D4d): apex–ring B–B 1.70, in-ring 1.83, ring–ring 1.81 Å, B–H 1.20 Å
 *   along the outward radius (the closo-decaborate of Dobrott & Lipscomb, J. Chem. Phys. 37, 1779 (1962)).
 * - B12H12²⁻: regular icosahedron, B–B 1.78 Å, B–H 1.20 Å radial (Her et al., Inorg. Chem. 47, 9757 (2008):
 *   B–B 1.77–1.80 Å in α-Li2B12H12).
 *
 * Orientations: a uniform random rotation (Shoemake, Graphics Gems III (1992): unit quaternion from three
 * uniforms); `axial`, the unit's own main axis turned onto a given direction and spun by a uniform angle about
 * it; or `choice`, one of a given set of orientations (e.g. the two cubic B12H12 orientations of Verdal 2011).
 * Orientations are then redrawn (same Random stream) until every atom keeps its minimum distance to all other
 * atoms (minimum image), so a seed fixes the whole configuration.
 */
import { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import { Random } from '../core/random.js';

/** A rigid anion: species and centred Cartesian positions (Å), and its main axis (unit vector). */
export interface RigidUnit {
  name: string;
  species: string[];
  /** x, y, z per atom, Å, centroid at the origin. */
  positions: number[];
  /** Main axis of the unit (BH4: a B–H bond; B10H10: the apex–apex axis; B12H12: a fivefold axis). */
  axis: [number, number, number];
  /** Bond lengths the geometry was built from, Å (for checks). */
  bonds: Record<string, number>;
}

export type RigidUnitName = 'BH4' | 'B10H10' | 'B12H12';

const BH = { BH4: 1.22, cluster: 1.2 };

/** The rigid geometry of a named hydroborate anion. */
export function rigidUnit(name: RigidUnitName): RigidUnit {
  const species: string[] = [],
    pos: number[] = [];
  const add = (s: string, v: number[]) => {
    species.push(s);
    pos.push(...v);
  };
  const scaled = (v: number[], r: number) => {
    const n = Math.hypot(...v);
    return v.map((x) => (x * r) / n);
  };
  if (name === 'BH4') {
    add('B', [0, 0, 0]);
    for (const v of [
      [1, 1, 1],
      [1, -1, -1],
      [-1, 1, -1],
      [-1, -1, 1],
    ])
      add('H', scaled(v, BH.BH4));
    return { name, species, positions: pos, axis: scaled([1, 1, 1], 1) as [number, number, number], bonds: { 'B-H': BH.BH4 } };
  }
  if (name === 'B12H12') {
    const phi = (1 + Math.sqrt(5)) / 2,
      edge = 1.78;
    const R = edge * Math.sin((2 * Math.PI) / 5); // icosahedron circumradius
    const verts: number[][] = [];
    for (const s1 of [-1, 1]) for (const s2 of [-1, 1]) verts.push([0, s1, s2 * phi], [s1, s2 * phi, 0], [s2 * phi, 0, s1]);
    for (const v of verts) add('B', scaled(v, R));
    for (const v of verts) add('H', scaled(v, R + BH.cluster));
    return { name, species, positions: pos, axis: scaled([0, 1, phi], 1) as [number, number, number], bonds: { 'B-B': edge, 'B-H': BH.cluster } };
  }
  if (name === 'B10H10') {
    const apexRing = 1.7,
      inRing = 1.83,
      ringRing = 1.81;
    const r = inRing / Math.SQRT2; // square of side inRing
    const dxy2 = 2 * r * r * (1 - Math.cos(Math.PI / 4));
    const hRing = Math.sqrt(ringRing * ringRing - dxy2) / 2;
    const hApex = hRing + Math.sqrt(apexRing * apexRing - r * r);
    const boron: number[][] = [
      [0, 0, hApex],
      [0, 0, -hApex],
    ];
    for (let k = 0; k < 4; k++) {
      const a = (k * Math.PI) / 2,
        b = a + Math.PI / 4;
      boron.push([r * Math.cos(a), r * Math.sin(a), hRing], [r * Math.cos(b), r * Math.sin(b), -hRing]);
    }
    for (const v of boron) add('B', v);
    for (const v of boron) add('H', scaled(v, Math.hypot(...v) + BH.cluster));
    return {
      name,
      species,
      positions: pos,
      axis: [0, 0, 1],
      bonds: { 'B-B(apex-ring)': apexRing, 'B-B(in-ring)': inRing, 'B-B(ring-ring)': ringRing, 'B-H': BH.cluster },
    };
  }
  throw new InputError(`unknown rigid anion "${name as string}"; expected BH4, B10H10 or B12H12`);
}

/** Rotation matrix (row-major 3×3) of a unit quaternion (w, x, y, z). */
function quaternionMatrix(w: number, x: number, y: number, z: number): number[] {
  return [
    1 - 2 * (y * y + z * z),
    2 * (x * y - w * z),
    2 * (x * z + w * y),
    2 * (x * y + w * z),
    1 - 2 * (x * x + z * z),
    2 * (y * z - w * x),
    2 * (x * z - w * y),
    2 * (y * z + w * x),
    1 - 2 * (x * x + y * y),
  ];
}

/** A uniformly distributed random rotation (Shoemake 1992). */
export function randomRotation(rng: Random): number[] {
  const u1 = rng.uniform(),
    u2 = 2 * Math.PI * rng.uniform(),
    u3 = 2 * Math.PI * rng.uniform();
  const a = Math.sqrt(1 - u1),
    b = Math.sqrt(u1);
  return quaternionMatrix(a * Math.sin(u2), a * Math.cos(u2), b * Math.sin(u3), b * Math.cos(u3));
}

/** Rotation taking unit vector `from` onto unit vector `to`, followed by a turn of `angle` about `to`. */
export function axialRotation(from: ArrayLike<number>, to: ArrayLike<number>, angle: number): number[] {
  const n = Math.hypot(to[0], to[1], to[2]);
  const t = [to[0] / n, to[1] / n, to[2] / n];
  // Align: rotation about from × to by the angle between them (Rodrigues); antiparallel handled explicitly.
  const c = from[0] * t[0] + from[1] * t[1] + from[2] * t[2];
  let align: number[];
  if (c > 1 - 1e-12) align = [1, 0, 0, 0, 1, 0, 0, 0, 1];
  else if (c < -1 + 1e-12) {
    const p = Math.abs(from[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
    const k = cross(from, p),
      kn = Math.hypot(...k);
    align = rodrigues(
      k.map((v) => v / kn),
      Math.PI,
    );
  } else {
    const k = cross(from, t),
      kn = Math.hypot(...k);
    align = rodrigues(
      k.map((v) => v / kn),
      Math.acos(c),
    );
  }
  return matMul(rodrigues(t, angle), align);
}

function cross(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function rodrigues(k: number[], th: number): number[] {
  const c = Math.cos(th),
    s = Math.sin(th),
    v = 1 - c,
    [x, y, z] = k;
  return [
    c + x * x * v,
    x * y * v - z * s,
    x * z * v + y * s,
    y * x * v + z * s,
    c + y * y * v,
    y * z * v - x * s,
    z * x * v - y * s,
    z * y * v + x * s,
    c + z * z * v,
  ];
}

function matMul(a: number[], b: number[]): number[] {
  const o = new Array<number>(9).fill(0);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) o[3 * i + j] += a[3 * i + k] * b[3 * k + j];
  return o;
}

/** How anions are oriented: uniformly at random, or with the unit's main axis along `axis` and a random spin. */
export type AnionOrientation =
  | { mode: 'uniform' }
  | { mode: 'axial'; axis: [number, number, number] }
  /** One of a published set of orientations (row-major 3×3 rotations of the unit), chosen at random per anion. */
  | { mode: 'choice'; rotations: number[][] };

export interface RigidPlacementOptions {
  /** Minimum allowed distance between an anion atom and any other atom, by species pair (key "H-Li" etc., either order), Å. */
  minDistance: Record<string, number>;
  /** Sweeps of the overlap removal before giving up (default 200). */
  maxSweeps?: number;
  /** Trial orientations per anion and sweep (default 24). */
  trials?: number;
}

/**
 * Place rigid units at Cartesian centres with seeded random orientations that keep the minimum distances to
 * the `fixed` atoms and to each other. Each anion starts from a random orientation; while some distance is
 * short, sweeps redraw the orientation of every anion in contact (a fresh random draw or a random turn of up
 * to ~30° about its current one), keeping a draw only if it lowers that anion's overlap Σ (d_min − d)². The
 * result is random but free of overlaps; a seed fixes it. Returns species and positions of the placed atoms
 * (anion by anion, in the order of `centres`).
 */
export function placeRigidUnits(
  cell: Cell,
  fixed: { species: string[]; positions: number[] },
  unit: RigidUnit,
  centres: number[][],
  orientation: AnionOrientation,
  rng: Random,
  opts: RigidPlacementOptions,
): { species: string[]; positions: number[] } {
  const maxSweeps = opts.maxSweeps ?? 200,
    trials = opts.trials ?? 24;
  const minD = (a: string, b: string) => opts.minDistance[`${a}-${b}`] ?? opts.minDistance[`${b}-${a}`] ?? 0;
  const n = unit.species.length,
    nA = centres.length,
    nF = fixed.species.length,
    t = [0, 0, 0];
  const draw = (): number[] => {
    if (orientation.mode === 'uniform') return randomRotation(rng);
    if (orientation.mode === 'axial') return axialRotation(unit.axis, orientation.axis, 2 * Math.PI * rng.uniform());
    return orientation.rotations[rng.int(orientation.rotations.length)];
  };
  const turn = (R: number[]): number[] => {
    if (orientation.mode !== 'uniform') return draw();
    const k = [rng.normal(), rng.normal(), rng.normal()],
      kn = Math.hypot(...k);
    return matMul(
      rodrigues(
        k.map((v) => v / kn),
        0.5 * (rng.uniform() - 0.5),
      ),
      R,
    );
  };
  const atomsOf = (q: number, R: number[]): number[] => {
    const x: number[] = [],
      c = centres[q];
    for (let i = 0; i < n; i++) {
      const p = unit.positions.slice(3 * i, 3 * i + 3);
      for (let r = 0; r < 3; r++) x.push(c[r] + R[3 * r] * p[0] + R[3 * r + 1] * p[1] + R[3 * r + 2] * p[2]);
    }
    return x;
  };
  // Neighbours that can touch anion q: fixed atoms and anion centres within reach (minimum image).
  let rUnit = 0;
  for (let i = 0; i < n; i++) rUnit = Math.max(rUnit, Math.hypot(unit.positions[3 * i], unit.positions[3 * i + 1], unit.positions[3 * i + 2]));
  const dMax = Math.max(0, ...Object.values(opts.minDistance));
  const nearFixed: number[][] = [],
    nearAnion: number[][] = [];
  for (let q = 0; q < nA; q++) {
    const c = centres[q],
      nf: number[] = [],
      na: number[] = [];
    for (let j = 0; j < nF; j++) {
      if (
        cell.minimumImage(fixed.positions[3 * j] - c[0], fixed.positions[3 * j + 1] - c[1], fixed.positions[3 * j + 2] - c[2], t) <
        (rUnit + dMax) ** 2
      )
        nf.push(j);
    }
    for (let p = 0; p < nA; p++) {
      if (p !== q && cell.minimumImage(centres[p][0] - c[0], centres[p][1] - c[1], centres[p][2] - c[2], t) < (2 * rUnit + dMax) ** 2) na.push(p);
    }
    nearFixed.push(nf);
    nearAnion.push(na);
  }
  const R = centres.map(() => draw());
  const X = R.map((r, q) => atomsOf(q, r));
  const overlap = (q: number, x: number[]): number => {
    let e = 0;
    for (let i = 0; i < n; i++) {
      for (const j of nearFixed[q]) {
        const d = minD(unit.species[i], fixed.species[j]);
        if (d <= 0) continue;
        const d2 = cell.minimumImage(
          fixed.positions[3 * j] - x[3 * i],
          fixed.positions[3 * j + 1] - x[3 * i + 1],
          fixed.positions[3 * j + 2] - x[3 * i + 2],
          t,
        );
        if (d2 < d * d) e += (d - Math.sqrt(d2)) ** 2;
      }
      for (const p of nearAnion[q]) {
        const y = X[p];
        for (let j = 0; j < n; j++) {
          const d = minD(unit.species[i], unit.species[j]);
          if (d <= 0) continue;
          const d2 = cell.minimumImage(y[3 * j] - x[3 * i], y[3 * j + 1] - x[3 * i + 1], y[3 * j + 2] - x[3 * i + 2], t);
          if (d2 < d * d) e += (d - Math.sqrt(d2)) ** 2;
        }
      }
    }
    return e;
  };
  let clean = false;
  for (let sweep = 0; sweep < maxSweeps && !clean; sweep++) {
    clean = true;
    for (let q = 0; q < nA; q++) {
      let e = overlap(q, X[q]);
      if (e === 0) continue;
      clean = false;
      for (let k = 0; k < trials && e > 0; k++) {
        const r = k % 2 === 0 ? draw() : turn(R[q]);
        const x = atomsOf(q, r),
          e1 = overlap(q, x);
        if (e1 < e) {
          e = e1;
          R[q] = r;
          X[q] = x;
        }
      }
    }
  }
  if (!clean) {
    let worst = 0;
    for (let q = 0; q < nA; q++) worst = Math.max(worst, overlap(q, X[q]));
    if (worst > 0)
      throw new InputError(
        `could not orient ${nA} ${unit.name} anions without overlaps in ${maxSweeps} sweeps (minimum distances ${JSON.stringify(opts.minDistance)}); the cell is too dense for these distances`,
      );
  }
  return { species: centres.flatMap(() => unit.species), positions: X.flat() };
}
