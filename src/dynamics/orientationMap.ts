/**
 * Time-averaged orientation probability map in polar coordinates (Wood 2021 Fig. 5): histogram of
 * the orientation vectors over θ = arccos(r̂_z) ∈ [0°, 180°] and φ = atan2(r̂_y, r̂_x) ∈ [−180°, 180°),
 * all rotors and frames pooled, divided by each bin's solid angle ΔΩ = (cos θ_lo − cos θ_hi)·Δφ
 * (the sin θ normalisation), so a uniform distribution gives the flat density 1/(4π) sr⁻¹ and
 * Σ density·ΔΩ = 1.
 */
import { InputError } from '../core/errors.js';
import type { VectorSeries } from './vectorAutocorrelation.js';

export interface OrientationMap {
  /** Bin centres, degrees. */
  theta_deg: Float64Array;
  phi_deg: Float64Array;
  /** Probability per steradian, row-major [iθ·nφ + iφ]. */
  density_per_sr: Float64Array;
  /** Raw counts, same layout. */
  counts: Float64Array;
  bins_theta: number;
  bins_phi: number;
  /** Number of orientation samples (frames × rotors). */
  samples: number;
}

/** Polar orientation map with `binsTheta` × `binsPhi` bins (default 36 × 72: 5° bins). */
export function orientationMap(orientations: VectorSeries, binsTheta = 36, binsPhi = 72): OrientationMap {
  const { values: u, nFrames: T, nItems: R } = orientations;
  if (T * R === 0) throw new InputError('an orientation map needs at least one orientation sample');
  if (!(binsTheta >= 1 && binsPhi >= 1)) throw new InputError(`bin counts must be ≥ 1, got ${binsTheta} × ${binsPhi}`);
  const counts = new Float64Array(binsTheta * binsPhi);
  const dth = Math.PI / binsTheta,
    dph = (2 * Math.PI) / binsPhi;
  for (let s = 0; s < T * R; s++) {
    const x = u[3 * s],
      y = u[3 * s + 1],
      z = u[3 * s + 2];
    const th = Math.acos(Math.max(-1, Math.min(1, z / Math.hypot(x, y, z))));
    const ph = Math.atan2(y, x);
    const i = Math.min(binsTheta - 1, Math.floor(th / dth));
    const j = Math.min(binsPhi - 1, Math.floor((ph + Math.PI) / dph));
    counts[i * binsPhi + j]++;
  }
  const density = new Float64Array(counts.length);
  const theta = new Float64Array(binsTheta),
    phi = new Float64Array(binsPhi);
  for (let j = 0; j < binsPhi; j++) phi[j] = ((-Math.PI + (j + 0.5) * dph) * 180) / Math.PI;
  for (let i = 0; i < binsTheta; i++) {
    theta[i] = ((i + 0.5) * dth * 180) / Math.PI;
    const dOmega = (Math.cos(i * dth) - Math.cos((i + 1) * dth)) * dph;
    for (let j = 0; j < binsPhi; j++) density[i * binsPhi + j] = counts[i * binsPhi + j] / (T * R * dOmega);
  }
  return { theta_deg: theta, phi_deg: phi, density_per_sr: density, counts, bins_theta: binsTheta, bins_phi: binsPhi, samples: T * R };
}
