/**
 * Nernst–Einstein conductivity (Li 2025 SI eq. 1; METHODS §1):
 *
 *   σ = N q² D / (V k_B T)
 *
 * N mobile ions of charge q (e) in the cell volume V (Å³), D in cm²/s, T in K; σ in mS/cm.
 * In SI: σ[S/m] = (N/V[m³]) (q·e)² D[m²/s] / (k_B[J/K] T); 1 S/m = 10 mS/cm.
 */
import { InputError } from '../core/errors.js';
import { ELEMENTARY_CHARGE_C, KB_J_PER_K } from '../core/units.js';

export interface NernstEinsteinInput {
  /** Number of mobile ions in the cell. */
  nIons: number;
  /** Charge of one ion, e. */
  charge_e: number;
  /** Cell volume, Å³. */
  volume_A3: number;
  /** Temperature, K. */
  temperature_K: number;
}

/** S/m per [ (1/Å³) · e² · (cm²/s) / (J/K · K) ], then ×10 to mS/cm. */
function factor(p: NernstEinsteinInput): number {
  if (!(p.nIons > 0)) throw new InputError(`Nernst–Einstein needs a positive number of ions, got ${p.nIons}`);
  if (!(p.volume_A3 > 0)) throw new InputError(`Nernst–Einstein needs a positive cell volume in Å³, got ${p.volume_A3}`);
  if (!(p.temperature_K > 0)) throw new InputError(`Nernst–Einstein needs a positive temperature in K (give --temperature), got ${p.temperature_K}`);
  if (!Number.isFinite(p.charge_e) || p.charge_e === 0) throw new InputError(`Nernst–Einstein needs a non-zero ion charge in e, got ${p.charge_e}`);
  const n_m3 = p.nIons / (p.volume_A3 * 1e-30);
  const q = p.charge_e * ELEMENTARY_CHARGE_C;
  const S_per_m = (n_m3 * q * q * 1e-4) / (KB_J_PER_K * p.temperature_K); // × D[cm²/s]
  return S_per_m * 10; // mS/cm
}

/** σ (mS/cm) from D (cm²/s) by Nernst–Einstein. */
export function nernstEinsteinConductivity(D_cm2_s: number, p: NernstEinsteinInput): number {
  return factor(p) * D_cm2_s;
}

/** D (cm²/s) from σ (mS/cm): the inverse of {@link nernstEinsteinConductivity}. */
export function diffusionFromConductivity(sigma_mS_cm: number, p: NernstEinsteinInput): number {
  return sigma_mS_cm / factor(p);
}
