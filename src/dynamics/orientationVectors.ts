/**
 * Orientation of each rotor in each frame as a unit vector (Kweon 2017 Fig. 6; Li 2025 Fig. 2):
 *   "atom":      r̂ = (r_atom − r_COM)/|…|, COM → a chosen constituent atom;
 *   "principal": the principal axis of the inertia tensor I = Σ m (|p|²𝟙 − p pᵀ) with the smallest
 *                ("long axis", default) or largest moment, its sign kept continuous in time.
 * Rotors are made whole per frame (wholeRotor.ts). The principal axis is undefined for spherical tops
 * (PS4, B12H12: three equal moments): use an atom for them.
 *
 * A COM → atom pointer must be long enough for its direction to mean something: an atom at (or near)
 * the centre of mass, such as P in PS4³⁻, points along its own thermal displacement from the COM,
 * i.e. noise. Such a pointer is refused (InputError) when its time-averaged length is below
 * max(`minPointer_A` = 0.3 Å, `minPointerFraction` = 20 % × the rotor's mean COM–atom distance);
 * the thermal displacement of an atom at 300–1000 K is ≈ 0.1–0.2 Å.
 */
import { InputError } from '../core/errors.js';
import type { Trajectory } from '../core/trajectory.js';
import { symmetricEigen } from '../geometry/symmetricEigen.js';
import type { VectorSeries } from './vectorAutocorrelation.js';
import type { Cell } from '../core/cell.js';
import { frameCell, wholeRotorAt } from './wholeRotor.js';
import { parentSlots } from '../geometry/molecules.js';

/** A rotor: its atom indices (for "atom" orientation, `pointer` is the atom the vector points to). */
export interface Rotor {
  atoms: ArrayLike<number>;
  /** Atom (global index, one of `atoms`) the COM → atom vector points to; default the second atom of `atoms`. */
  pointer?: number;
  /**
   * Bond-tree parent of each atom (atom index, −1 for the first atom), as MoleculeSet.parents: the
   * rotor is made whole along its bonds. Default: every atom from the first atom (wholeRotor.ts).
   */
  parents?: ArrayLike<number>;
}

export interface OrientationOptions {
  /** "atom" (default) or "principal". */
  kind?: 'atom' | 'principal';
  /** For "principal": the axis of the "smallest" (default) or "largest" moment. */
  axis?: 'smallest' | 'largest';
  /** Smallest accepted mean COM → pointer length, Å (default 0.3; "atom" only; see the header). */
  minPointer_A?: number;
  /** Smallest accepted mean COM → pointer length as a fraction of the rotor's mean COM–atom distance (default 0.2). */
  minPointerFraction?: number;
}

export interface RotorOrientations {
  /** Unit orientation vectors per frame per rotor. */
  orientations: VectorSeries;
  /** COM positions (Å), same layout (continuous only as far as the first atom's positions are). */
  com: VectorSeries;
  /** Time-averaged COM → pointer length per rotor, Å ("atom" only; null for "principal"). */
  pointerLength_A: Float64Array | null;
  /** Time-averaged mean COM–atom distance over all atoms of each rotor, Å. */
  meanAtomDistance_A: Float64Array;
}

/**
 * Orientation vectors and COMs of `rotors` over all frames. For "atom", the vector points to
 * `rotor.pointer`, or to the second atom of the rotor when none is given.
 * Throws an InputError for an empty rotor list or a rotor with fewer atoms than the orientation needs
 * (2 for "atom", 2 for "principal").
 */
export function orientationVectors(traj: Trajectory, rotors: Rotor[], opts: OrientationOptions = {}): RotorOrientations {
  const where = { file: traj.info.source };
  const kind = opts.kind ?? 'atom';
  const R = rotors.length,
    T = traj.nFrames;
  if (R === 0) throw new InputError('no rotors given: expected at least one molecule', where);
  if (T === 0) throw new InputError('the trajectory has no frames', where);
  rotors.forEach((r, q) => {
    if (r.atoms.length < 2) {
      throw new InputError(
        `rotor ${q} has ${r.atoms.length} atom(s); a ${kind === 'atom' ? 'COM → atom' : 'principal-axis'} orientation needs at least 2`,
        where,
      );
    }
    for (let k = 0; k < r.atoms.length; k++) {
      if (!(r.atoms[k] >= 0 && r.atoms[k] < traj.nAtoms))
        throw new InputError(`rotor ${q}: atom index ${r.atoms[k]} out of range (0..${traj.nAtoms - 1})`, where);
    }
    if (r.pointer !== undefined && !Array.from(r.atoms).includes(r.pointer))
      throw new InputError(`rotor ${q}: pointer atom ${r.pointer} is not one of its atoms`, where);
  });
  const u = new Float64Array(T * 3 * R),
    c = new Float64Array(T * 3 * R);
  const com = new Float64Array(3),
    I = new Float64Array(9);
  const atomsOf = rotors.map((r) => Int32Array.from(r.atoms));
  const massesOf = atomsOf.map((at) => Float64Array.from(at, (a) => traj.topology.masses[a]));
  const rels = atomsOf.map((at) => new Float64Array(3 * at.length));
  const slotsOf = rotors.map((r, q) => (r.parents ? parentSlots(atomsOf[q], r.parents, where) : null));
  const pointerOf = rotors.map((r, q) => (kind === 'atom' ? atomsOf[q].indexOf(r.pointer ?? r.atoms[1]) : -1));
  const x = traj.positions,
    stride = 3 * traj.nAtoms;
  const pLen = new Float64Array(R),
    aDist = new Float64Array(R);
  // frame-major: one cell per frame, positions read in place (wholeRotor.ts)
  let cell: Cell | null = null;
  for (let f = 0; f < T; f++) {
    cell = frameCell(traj, f, cell);
    for (let q = 0; q < R; q++) {
      const atoms = atomsOf[q],
        rel = rels[q],
        masses = massesOf[q];
      wholeRotorAt(x, f * stride, cell, atoms, masses, rel, com, slotsOf[q]);
      let sd = 0;
      for (let j = 0; j < atoms.length; j++) sd += Math.hypot(rel[3 * j], rel[3 * j + 1], rel[3 * j + 2]);
      aDist[q] += sd / atoms.length / T;
      const o = f * 3 * R + 3 * q;
      c[o] = com[0];
      c[o + 1] = com[1];
      c[o + 2] = com[2];
      let vx: number, vy: number, vz: number;
      if (kind === 'atom') {
        const k = pointerOf[q];
        vx = rel[3 * k];
        vy = rel[3 * k + 1];
        vz = rel[3 * k + 2];
      } else {
        I.fill(0);
        for (let j = 0; j < atoms.length; j++) {
          const m = masses[j],
            px = rel[3 * j],
            py = rel[3 * j + 1],
            pz = rel[3 * j + 2],
            r2 = px * px + py * py + pz * pz;
          I[0] += m * (r2 - px * px);
          I[4] += m * (r2 - py * py);
          I[8] += m * (r2 - pz * pz);
          I[1] -= m * px * py;
          I[2] -= m * px * pz;
          I[5] -= m * py * pz;
        }
        I[3] = I[1];
        I[6] = I[2];
        I[7] = I[5];
        const e = symmetricEigen(I, 3);
        const kk = opts.axis === 'largest' ? 2 : 0,
          other = 1; // gap to the middle moment
        const gap = Math.abs(e.values[kk] - e.values[other]) / Math.max(Math.abs(e.values[2]), 1e-300);
        if (gap < 1e-6) {
          throw new InputError(
            `rotor ${q}: principal axis undefined in frame ${f} (degenerate moments, a spherical or symmetric top); orient by an atom instead`,
            where,
          );
        }
        vx = e.vectors[3 * kk];
        vy = e.vectors[3 * kk + 1];
        vz = e.vectors[3 * kk + 2];
        if (f > 0) {
          const p = (f - 1) * 3 * R + 3 * q;
          if (vx * u[p] + vy * u[p + 1] + vz * u[p + 2] < 0) {
            vx = -vx;
            vy = -vy;
            vz = -vz;
          }
        }
      }
      const len = Math.sqrt(vx * vx + vy * vy + vz * vz);
      if (kind === 'atom') pLen[q] += len / T;
      if (!(len > 1e-12))
        throw new InputError(`rotor ${q}: the orientation atom sits on the centre of mass in frame ${f}; choose another atom`, where);
      u[o] = vx / len;
      u[o + 1] = vy / len;
      u[o + 2] = vz / len;
    }
  }
  if (kind === 'atom') {
    const minAbs = opts.minPointer_A ?? 0.3,
      minFrac = opts.minPointerFraction ?? 0.2;
    for (let q = 0; q < R; q++) {
      const need = Math.max(minAbs, minFrac * aDist[q]);
      if (pLen[q] < need) {
        const a = atomsOf[q][pointerOf[q]];
        throw new InputError(
          `rotor ${q}: the pointer atom ${traj.topology.symbols[traj.topology.species[a]]} (atom ${a}) lies on average ${pLen[q].toFixed(3)} Å from the rotor's centre of mass ` +
            `(mean COM–atom distance ${aDist[q].toFixed(3)} Å), so the COM → atom direction is thermal noise; expected at least ${need.toFixed(2)} Å ` +
            `(max(${minAbs} Å, ${Math.round(100 * minFrac)} % of the mean COM–atom distance)): orient by an outer atom`,
          where,
        );
      }
    }
  }
  return {
    orientations: { values: u, nFrames: T, nItems: R },
    com: { values: c, nFrames: T, nItems: R },
    pointerLength_A: kind === 'atom' ? pLen : null,
    meanAtomDistance_A: aDist,
  };
}
