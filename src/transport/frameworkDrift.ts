/**
 * Framework drift correction (METHODS §1): the centre of mass of the non-mobile (framework)
 * atoms may wander during a run (thermostat, numerical drift); subtract its displacement from the
 * mobile ions frame by frame so the MSD measures motion relative to the host lattice:
 *
 *   R_fw(t) = Σ_j m_j r_j(t) / Σ_j m_j   over framework atoms j (continuous positions)
 *   r_i'(t) = r_i(t) − [R_fw(t) − R_fw(0)]
 */
import { InputError } from '../core/errors.js';

/**
 * Mass-weighted framework centre-of-mass displacement per frame, relative to frame 0 (3 values per
 * frame, Å).
 * @param positions continuous positions of ALL atoms, frame-major (positions[f·3N + 3j + k])
 * @param nAtoms N atoms per frame
 * @param masses per-atom masses (amu), length N
 * @param framework indices of the framework atoms
 */
export function frameworkDisplacement(
  positions: ArrayLike<number>,
  nAtoms: number,
  nFrames: number,
  masses: ArrayLike<number>,
  framework: ArrayLike<number>,
): Float64Array {
  if (framework.length === 0)
    throw new InputError('drift correction needs framework atoms (atoms that are not the mobile species); the selection is empty');
  if (positions.length !== 3 * nAtoms * nFrames)
    throw new InputError(`drift: positions have ${positions.length} values; expected ${3 * nAtoms * nFrames}`);
  let mTot = 0;
  for (let a = 0; a < framework.length; a++) mTot += masses[framework[a]];
  if (!(mTot > 0)) throw new InputError('drift correction: the framework atoms have zero total mass');
  const out = new Float64Array(3 * nFrames);
  const c0 = [0, 0, 0];
  for (let f = 0; f < nFrames; f++) {
    let x = 0,
      y = 0,
      z = 0;
    const base = f * 3 * nAtoms;
    for (let a = 0; a < framework.length; a++) {
      const j = framework[a],
        m = masses[j],
        p = base + 3 * j;
      x += m * positions[p];
      y += m * positions[p + 1];
      z += m * positions[p + 2];
    }
    x /= mTot;
    y /= mTot;
    z /= mTot;
    if (f === 0) {
      c0[0] = x;
      c0[1] = y;
      c0[2] = z;
    }
    out[3 * f] = x - c0[0];
    out[3 * f + 1] = y - c0[1];
    out[3 * f + 2] = z - c0[2];
  }
  return out;
}

/**
 * Subtract a per-frame displacement (3 values per frame) from every ion's positions.
 * Returns a new array; `positions` holds nIons per frame.
 */
export function subtractDrift(positions: ArrayLike<number>, nIons: number, nFrames: number, drift: ArrayLike<number>): Float64Array {
  if (drift.length !== 3 * nFrames) throw new InputError(`drift has ${drift.length / 3} frames; expected ${nFrames}`);
  const out = Float64Array.from(positions as ArrayLike<number>);
  for (let f = 0; f < nFrames; f++) {
    const dx = drift[3 * f],
      dy = drift[3 * f + 1],
      dz = drift[3 * f + 2];
    for (let i = 0, p = f * 3 * nIons; i < nIons; i++, p += 3) {
      out[p] -= dx;
      out[p + 1] -= dy;
      out[p + 2] -= dz;
    }
  }
  return out;
}
