/**
 * Physical constants and unit conversions.
 *
 * Code units: length Å, time fs, energy eV, temperature K, charge e, mass amu (g/mol).
 * Reports: D in cm²/s, σ in mS/cm, frequencies in THz / meV / cm⁻¹.
 */

/** Boltzmann constant in eV/K (CODATA 2018). */
export const KB_EV_PER_K = 8.617333262e-5;
/** e²/(4π ε0) in eV·Å (Coulomb constant for charges in e and distances in Å). */
export const COULOMB_EV_A = 14.399645;
/** Elementary charge in C. */
export const ELEMENTARY_CHARGE_C = 1.602176634e-19;
/** Boltzmann constant in J/K. */
export const KB_J_PER_K = 1.380649e-23;
/** 1 amu·Å²/fs² expressed in eV (kinetic energy unit conversion). */
export const AMU_A2_PER_FS2_IN_EV = (1.6605390666e-27 * 1e-20) / 1e-30 / 1.602176634e-19; // ≈ 103.6427
/** 1 eV/Å / amu in Å/fs² (acceleration from force and mass). */
export const EV_PER_A_AMU_IN_A_PER_FS2 = 1 / AMU_A2_PER_FS2_IN_EV;

/** Å²/fs → cm²/s: 1 Å² = 1e-16 cm², 1 fs = 1e-15 s, so ×0.1. */
export const A2_PER_FS_TO_CM2_PER_S = 0.1;
/** cm²/s → Å²/fs. */
export const CM2_PER_S_TO_A2_PER_FS = 10;

/** THz → meV (h·1e12 Hz in meV). */
export const THZ_TO_MEV = 4.135667696;
/** THz → cm⁻¹ (1e12 / c[cm/s]). */
export const THZ_TO_INV_CM = 33.35640952;

/** Diffusion coefficients below this (cm²/s) are not measurable in typical AIMD/MLMD runs (Li 2025). */
export const D_MEASURABLE_THRESHOLD_CM2_S = 1e-8;

/** Convert a diffusion coefficient from Å²/fs to cm²/s. */
export function a2PerFsToCm2PerS(d: number): number {
  return d * A2_PER_FS_TO_CM2_PER_S;
}

/** 1 eV/Å³ in GPa (1.602176634e-19 J / 1e-30 m³ = 1.602176634e11 Pa). */
export const GPA_PER_EV_A3 = 160.2176634;
