/**
 * Tracer and charge diffusion of one mobile species, end to end (METHODS §1): drift correction,
 * all-origins FFT MSD, D* over a fit window with its OLS and block errors, the charge MSD and D_σ,
 * the Haven ratio, Nernst–Einstein σ and the "measurable" flag (Li 2025).
 *
 * `collectTransportSeries` reads what is needed from a stream or an in-memory trajectory (bounded
 * memory); `diffusionFromSeries` is the pure computation.
 */
import { largestPartEstimate, type Estimate } from '../core/estimate.js';
import { InputError } from '../core/errors.js';
import type { FrameStream } from '../core/frame.js';
import { analyseFrames } from '../core/frameAnalysis.js';
import { frameInterval } from '../core/frameInterval.js';
import { Trajectory } from '../core/trajectory.js';
import { unwrapStream, unwrapTrajectory } from '../geometry/unwrap.js';
import { blockDiffusionEstimate, type BlockDiffusionEstimate } from './blockDiffusion.js';
import { chargeMeanSquaredDisplacement, havenRatio, type HavenRatio } from './chargeDiffusion.js';
import { diffusiveFitUncertainty } from './diffusiveFitUncertainty.js';
import { msdLinearity, type MsdLinearity } from './msdLinearity.js';
import { defaultFitWindow, fitDiffusionCoefficient, type DiffusionFit, type FitWeighting } from './diffusionFit.js';
import { subtractDrift } from './frameworkDrift.js';
import { meanSquaredDisplacement, type MeanSquaredDisplacement } from './meanSquaredDisplacement.js';
import { diffusionMeasurability, largestUncertainty, runResolution, type RunResolution } from './measurable.js';
import { nernstEinsteinConductivity } from './nernstEinstein.js';
import { TransportSeriesCollector, type TransportSeries } from './transportSeries.js';
import { withKind } from '../core/resultKind.js';

/**
 * Options of {@link analyseDiffusion} / {@link diffusionFromSeries} (METHODS §1):
 * `dt_fs` (frame interval when the source has no times), `fitWindow_fs` ([start, end] fs; default
 * 10 %–80 % of the run), `fitWeighting` ('none' | 'inverse-lag'), `drift` (subtract the framework's
 * centre-of-mass drift; default false), `temperature_K` (for Nernst–Einstein σ), `charge_e`
 * (default 1), `volume_A3` (default: mean cell volume), `blocks` (segments of the block error,
 * default 5), `perIon` (keep per-ion MSDs).
 */
export interface DiffusionOptions {
  /** Frame interval in fs (needed when the source gives no times). */
  dt_fs?: number;
  /** Fit window [start, end] in fs; default 10 %–80 % of the run. */
  fitWindow_fs?: [number, number];
  /** Least-squares weights of the MSD points (default 'none'; 'inverse-lag' = 1/t like pymatgen). */
  fitWeighting?: FitWeighting;
  /** Subtract the framework centre-of-mass drift (default false). */
  drift?: boolean;
  /** Temperature in K, for Nernst–Einstein σ. */
  temperature_K?: number;
  /** Charge of the mobile ion in e (default 1). */
  charge_e?: number;
  /** Cell volume in Å³ (default: mean volume of the frames). */
  volume_A3?: number;
  /** Number of segments for the block error (default 5). */
  blocks?: number;
  /** Keep per-ion MSDs in the result. */
  perIon?: boolean;
}

/**
 * Tracer and charge diffusion of one mobile species (METHODS §1). Headline fields:
 * `D_cm2_s` ± `D_uncertainty_cm2_s` (tracer D*, cm²/s; the uncertainty is the largest of the OLS,
 * block and random-walk errors), `D_sigma_cm2_s` ± `D_sigma_uncertainty_cm2_s` (charge D_σ),
 * `haven_ratio` ± `haven_stderr` (null with `haven_reason`), `sigma_mS_cm` (Nernst–Einstein σ
 * from D*, mS/cm; needs `temperature_K`), `sigma_charge_mS_cm`; flags: `measurable` (D* > 2σ,
 * Li 2025), `run_resolution.resolved`, `linearity.regime` ('diffusive' | 'sub-diffusive' | …).
 * Curves: `msd` (t_fs, msd_A2), `fit` (the fitted line), `chargeMsd`, `chargeFit`, `block`.
 * `show(result)` displays it as a card with the MSD plot.
 */
/** Nernst–Einstein σ = N q² D/(V k_B T), mS/cm, from D* (H_R = 1) and from D_σ. */
export interface Conductivity {
  /** From D*; null (with `sigma_reason`) without a temperature. */
  sigma_mS_cm: number | null;
  sigma_reason?: string;
  /** From D_σ (includes ion–ion correlations); null (with `sigma_charge_reason`) unless D_σ is significant. */
  sigma_charge_mS_cm: number | null;
  sigma_charge_reason?: string;
  temperature_K: number | null;
  charge_e: number;
  volume_A3: number | null;
}

/** What says whether D* can be trusted (METHODS §1; Li 2025). */
export interface DiffusionDiagnostics {
  measurable: boolean;
  measurable_reason?: string;
  run_resolution: RunResolution;
  linearity: MsdLinearity;
  fit_window_fs: [number, number];
  fit_window_default: boolean;
  block_comparable: boolean;
  D_sigma_significant: boolean;
}

/**
 * The diffusion result. Grouped view: `tracer` and `charge` (Estimates: value, stderr and its parts),
 * `haven`, `conductivity`, `diagnostics`. The flat fields (D_cm2_s, D_stderr_cm2_s, …, haven_ratio,
 * sigma_mS_cm, measurable, …) hold the same numbers and stay for the JSON the CLI and notebooks read;
 * new code should read the groups (the flat fields are deprecated as a reading API and will go once
 * nothing reads them).
 */
export interface DiffusionResult {
  /** What this result is ('diffusion'): `show(result)` draws its card and plot by it. Non-enumerable: not in JSON or spreads (core/resultKind.ts). */
  readonly kind?: 'diffusion';
  /** The mobile species analysed. */
  species: string[];
  /** Number of mobile ions. */
  nIons: number;
  /** Number of frames used. */
  nFrames: number;
  /** Interval between frames, fs. */
  dt_fs: number;
  /** Whether the framework's centre-of-mass drift was subtracted. */
  drift_corrected: boolean;
  /** The MSD fit window [start, end], fs. */
  fit_window_fs: [number, number];
  /** True when the fit window was the default (10 %–80 % of the run). */
  fit_window_default: boolean;
  /** Tracer diffusion coefficient D* = slope / 6 of the MSD over the fit window, cm²/s. */
  D_cm2_s: number;
  /** OLS standard error of D*, cm²/s (an underestimate: neighbouring MSD lags are correlated). */
  D_stderr_cm2_s: number;
  /** Standard error of D* over independent segments of the run, cm²/s (null when the run is too short). */
  D_block_stderr_cm2_s: number | null;
  /** Error of D* expected for N independent diffusive ions over this run and window, cm²/s (a lower bound; diffusiveFitUncertainty.ts). */
  D_random_walk_stderr_cm2_s: number;
  /** The uncertainty of D* used by `measurable`: the largest of its OLS, block and random-walk errors, cm²/s. */
  D_uncertainty_cm2_s: number;
  /** D* as one Estimate (cm²/s): value = D_cm2_s, stderr = D_uncertainty_cm2_s, parts {ols, block, random_walk} (the flat fields stay). */
  tracer: Estimate;
  /** D_σ as one Estimate (cm²/s): value = D_sigma_cm2_s, stderr = D_sigma_uncertainty_cm2_s, parts {ols, block, random_walk}. */
  charge: Estimate;
  /** The Haven ratio H_R = D* / D_σ with its error, raw estimate and reason (grouped view of the haven_* fields). */
  haven: HavenRatio;
  /** Nernst–Einstein conductivities and what they were computed with (grouped view of the sigma_* fields). */
  conductivity: Conductivity;
  /** Whether the numbers can be trusted: measurable, resolved, linear, fit window (grouped view). */
  diagnostics: DiffusionDiagnostics;
  /** The segments were fitted over the whole-run window (else over a shorter one: their error is then rough and usually conservative). */
  block_comparable: boolean;
  /** D_σ from the charge (summed-displacement) MSD, cm²/s. */
  D_sigma_cm2_s: number;
  /** OLS standard error of D_σ, cm²/s (an underestimate: neighbouring MSD lags are correlated). */
  D_sigma_stderr_cm2_s: number;
  /** Standard error of D_σ over independent segments of the run, cm²/s (null when the run is too short). */
  D_sigma_block_stderr_cm2_s: number | null;
  /** Error of D_σ expected for a single diffusive series of this length and window, cm²/s (diffusiveFitUncertainty.ts). */
  D_sigma_random_walk_stderr_cm2_s: number;
  /** The uncertainty of D_σ used below: the largest of its OLS, block and random-walk errors, cm²/s. */
  D_sigma_uncertainty_cm2_s: number;
  /** D_σ above zero by more than 2 × D_sigma_uncertainty_cm2_s. */
  D_sigma_significant: boolean;
  /** H_R = D* / D_σ; null with `haven_reason` when D_σ is not significantly above zero. */
  haven_ratio: number | null;
  /** Standard error of H_R (propagated from the larger error of each of D* and D_σ). */
  haven_stderr: number | null;
  /** The raw ratio D* / D_σ even when not meaningful (for inspection; see `haven_reason`). */
  haven_estimate: number | null;
  haven_reason?: string;
  /** Nernst–Einstein σ from D* (H_R = 1), mS/cm; null with `sigma_reason` when T is not given. */
  sigma_mS_cm: number | null;
  /** Nernst–Einstein σ from D_σ (includes ion–ion correlations), mS/cm; null with `sigma_charge_reason` unless D_σ is significant. */
  sigma_charge_mS_cm: number | null;
  sigma_charge_reason?: string;
  sigma_reason?: string;
  /** D* significantly above zero (D* > 2 × D_uncertainty_cm2_s; Li 2025 call slower D "not measurable"). */
  measurable: boolean;
  /** Why not measurable, in words. */
  measurable_reason?: string;
  /** Advisory: the smallest D this run's length resolves (Li 2025's threshold scaled to the run) and whether D reaches it. */
  run_resolution: RunResolution;
  /** Is the MSD a straight line over the window (second-half slope / first-half slope)? 'sub-diffusive' means D is a chord. */
  linearity: MsdLinearity;
  /** Temperature given for σ, K (null when not given). */
  temperature_K: number | null;
  /** Charge of the mobile ion, e. */
  charge_e: number;
  /** Cell volume used for σ, Å³. */
  volume_A3: number | null;
  /** Tracer MSD: t_fs, msd_A2 (and components), all time origins (FFT). */
  msd: MeanSquaredDisplacement;
  /** Charge (summed-displacement) MSD per ion. */
  chargeMsd: MeanSquaredDisplacement;
  /** The straight-line fit of the tracer MSD over the window. */
  fit: DiffusionFit;
  /** The same fit of the charge MSD. */
  chargeFit: DiffusionFit;
  /** D* of independent segments of the run (the block error). */
  block: BlockDiffusionEstimate;
  /** The same segment estimate for D_σ. */
  chargeBlock: BlockDiffusionEstimate;
}

/**
 * Read the mobile ions (and the framework COM) from a stream or trajectory. Wrapped sources are
 * unwrapped first (frame-to-frame minimum image with each frame's cell, or image flags) by
 * src/geometry's `unwrapStream` / `unwrapTrajectory`.
 */
export async function collectTransportSeries(
  source: FrameStream | Trajectory,
  species: string | string[],
  opts: { framework?: string[]; frameworkWeights?: 'mass' | 'equal'; onProgress?: (frames: number) => void } = {},
): Promise<TransportSeries> {
  const continuous = source instanceof Trajectory ? unwrapTrajectory(source) : unwrapStream(source);
  const c = new TransportSeriesCollector({
    species,
    framework: opts.framework,
    frameworkWeights: opts.frameworkWeights,
    unwrapped: true,
    info: source.info,
  });
  await analyseFrames(continuous, [c], { onProgress: opts.onProgress });
  return c.result();
}

/** What the MSDs of {@link diffusionFromSeries} are computed from: the (drift-corrected) positions, Δt and the fit window. */
export interface DiffusionInput {
  /** Continuous positions of the mobile ions, frame-major (drift subtracted when asked), Å. */
  positions: Float64Array;
  /** Interval between frames, fs. */
  dt_fs: number;
  /** Fit window, fs. */
  window_fs: [number, number];
  /** Whether the window is the default (10 %–80 % of the run). */
  defaultWindow: boolean;
}

/** The input of the MSDs (checks the frame count, the drift request and the fit window: InputError). */
export function diffusionInput(series: TransportSeries, opts: DiffusionOptions = {}): DiffusionInput {
  const { nIons, nFrames } = series;
  const where = { file: series.info.source };
  if (nFrames < 4) throw new InputError(`diffusion needs at least 4 frames, got ${nFrames}`, where);
  const dt = frameInterval(series.times_fs, series.info, opts.dt_fs);
  let positions = series.positions;
  if (opts.drift) {
    if (!series.frameworkCom)
      throw new InputError('drift correction asked for, but there are no framework atoms (every atom is of the mobile species)', where);
    const com = series.frameworkCom,
      drift = new Float64Array(3 * nFrames);
    for (let f = 0; f < nFrames; f++) for (let k = 0; k < 3; k++) drift[3 * f + k] = com[3 * f + k] - com[k];
    positions = subtractDrift(positions, nIons, nFrames, drift);
  }
  const window = opts.fitWindow_fs ?? defaultFitWindow(nFrames, dt);
  const span = (nFrames - 1) * dt;
  if (window[1] > span * (1 + 1e-9)) throw new InputError(`fit window ends at ${window[1]} fs, after the end of the run (${span} fs)`, where);
  return { positions, dt_fs: dt, window_fs: window, defaultWindow: !opts.fitWindow_fs };
}

/** The MSDs and segment estimates of one diffusion analysis (computed from a {@link DiffusionInput}). */
export interface DiffusionParts {
  msd: MeanSquaredDisplacement;
  chargeMsd: MeanSquaredDisplacement;
  block: BlockDiffusionEstimate;
  chargeBlock: BlockDiffusionEstimate;
}

/** The segment (block) estimates and the charge MSD of a diffusion analysis: everything but the tracer MSD. */
export function diffusionSideParts(input: DiffusionInput, nIons: number, nFrames: number, opts: DiffusionOptions = {}): Omit<DiffusionParts, 'msd'> {
  const { positions, dt_fs: dt, window_fs: window } = input;
  const block = blockDiffusionEstimate(positions, nIons, nFrames, dt, window, { blocks: opts.blocks, weighting: opts.fitWeighting });
  const chargeMsd = chargeMeanSquaredDisplacement(positions, nIons, nFrames, dt);
  const chargeBlock = blockDiffusionEstimate(positions, nIons, nFrames, dt, window, {
    blocks: opts.blocks,
    weighting: opts.fitWeighting,
    collective: true,
  });
  return { block, chargeMsd, chargeBlock };
}

/**
 * Everything of METHODS §1 for one species, from collected series.
 * @param given the MSDs already computed from `diffusionInput(series, opts)` (the threaded path,
 *   src/analyse/atomBlockParallel.ts, computes them over worker threads); the rest is computed here.
 */
export function diffusionFromSeries(
  series: TransportSeries,
  opts: DiffusionOptions = {},
  given?: { input: DiffusionInput; parts: DiffusionParts },
): DiffusionResult {
  const { nIons, nFrames } = series;
  const input = given?.input ?? diffusionInput(series, opts);
  const { positions, dt_fs: dt, window_fs: window, defaultWindow: isDefault } = input;
  const msd = given?.parts.msd ?? meanSquaredDisplacement(positions, nIons, nFrames, dt, { perIon: opts.perIon });
  const fit = fitDiffusionCoefficient(msd.t_fs, msd.msd_A2, window, 3, opts.fitWeighting);
  const { block, chargeMsd, chargeBlock } = given?.parts ?? diffusionSideParts(input, nIons, nFrames, opts);
  const chargeFit = fitDiffusionCoefficient(chargeMsd.t_fs, chargeMsd.msd_A2, window, 3, opts.fitWeighting);
  // The block error enters the uncertainty whether or not the segments could be fitted over the whole-run
  // window (`block_comparable`): over a shorter window it probes shorter lags and is a rough, usually
  // conservative, estimate, but it is the only one that sees non-stationary or correlated motion (the
  // random-walk error assumes independent diffusive ions and scales with D itself, so a plateau gets a
  // tiny one). The uncertainty used is the largest of the three.
  const bw = block.block_fit_window_fs;
  const blockComparable = bw !== null && Math.abs(bw[1] - window[1]) <= dt;
  // Every MSD here averages over a finite run: the error expected for independent Brownian series of this
  // length and window (diffusiveFitUncertainty.ts) bounds the error of D* from below (÷√N ions) and is
  // the leading error of D_σ (one summed series), which the OLS error misses.
  const walk = diffusiveFitUncertainty(1, nFrames, dt, window, { weighting: opts.fitWeighting });
  const tracerWalkErr = (Math.abs(fit.D_cm2_s) * walk.relative_stderr) / Math.sqrt(nIons);
  const chargeWalkErr = Math.abs(chargeFit.D_cm2_s) * walk.relative_stderr;
  const tracerErr = largestUncertainty([fit.D_stderr_cm2_s, block.D_block_stderr_cm2_s, tracerWalkErr]);
  const chargeErr = largestUncertainty([chargeFit.D_stderr_cm2_s, chargeBlock.D_block_stderr_cm2_s, chargeWalkErr]);
  const meas = diffusionMeasurability(fit.D_cm2_s, [tracerErr]);
  const mixed = series.species.length > 1;
  const mixedReason = `the summed displacement of several species (${series.species.join(', ')}) is not a charge displacement without their charges: analyse one species at a time`;
  const haven = mixed
    ? { haven_ratio: null, haven_stderr: null, haven_estimate: null, reason: mixedReason }
    : havenRatio(fit.D_cm2_s, chargeFit.D_cm2_s, tracerErr, chargeErr);

  const charge = opts.charge_e ?? 1;
  let volume: number | null = opts.volume_A3 ?? null;
  if (volume === null && series.volumes_A3) {
    let s = 0;
    for (const v of series.volumes_A3) s += v;
    volume = s / series.volumes_A3.length;
  }
  let sigma: number | null = null,
    sigmaCharge: number | null = null,
    sigmaReason: string | undefined;
  if (opts.temperature_K === undefined) sigmaReason = 'no temperature given (--temperature K): Nernst–Einstein σ needs T';
  else if (volume === null) sigmaReason = 'no cell volume (non-periodic source): give the volume in Å³';
  else if (mixed) {
    sigmaReason = `Nernst–Einstein σ for several species (${series.species.join(', ')}) needs each one's charge and D: analyse one species at a time`;
  } else {
    const p = { nIons, charge_e: charge, volume_A3: volume, temperature_K: opts.temperature_K };
    sigma = nernstEinsteinConductivity(fit.D_cm2_s, p);
    sigmaCharge = nernstEinsteinConductivity(chargeFit.D_cm2_s, p);
  }
  const chargeSignificant = chargeFit.D_cm2_s > 2 * chargeErr;
  let sigmaChargeReason = sigmaReason;
  if (mixed) sigmaChargeReason = mixedReason;
  else if (sigmaCharge !== null && !chargeSignificant) {
    sigmaChargeReason = `σ from D_σ = ${sigmaCharge.toPrecision(3)} mS/cm is not meaningful: D_σ = ${chargeFit.D_cm2_s.toExponential(3)} ± ${chargeErr.toExponential(1)} cm²/s is not significantly above zero`;
    sigmaCharge = null;
  }
  const flat = {
    species: series.species,
    nIons,
    nFrames,
    dt_fs: dt,
    drift_corrected: !!opts.drift,
    fit_window_fs: fit.fit_window_fs,
    fit_window_default: isDefault,
    D_cm2_s: fit.D_cm2_s,
    D_stderr_cm2_s: fit.D_stderr_cm2_s,
    D_block_stderr_cm2_s: block.D_block_stderr_cm2_s,
    block_comparable: blockComparable,
    D_random_walk_stderr_cm2_s: tracerWalkErr,
    D_uncertainty_cm2_s: tracerErr,
    D_sigma_cm2_s: chargeFit.D_cm2_s,
    D_sigma_stderr_cm2_s: chargeFit.D_stderr_cm2_s,
    D_sigma_block_stderr_cm2_s: chargeBlock.D_block_stderr_cm2_s,
    D_sigma_random_walk_stderr_cm2_s: chargeWalkErr,
    D_sigma_uncertainty_cm2_s: chargeErr,
    D_sigma_significant: chargeSignificant,
    tracer: largestPartEstimate(fit.D_cm2_s, 'cm2/s', { ols: fit.D_stderr_cm2_s, block: block.D_block_stderr_cm2_s, random_walk: tracerWalkErr }),
    charge: largestPartEstimate(chargeFit.D_cm2_s, 'cm2/s', {
      ols: chargeFit.D_stderr_cm2_s,
      block: chargeBlock.D_block_stderr_cm2_s,
      random_walk: chargeWalkErr,
    }),
    haven_ratio: haven.haven_ratio,
    haven_stderr: haven.haven_stderr,
    haven_estimate: haven.haven_estimate,
    haven_reason: haven.reason,
    sigma_mS_cm: sigma,
    sigma_charge_mS_cm: sigmaCharge,
    sigma_charge_reason: sigmaChargeReason,
    sigma_reason: sigmaReason,
    measurable: meas.measurable,
    measurable_reason: meas.reason,
    run_resolution: runResolution(fit.D_cm2_s, (nFrames - 1) * dt),
    linearity: msdLinearity(msd.t_fs, msd.msd_A2, fit.fit_window_fs, nIons, nFrames, dt, opts.fitWeighting),
    temperature_K: opts.temperature_K ?? null,
    charge_e: charge,
    volume_A3: volume,
    msd,
    chargeMsd,
    fit,
    chargeFit,
    block,
    chargeBlock,
  };
  return withKind(withGroups(flat, haven), 'diffusion');
}

/** The grouped view (haven, conductivity, diagnostics) beside the flat fields: the same numbers. */
function withGroups(flat: Omit<DiffusionResult, 'haven' | 'conductivity' | 'diagnostics'>, haven: HavenRatio): DiffusionResult {
  return {
    ...flat,
    haven,
    conductivity: {
      sigma_mS_cm: flat.sigma_mS_cm,
      ...(flat.sigma_reason !== undefined ? { sigma_reason: flat.sigma_reason } : {}),
      sigma_charge_mS_cm: flat.sigma_charge_mS_cm,
      ...(flat.sigma_charge_reason !== undefined ? { sigma_charge_reason: flat.sigma_charge_reason } : {}),
      temperature_K: flat.temperature_K,
      charge_e: flat.charge_e,
      volume_A3: flat.volume_A3,
    },
    diagnostics: {
      measurable: flat.measurable,
      ...(flat.measurable_reason !== undefined ? { measurable_reason: flat.measurable_reason } : {}),
      run_resolution: flat.run_resolution,
      linearity: flat.linearity,
      fit_window_fs: flat.fit_window_fs,
      fit_window_default: flat.fit_window_default,
      block_comparable: flat.block_comparable,
      D_sigma_significant: flat.D_sigma_significant,
    },
  };
}

/** Options of {@link analyseDiffusion}: {@link DiffusionOptions} and the drift reference. */
export interface AnalyseDiffusionOptions extends DiffusionOptions {
  /** Species of the framework whose centre-of-mass drift `drift` subtracts (default: all but the mobile one). */
  framework?: string[];
  /** Weights of the framework centre of mass (default 'mass'). */
  frameworkWeights?: 'mass' | 'equal';
}

/**
 * Tracer and charge diffusion of `species` in one call (METHODS §1; Li 2025 for "measurable"):
 * unwrap, optional drift correction, all-origins FFT MSD, D* over the fit window with its OLS,
 * block and random-walk errors, charge MSD and D_σ, Haven ratio, Nernst–Einstein σ (with
 * `temperature_K`), MSD linearity. Reads a stream in one pass (bounded memory).
 * @param source an in-memory Trajectory or a FrameStream (`si.openTrajectory`).
 * @param species the mobile species, e.g. "Li" (or several).
 * @param opts {@link DiffusionOptions} plus `framework` (species of the drift reference; default all
 *   others) and `frameworkWeights` ('mass' default | 'equal').
 * @returns a {@link DiffusionResult}: `D_cm2_s` ± `D_uncertainty_cm2_s`, `D_sigma_cm2_s`, `haven_ratio`,
 *   `sigma_mS_cm`, flags `measurable`, `run_resolution`, `linearity`; `msd` and `fit` for the plot.
 * @example const r = await si.analyseDiffusion(traj, "Li", { temperature_K: 600, drift: true }); show(r)
 */
export async function analyseDiffusion(
  source: FrameStream | Trajectory,
  species: string | string[],
  opts: AnalyseDiffusionOptions = {},
): Promise<DiffusionResult> {
  const series = await collectTransportSeries(source, species, { framework: opts.framework, frameworkWeights: opts.frameworkWeights });
  return diffusionFromSeries(series, opts);
}
