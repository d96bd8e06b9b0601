/**
 * `superionic msd FILE --species Li` — all-origins MSD, tracer D* with OLS and block errors,
 * charge diffusion D_σ, Haven ratio, Nernst–Einstein σ and the measurable flag (METHODS §1).
 * Streams the file: only the mobile ions' positions (and, with --drift, the framework centre of mass)
 * are kept; without --drift only the mobile ions' lines are parsed.
 */
import { openTrajectory } from '../../io/index.js';
import { InputError } from '../../core/errors.js';
import { collectTransportSeries } from '../../transport/diffusionAnalysis.js';
import { diffusionFromSeriesThreaded } from '../../analyse/atomBlockParallel.js';
import type { FitWeighting } from '../../transport/diffusionFit.js';
import type { Args } from '../args.js';
import { defineCommand, jsonFields } from '../command.js';
import { formatNumber, printResult, progress, textTable } from '../output.js';
import { readerOptions } from '../readerOptions.js';
import { msdJson, msdPlausibility } from '../json/msdJson.js';

export const spec = defineCommand({
  name: 'msd',
  summary: 'MSD, tracer and charge diffusion, Haven ratio, Nernst–Einstein conductivity',
  synopsis: `FILE --species Li [--dt FS] [--fit START_FS:END_FS] [--drift] [--temperature K]
       [--charge Q] [--volume A3] [--blocks K] [--weights none|inverse-lag] [--framework-weights mass|equal] [--threads N] [--json]`,
  positionals: { max: 1, noun: 'trajectory file' },
  readsTrajectory: true,
  options: {
    species: { kind: 'list' },
    dt: { kind: 'number' },
    fit: { kind: 'range', unit: 'fs' },
    drift: { kind: 'flag' },
    temperature: { kind: 'number' },
    charge: { kind: 'number' },
    volume: { kind: 'number' },
    blocks: { kind: 'number' },
    weights: { kind: 'string', choices: ['none', 'inverse-lag'] },
    'framework-weights': { kind: 'string', choices: ['mass', 'equal'] },
    threads: { kind: 'number' },
  },
  notes: `  --threads N: the MSDs over N worker threads, by blocks of 16 ions (default 1: on a quiet 2-core machine 2
  threads took 0.77× the one-thread wall time, parsing stays on one thread); the result is bit for bit the
  one-thread result (the file is read on one thread).
  D* = slope/6 of the all-origins MSD over the fit window (default 10 %–80 % of the run), with the OLS
  error of the slope, a block error (K independent segments, default 5) and the error of N independent
  random walkers of the same run and window; the largest decides 'measurable' (D > 2σ). --drift subtracts the
  framework centre-of-mass motion. σ = N q² D/(V k_B T) needs --temperature (V from the cell).
  D_σ from the charge MSD carries the largest of its OLS, block and single-series random-walk errors;
  H_R = D*/D_σ is null (with a reason) unless D_σ > 2σ.
  D* above 1e-2 cm²/s (above any ion in a solid or liquid) is flagged plausible: false: check --dt; so is
  D* ≤ 0 or an MSD that does not grow over the fit window (no diffusion was measured).
  JSON: {D_cm2_s, D_stderr_cm2_s, D_block_stderr_cm2_s, fit_window_fs, sigma_mS_cm, D_sigma_cm2_s,
         D_sigma_uncertainty_cm2_s, D_sigma_significant, haven_ratio, haven_stderr, haven_reason, measurable, plausible,
         plausible_reason, ...,
         msd_t_fs, msd_A2, msd_x_A2, msd_y_A2, msd_z_A2, msd_charge_A2}`,
  output: jsonFields({
    file: 'string',
    species: 'string[]',
    n_ions: 'number',
    n_frames: 'number',
    dt_fs: 'number',
    drift_corrected: 'boolean',
    fit_window_fs: 'number[]',
    fit_window_default: 'boolean',
    fit_weighting: 'string',
    D_cm2_s: 'number',
    D_stderr_cm2_s: 'number?',
    D_block_stderr_cm2_s: 'number?',
    block_comparable: 'boolean',
    D_random_walk_stderr_cm2_s: 'number?',
    D_uncertainty_cm2_s: 'number',
    D_blocks_cm2_s: 'number[]',
    n_blocks: 'number?',
    block_fit_window_fs: 'number[]',
    D_sigma_cm2_s: 'number',
    D_sigma_stderr_cm2_s: 'number?',
    D_sigma_block_stderr_cm2_s: 'number?',
    D_sigma_random_walk_stderr_cm2_s: 'number?',
    D_sigma_uncertainty_cm2_s: 'number',
    D_sigma_significant: 'boolean',
    haven_ratio: 'number?',
    haven_stderr: 'number?',
    haven_estimate: 'number?',
    haven_reason: 'string?',
    sigma_mS_cm: 'number?',
    sigma_charge_mS_cm: 'number?',
    sigma_charge_reason: 'string?',
    sigma_reason: 'string?',
    temperature_K: 'number?',
    charge_e: 'number',
    volume_A3: 'number?',
    measurable: 'boolean',
    plausible: 'boolean',
    plausible_reason: 'string?',
    msd_regime: 'string',
    msd_slope_ratio: 'number?',
    msd_slope_ratio_stderr: 'number?',
    msd_regime_reason: 'string?',
    run_resolves_D: 'boolean',
    run_resolution_D_cm2_s: 'number',
    msd_t_fs: 'number[]',
    msd_A2: 'number[]',
    msd_x_A2: 'number[]',
    msd_y_A2: 'number[]',
    msd_z_A2: 'number[]',
    msd_charge_A2: 'number[]',
  }),
});
export const { summary, usage } = spec;

export async function run(args: Args): Promise<void> {
  const file = args.positionals[0];
  if (!file) throw new InputError('no trajectory file given; expected superionic msd FILE --species X');
  const species = args.list('species');
  if (species.length === 0) throw new InputError('missing --species: expected the mobile species, e.g. --species Li');
  const dt = args.number('dt');
  const fit = args.range('fit');
  const weights = (args.string('weights') ?? 'none') as FitWeighting;
  const fwWeights = (args.string('framework-weights') ?? 'mass') as 'mass' | 'equal';
  if (args.has('framework-weights') && !args.flag('drift'))
    throw new InputError(
      '--framework-weights sets how the framework drift is computed, but without --drift none is subtracted: add --drift or drop it',
    );
  const json = args.flag('json');
  const opts = {
    dt_fs: dt,
    fitWindow_fs: fit,
    drift: args.flag('drift'),
    temperature_K: args.number('temperature'),
    charge_e: args.number('charge', 1),
    volume_A3: args.number('volume'),
    blocks: args.number('blocks'),
    fitWeighting: weights,
  };
  const reader = readerOptions(args);
  const threads = args.number('threads') ?? 1;
  args.rejectUnknownOptions('msd');
  // Without drift correction only the mobile ions are needed: parse just their lines.
  const stream = await openTrajectory(file, { ...reader, timestep_fs: dt, atoms: opts.drift ? undefined : species });
  const quiet = json && !process.stderr.isTTY;
  const series = await collectTransportSeries(stream, species, {
    frameworkWeights: fwWeights,
    onProgress: quiet
      ? undefined
      : (n) => {
          if (n % 1000 === 0) progress(`read ${n} frames`);
        },
  });
  const r = await diffusionFromSeriesThreaded(series, opts, threads);
  const out = { file, ...msdJson(r, weights) };
  const plaus = msdPlausibility(r);
  printResult(out, json, () => {
    const f = (x: number | null | undefined) => formatNumber(x);
    const rows: (string | number)[][] = [
      ['species (ions)', `${r.species.join(',')} (${r.nIons})`],
      ['frames × Δt (fs)', `${r.nFrames} × ${r.dt_fs}`],
      ['drift corrected', r.drift_corrected ? 'yes' : 'no'],
      ['fit window (fs)', `${f(r.fit_window_fs[0])}–${f(r.fit_window_fs[1])}${r.fit_window_default ? ' (default: 10 %–80 % of the run)' : ''}`],
      ['D* (cm²/s)', plaus.plausible ? f(r.D_cm2_s) : `${f(r.D_cm2_s)} (CAUTION: implausible, see below)`],
      ['  OLS stderr', f(r.D_stderr_cm2_s)],
      [
        '  block stderr',
        r.D_block_stderr_cm2_s === null
          ? `— (${r.block.reason})`
          : `${f(r.D_block_stderr_cm2_s)} (${r.block.nBlocks} segments${r.block_comparable ? '' : ', over a shorter window'})`,
      ],
      ['  random-walk stderr', `${f(r.D_random_walk_stderr_cm2_s)} (${r.nIons} independent diffusive ions, same run and window: a lower bound)`],
      ['  uncertainty used', f(r.D_uncertainty_cm2_s)],
      [
        'D_σ (cm²/s)',
        `${f(r.D_sigma_cm2_s)} ± ${f(r.D_sigma_uncertainty_cm2_s)} (largest of OLS ${f(r.D_sigma_stderr_cm2_s)}, single-series ${f(r.D_sigma_random_walk_stderr_cm2_s)}${r.D_sigma_block_stderr_cm2_s === null ? '' : `, blocks ${f(r.D_sigma_block_stderr_cm2_s)}${r.block_comparable ? '' : ' over a shorter window'}`})`,
      ],
      ['Haven ratio', r.haven_ratio === null ? `— (${r.haven_reason})` : `${f(r.haven_ratio)} ± ${f(r.haven_stderr)}`],
      [
        'σ Nernst–Einstein (mS/cm)',
        r.sigma_mS_cm === null
          ? `— (${r.sigma_reason})`
          : `${f(r.sigma_mS_cm)} (T = ${r.temperature_K} K, V = ${f(r.volume_A3)} Å³, q = ${r.charge_e})`,
      ],
      ['σ from D_σ (mS/cm)', r.sigma_charge_mS_cm === null ? `— (${r.sigma_charge_reason})` : f(r.sigma_charge_mS_cm)],
      ['measurable', r.measurable ? 'yes' : `NO: ${r.measurable_reason}`],
      [
        'MSD linear in the window',
        r.linearity.regime === 'diffusive'
          ? `yes (slope ratio ${f(r.linearity.ratio)} ± ${f(r.linearity.ratio_stderr)})`
          : `CAUTION (${r.linearity.regime}): ${r.linearity.reason}`,
      ],
      ['resolved by run length', r.run_resolution.resolved ? `yes (D ≥ ${f(r.run_resolution.D_min_cm2_s)})` : `CAUTION: ${r.run_resolution.reason}`],
    ];
    return textTable(['quantity', 'value'], rows) + (plaus.plausible ? '' : `CAUTION: ${plaus.reason}\n`);
  });
}
