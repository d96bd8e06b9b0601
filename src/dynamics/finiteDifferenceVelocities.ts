/**
 * Velocities from positions by central differences, v(t) = [r(t+Δt) − r(t−Δt)] / (2Δt)
 * (Li 2025 SI: VACF "from the velocities or by differencing positions"), and the sampling rule
 * that decides whether such velocities can resolve a vibrational spectrum.
 *
 * Frequency response: a mode x = A cos(2πft) gives a central-difference velocity scaled by
 * sinc = sin(2πfΔt)/(2πfΔt) relative to the true one: 1 at f → 0, 0.64 at f_N/2 and 0 at the Nyquist
 * frequency f_N = 1/(2Δt). The power spectrum is scaled by sinc², so weight near f_N is lost.
 *
 * Rule (documented default): refuse when f_N = 1/(2Δt) is below `minNyquist_THz` = 10 THz, i.e. a
 * frame interval above 50 fs. Cation rattling and anion libration modes of sulfide/halide
 * electrolytes lie below ~10–15 THz (Li 2025 Fig. 3 PDOS), so a coarser sampling aliases them.
 */
import type { Cell } from '../core/cell.js';
import { InputError, InputErrorLocation } from '../core/errors.js';

/** Default lowest acceptable Nyquist frequency (THz) for a VDOS from positions. */
export const DEFAULT_MIN_NYQUIST_THZ = 10;

/** Nyquist frequency 1/(2Δt) in THz for a frame interval in fs. */
export function nyquistFrequency_THz(dt_fs: number): number {
  return 500 / dt_fs;
}

/**
 * Throw an InputError when frames sampled every `dt_fs` cannot resolve a spectrum up to
 * `minNyquist_THz`. `what` names the species for the message.
 */
export function assertResolvableSampling(
  dt_fs: number,
  what: string,
  minNyquist_THz = DEFAULT_MIN_NYQUIST_THZ,
  where: InputErrorLocation = {},
): void {
  const fN = nyquistFrequency_THz(dt_fs);
  if (fN < minNyquist_THz) {
    throw new InputError(
      `no velocities in the file and frames every ${dt_fs} fs are too coarse for a vibrational spectrum of ${what}: ` +
        `Nyquist frequency ${fN.toFixed(2)} THz < ${minNyquist_THz} THz required (frame interval must be ≤ ${(500 / minNyquist_THz).toFixed(1)} fs); ` +
        'use a trajectory with velocities or denser frames',
      where,
    );
  }
}

/** Frequency (THz) at which the central-difference velocity keeps 1/√2 of its amplitude (half the power). */
export function centralDifferenceHalfPower_THz(dt_fs: number): number {
  // sin(x)/x = 1/√2 at x = 1.39156; f = x / (2π Δt)
  return (1.391557377 / (2 * Math.PI * dt_fs)) * 1000;
}

/** The warning attached to a VDOS whose velocities came from positions. */
export function finiteDifferenceWarning(dt_fs: number): string {
  return (
    `velocities from central differences of positions sampled every ${dt_fs} fs (Nyquist ${nyquistFrequency_THz(dt_fs).toFixed(1)} THz): ` +
    `spectral weight is damped by sinc²(2πfΔt), to one half at ${centralDifferenceHalfPower_THz(dt_fs).toFixed(1)} THz and to zero at the Nyquist frequency`
  );
}

/**
 * Central-difference velocities (Å/fs) of `nAtoms` atoms from frame-major positions (Å).
 * Returns T − 2 frames (frames 1..T−2 of the input). When `cells` is given (one per frame), the
 * positions are treated as wrapped and each frame-to-frame step is taken by the minimum image
 * (valid when no atom moves half a cell in one frame).
 */
export function centralDifferenceVelocities(
  positions: Float64Array,
  nFrames: number,
  nAtoms: number,
  dt_fs: number,
  cells?: (f: number) => Cell,
): Float64Array {
  if (nFrames < 3) throw new InputError(`central differences need at least 3 frames, got ${nFrames}`);
  if (positions.length !== nFrames * 3 * nAtoms)
    throw new InputError(`positions have ${positions.length} values; expected ${nFrames} × ${nAtoms} × 3`);
  const n3 = 3 * nAtoms;
  const v = new Float64Array((nFrames - 2) * n3);
  const s = 1 / (2 * dt_fs);
  const d0 = new Float64Array(3),
    d1 = new Float64Array(3);
  for (let f = 1; f < nFrames - 1; f++) {
    const a = (f - 1) * n3,
      b = f * n3,
      c = (f + 1) * n3,
      o = (f - 1) * n3;
    if (cells) {
      // one cell lookup per frame, not per atom
      const c0 = cells(f),
        c1 = cells(f + 1);
      for (let j = 0; j < n3; j += 3) {
        c0.minimumImage(
          positions[b + j] - positions[a + j],
          positions[b + j + 1] - positions[a + j + 1],
          positions[b + j + 2] - positions[a + j + 2],
          d0,
        );
        c1.minimumImage(
          positions[c + j] - positions[b + j],
          positions[c + j + 1] - positions[b + j + 1],
          positions[c + j + 2] - positions[b + j + 2],
          d1,
        );
        v[o + j] = (d0[0] + d1[0]) * s;
        v[o + j + 1] = (d0[1] + d1[1]) * s;
        v[o + j + 2] = (d0[2] + d1[2]) * s;
      }
    } else {
      for (let j = 0; j < n3; j++) v[o + j] = (positions[c + j] - positions[a + j]) * s;
    }
  }
  return v;
}
