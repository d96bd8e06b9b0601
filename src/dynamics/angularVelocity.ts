/**
 * Angular velocities of whole rotors from consecutive frames (Kweon 2017 Fig. 7c): ω(t + ½Δt) =
 * (rotation vector of the best rigid rotation from frame t to t+1, rigidBodyRotation.ts) / Δt, in
 * rad/fs, lab frame. Valid when a rotor turns by less than π between frames (sample finely enough).
 */
import { InputError } from '../core/errors.js';
import type { Trajectory } from '../core/trajectory.js';
import type { Rotor } from './orientationVectors.js';
import { bestRotationVector } from './rigidBodyRotation.js';
import type { VectorSeries } from './vectorAutocorrelation.js';
import type { Cell } from '../core/cell.js';
import { frameCell, wholeRotorAt } from './wholeRotor.js';
import { parentSlots } from '../geometry/molecules.js';

/** ω per rotor for the T − 1 frame midpoints (rad/fs). Rotors need ≥ 2 atoms (3 non-collinear for a full ω). */
export function rotorAngularVelocities(traj: Trajectory, rotors: Rotor[], dt_fs: number): VectorSeries {
  const where = { file: traj.info.source };
  const R = rotors.length,
    T = traj.nFrames;
  if (R === 0) throw new InputError('no rotors given: expected at least one molecule', where);
  if (T < 2) throw new InputError(`angular velocities need at least 2 frames, got ${T}`, where);
  const w = new Float64Array((T - 1) * 3 * R);
  const com = new Float64Array(3),
    rv = new Float64Array(3);
  const cells: (Cell | null)[] = [];
  for (let f = 0; f < T; f++) cells.push(frameCell(traj, f, f > 0 ? cells[f - 1] : null));
  const x = traj.positions,
    stride = 3 * traj.nAtoms;
  for (let q = 0; q < R; q++) {
    const atoms = rotors[q].atoms;
    if (atoms.length < 2) throw new InputError(`rotor ${q} has ${atoms.length} atom(s); a rigid-body rotation needs at least 2`, where);
    const masses = Array.from(atoms, (a) => traj.topology.masses[a]);
    const slots = rotors[q].parents ? parentSlots(atoms, rotors[q].parents!, where) : null;
    let prev = new Float64Array(3 * atoms.length),
      cur = new Float64Array(3 * atoms.length);
    wholeRotorAt(x, 0, cells[0], atoms, masses, prev, com, slots);
    for (let f = 1; f < T; f++) {
      wholeRotorAt(x, f * stride, cells[f], atoms, masses, cur, com, slots);
      bestRotationVector(prev, cur, masses, rv);
      const o = (f - 1) * 3 * R + 3 * q;
      w[o] = rv[0] / dt_fs;
      w[o + 1] = rv[1] / dt_fs;
      w[o + 2] = rv[2] / dt_fs;
      const t = prev;
      prev = cur;
      cur = t;
    }
  }
  return { values: w, nFrames: T - 1, nItems: R };
}
