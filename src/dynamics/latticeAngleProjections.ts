/**
 * Angle projections of orientation vectors on the lattice axes (Li 2025 Fig. 2):
 * θ_a(t) = arccos(r̂(t)·â(t)), and likewise θ_b, θ_c, with â the frame's own lattice vector direction
 * (θx/θy/θz for an orthorhombic cell). Degrees.
 */
import { InputError } from '../core/errors.js';
import type { Trajectory } from '../core/trajectory.js';
import type { VectorSeries } from './vectorAutocorrelation.js';

/** θ per frame, rotor and axis (degrees), frame-major like the orientations: theta[f·3R + 3q + axis]. */
export function latticeAngleProjections(orientations: VectorSeries, traj: Trajectory): Float64Array {
  const { values: u, nFrames: T, nItems: R } = orientations;
  if (T !== traj.nFrames) throw new InputError(`orientations have ${T} frames; the trajectory has ${traj.nFrames}`, { file: traj.info.source });
  if (!traj.cells) throw new InputError('angle projections need the lattice: the trajectory has no cell', { file: traj.info.source });
  const out = new Float64Array(T * 3 * R);
  for (let f = 0; f < T; f++) {
    const m = traj.cells.subarray(9 * f, 9 * f + 9);
    for (let a = 0; a < 3; a++) {
      const len = Math.hypot(m[3 * a], m[3 * a + 1], m[3 * a + 2]);
      const ax = m[3 * a] / len,
        ay = m[3 * a + 1] / len,
        az = m[3 * a + 2] / len;
      for (let q = 0; q < R; q++) {
        const o = f * 3 * R + 3 * q;
        const c = Math.max(-1, Math.min(1, u[o] * ax + u[o + 1] * ay + u[o + 2] * az));
        out[o + a] = (Math.acos(c) * 180) / Math.PI;
      }
    }
  }
  return out;
}
