/**
 * The --json object of `superionic msd` (without `file`) for a diffusion result, and the plausibility of D*
 * over the fit window; shared by `msd` and `analyse` (whose `msd` part is the same object).
 */
import type { DiffusionResult } from '../../transport/diffusionAnalysis.js';
import type { FitWeighting } from '../../transport/diffusionFit.js';
import { diffusionPlausibility } from '../../transport/plausibility.js';

/** The JSON of `superionic msd` (without `file`) for a diffusion result (also used by `superionic analyse`). */
export function msdJson(r: DiffusionResult, weights: FitWeighting): Record<string, unknown> {
  const plaus = msdPlausibility(r);
  return {
    species: r.species,
    n_ions: r.nIons,
    n_frames: r.nFrames,
    dt_fs: r.dt_fs,
    drift_corrected: r.drift_corrected,
    fit_window_fs: r.fit_window_fs,
    fit_window_default: r.fit_window_default,
    fit_weighting: weights,
    D_cm2_s: r.D_cm2_s,
    D_stderr_cm2_s: r.D_stderr_cm2_s,
    D_block_stderr_cm2_s: r.D_block_stderr_cm2_s,
    block_comparable: r.block_comparable,
    D_random_walk_stderr_cm2_s: r.D_random_walk_stderr_cm2_s,
    D_uncertainty_cm2_s: r.D_uncertainty_cm2_s,
    D_blocks_cm2_s: r.block.D_blocks_cm2_s,
    n_blocks: r.block.nBlocks,
    block_fit_window_fs: r.block.block_fit_window_fs,
    D_sigma_cm2_s: r.D_sigma_cm2_s,
    D_sigma_stderr_cm2_s: r.D_sigma_stderr_cm2_s,
    D_sigma_block_stderr_cm2_s: r.D_sigma_block_stderr_cm2_s,
    D_sigma_random_walk_stderr_cm2_s: r.D_sigma_random_walk_stderr_cm2_s,
    D_sigma_uncertainty_cm2_s: r.D_sigma_uncertainty_cm2_s,
    D_sigma_significant: r.D_sigma_significant,
    haven_ratio: r.haven_ratio,
    haven_stderr: r.haven_stderr,
    haven_estimate: r.haven_estimate,
    haven_reason: r.haven_reason,
    sigma_mS_cm: r.sigma_mS_cm,
    sigma_charge_mS_cm: r.sigma_charge_mS_cm,
    sigma_charge_reason: r.sigma_charge_reason ?? null,
    sigma_reason: r.sigma_reason,
    temperature_K: r.temperature_K,
    charge_e: r.charge_e,
    volume_A3: r.volume_A3,
    measurable: r.measurable,
    measurable_reason: r.measurable_reason,
    plausible: plaus.plausible,
    plausible_reason: plaus.reason,
    msd_regime: r.linearity.regime,
    msd_slope_ratio: r.linearity.ratio,
    msd_slope_ratio_stderr: r.linearity.ratio_stderr,
    msd_regime_reason: r.linearity.reason ?? null,
    run_resolves_D: r.run_resolution.resolved,
    run_resolution_D_cm2_s: r.run_resolution.D_min_cm2_s,
    run_resolution_reason: r.run_resolution.reason,
    msd_t_fs: r.msd.t_fs,
    msd_A2: r.msd.msd_A2,
    msd_x_A2: r.msd.components_A2[0],
    msd_y_A2: r.msd.components_A2[1],
    msd_z_A2: r.msd.components_A2[2],
    msd_charge_A2: r.chargeMsd.msd_A2,
  };
}

/** Plausibility of D* over the fit window's lags (diffusionPlausibility). */
export function msdPlausibility(r: DiffusionResult): ReturnType<typeof diffusionPlausibility> {
  const t = r.msd.t_fs,
    [w0, w1] = r.fit_window_fs;
  let lo = 0,
    hi = t.length - 1;
  while (lo < hi && t[lo] < w0) lo++;
  while (hi > lo && t[hi] > w1) hi--;
  return diffusionPlausibility(r.D_cm2_s, r.msd.msd_A2, [lo, hi]);
}
