/**
 * `superionic analyse FILE --msd Li --rdf Li-S --sites Li --host S,Cl --reference argyrodite --vdos Na --vanhove Li`
 * — several analyses from ONE pass over the file (src/analyse/analyse.ts), one progress line; each part of
 * the JSON is what the separate command (`msd`, `rdf`, `sites`, `vdos`, `vanhove`) prints for the same options.
 */
import { InputError } from '../../core/errors.js';
import { analyse, type AnalysePlan } from '../../analyse/analyse.js';
import { defaultThreads } from '../../analyse/frameParallel.js';
import type { FitWeighting } from '../../transport/diffusionFit.js';
import type { Args } from '../args.js';
import { defineCommand, jsonFields, optionalObject } from '../command.js';
import type { CorrelationWindow } from '../../dynamics/correlationWindow.js';
import { bounds } from '../optionRanges.js';
import { VANHOVE_FIELDS, VDOS_FIELDS } from '../resultSchemas.js';
import { formatNumber, printResult, progress, textTable } from '../output.js';
import { readerOptions } from '../readerOptions.js';
import { msdJson } from '../json/msdJson.js';
import { sitesJson } from '../json/sitesJson.js';
import { parsePair } from '../pairOption.js';
import { siteTemplateOptions } from '../siteOptions.js';

export const spec = defineCommand({
  name: 'analyse',
  summary: 'several analyses (MSD/D, RDFs, site occupancy, VDOS, van Hove) in one pass over the file',
  synopsis: `FILE [--msd SPECIES[,..] [--dt FS] [--fit START_FS:END_FS] [--drift] [--temperature K] [--blocks K] [--weights none|inverse-lag]]
       [--rdf A-B[,C-D..] [--rdf-rmax 10] [--rdf-bins 200]]
       [--sites MOBILE --host SPECIES|ANION[,..] (--lattice fcc|bcc|hcp | --reference FILE|argyrodite) [--sigma2 0.1] [--site-rmax 4]
        [--site-species X[,..]] [--vertices 4] [--search-origin] [--match-tolerance A] [--shape-tolerance 0.15]]
       [--vdos SPECIES [--mass-weighted] [--vdos-window hann|blackman|none] [--vdos-max-lag FS] [--vdos-source auto|file|positions]
        [--min-nyquist THZ]] [--vanhove SPECIES [--vanhove-lags 100,500,1000] [--vanhove-rmax Å] [--vanhove-dr 0.05]
        [--vanhove-stride ORIGINS] [--no-distinct]] [--threads N] [--json]`,
  positionals: { max: 1, noun: 'trajectory file' },
  readsTrajectory: true,
  options: {
    msd: { kind: 'list' },
    dt: { kind: 'number' },
    fit: { kind: 'range', unit: 'fs' },
    drift: { kind: 'flag' },
    temperature: { kind: 'number' },
    blocks: { kind: 'number' },
    weights: { kind: 'string', choices: ['none', 'inverse-lag'] },
    rdf: { kind: 'list' },
    'rdf-rmax': { kind: 'number' },
    'rdf-bins': { kind: 'number' },
    sites: { kind: 'list' },
    host: { kind: 'list' },
    lattice: { kind: 'string', choices: ['fcc', 'bcc', 'hcp'] },
    reference: { kind: 'string' },
    sigma2: { kind: 'number' },
    'site-rmax': { kind: 'number' },
    'site-species': { kind: 'list' },
    vertices: { kind: 'number' },
    'search-origin': { kind: 'flag' },
    'match-tolerance': { kind: 'number' },
    'shape-tolerance': { kind: 'number' },
    rmax: { kind: 'number' },
    bins: { kind: 'number' },
    vdos: { kind: 'string' },
    'mass-weighted': { kind: 'flag' },
    'vdos-window': { kind: 'string', choices: ['hann', 'blackman', 'none'] },
    'vdos-max-lag': { kind: 'number', range: bounds(1e-3, 1e9, 'fs') },
    'vdos-source': { kind: 'string', choices: ['auto', 'file', 'positions'] },
    'min-nyquist': { kind: 'number' },
    vanhove: { kind: 'string' },
    'vanhove-lags': { kind: 'list', items: 'number', range: bounds(0, 1e9, 'fs') },
    'vanhove-rmax': { kind: 'number', range: bounds(0.1, 20, 'Å') },
    'vanhove-dr': { kind: 'number', range: bounds(5e-3, 10, 'Å') },
    'vanhove-stride': { kind: 'number', range: bounds(1, 1e9, 'origins', { integer: true }) },
    'no-distinct': { kind: 'flag' },
    threads: { kind: 'number' },
  },
  notes: `  --threads N: the RDFs and the site occupancy over N worker threads, each reading every N-th frame (default: all
  cores; bit for bit the one-thread result); the MSD series is collected meanwhile from its own pass.
  One pass over FILE feeds every analysis asked for (memory: the mobile ions' positions for the MSD,
  histograms and occupancies for the rest). The options mean what they mean in msd, rdf and sites
  (--rdf-rmax/--rdf-bins are rdf's --rmax/--bins; --site-rmax is sites' --rmax; --vdos-window, --vdos-max-lag,
  --vdos-source are the window, max-lag and source options of vdos; --vanhove-lags, --vanhove-rmax, --vanhove-dr,
  --vanhove-stride the lags, rmax, dr and stride options of vanhove). --dt and --temperature serve every analysis that takes them. --vdos and --vanhove
  keep the species' positions (and velocities for the VDOS) over the run, within the memory budget.
  JSON: {file, n_frames, msd: {…as superionic msd}, rdf: {PAIR: {…as superionic rdf}}, sites: {…as superionic sites},
         vdos: {…as superionic vdos}, vanhove: {…as superionic vanhove}}`,
  output: jsonFields({
    file: 'string',
    n_frames: 'number',
    msd: 'object?',
    rdf: 'object?',
    sites: 'object?',
    vdos: optionalObject(jsonFields(VDOS_FIELDS)),
    vanhove: optionalObject(jsonFields(VANHOVE_FIELDS)),
  }),
});
export const { summary, usage } = spec;

export async function run(args: Args): Promise<void> {
  const file = args.positionals[0];
  if (!file) throw new InputError('no trajectory file given; expected superionic analyse FILE --msd Li --rdf Li-S');
  const json = args.flag('json');
  const msdSpecies = args.list('msd'),
    pairs = args.list('rdf').map(parsePair),
    siteMobile = args.list('sites'),
    vdosSpecies = args.string('vdos'),
    vanhoveSpecies = args.string('vanhove');
  if (!msdSpecies.length && !pairs.length && !siteMobile.length && vdosSpecies === undefined && vanhoveSpecies === undefined)
    throw new InputError('nothing to analyse: give at least one of --msd SPECIES, --rdf A-B, --sites MOBILE, --vdos SPECIES, --vanhove SPECIES');
  const dt = args.number('dt');
  const weights = (args.string('weights') ?? 'none') as FitWeighting;
  const plan: AnalysePlan = {};
  if (msdSpecies.length) {
    plan.msd = {
      species: msdSpecies,
      dt_fs: dt,
      fitWindow_fs: args.range('fit'),
      drift: args.flag('drift'),
      temperature_K: args.number('temperature'),
      charge_e: 1,
      blocks: args.number('blocks'),
      fitWeighting: weights,
    };
  }
  const rdfRmax = args.number('rdf-rmax', 10),
    rdfBins = args.number('rdf-bins', 200);
  if (pairs.length) plan.rdf = pairs.map(([a, b]) => ({ a, b, rmax_A: rdfRmax, bins: rdfBins }));
  let host: string[] = [];
  let templateOpts: ReturnType<typeof siteTemplateOptions> | null = null;
  const siteOpts = {
    sigma2_A2: args.number('sigma2', 0.1)!,
    rmax_A: args.number('site-rmax', 4)!,
    matchTolerance_A: args.number('match-tolerance'),
    maxShapeDeviation: args.number('shape-tolerance'),
  };
  if (siteMobile.length) {
    host = args.list('host');
    if (host.length === 0) throw new InputError('--sites needs --host: the host species or polyanions, e.g. --host S,Cl or --host PS4');
    templateOpts = siteTemplateOptions(args);
  }
  if (vdosSpecies !== undefined)
    plan.vdos = {
      species: vdosSpecies,
      dt_fs: dt,
      massWeighted: args.flag('mass-weighted'),
      window: (args.string('vdos-window') ?? 'hann') as CorrelationWindow,
      maxLag_fs: args.number('vdos-max-lag'),
      velocitySource: (args.string('vdos-source') ?? 'auto') as 'auto' | 'file' | 'positions',
      minNyquist_THz: args.number('min-nyquist'),
      temperature_K: args.number('temperature'),
    };
  if (vanhoveSpecies !== undefined) {
    const lags = args.list('vanhove-lags').map((x) => {
      const t = Number(x);
      if (!Number.isFinite(t) || t < 0) throw new InputError(`--vanhove-lags expects fs values ≥ 0, got "${x}"`);
      return t;
    });
    plan.vanhove = {
      species: vanhoveSpecies,
      lags_fs: lags.length ? lags : undefined,
      dt_fs: dt,
      rMax_A: args.number('vanhove-rmax'),
      dr_A: args.number('vanhove-dr'),
      originStride: args.number('vanhove-stride'),
      distinct: !args.flag('no-distinct'),
    };
  }
  const read = readerOptions(args);
  plan.threads = args.number('threads') ?? defaultThreads(file);
  args.rejectUnknownOptions('analyse');
  if (templateOpts) plan.sites = { mobile: siteMobile, host, template: await templateOpts.resolve(host), ...siteOpts };
  plan.read = { ...read, timestep_fs: dt };
  const quiet = json && !process.stderr.isTTY;
  plan.onProgress = quiet
    ? () => {}
    : (n) => {
        if (n % 200 === 0) progress(`analyse: ${n} frames`);
      };
  const r = await analyse(file, plan);
  const out: Record<string, unknown> = { file, n_frames: r.nFrames };
  if (r.msd) out.msd = msdJson(r.msd, weights);
  if (r.rdf)
    out.rdf = Object.fromEntries(
      r.rdf.map((x) => {
        const { counts: _c, edges_A: _e, ...shown } = x;
        return [x.pair, shown];
      }),
    );
  if (r.sites) out.sites = sitesJson(r.sites.occupancy, r.sites.hostCentres);
  if (r.vdos) {
    out.vdos = r.vdos;
    if (r.vdos.warning) process.stderr.write(`warning: vdos: ${r.vdos.warning}\n`);
    if (r.vdos.temperature_caution && json) process.stderr.write(`CAUTION: vdos: ${r.vdos.temperature_caution}\n`);
  }
  if (r.vanhove) out.vanhove = { species: vanhoveSpecies, ...r.vanhove };
  printResult(out, json, () => {
    const rows: (string | number)[][] = [['frames', r.nFrames]];
    if (r.msd)
      rows.push([
        `D* ${r.msd.species.join(',')} (cm²/s)`,
        `${formatNumber(r.msd.D_cm2_s)} ± ${formatNumber(r.msd.D_uncertainty_cm2_s)}${r.msd.measurable ? '' : ' (not measurable)'}`,
      ]);
    for (const g of r.rdf ?? [])
      rows.push([`g(${g.pair}) first peak / minimum (Å)`, `${formatNumber(g.first_peak_A)} / ${formatNumber(g.first_min_A)}`]);
    if (r.sites)
      rows.push([
        `S̃ per cation (k_B), ${r.sites.occupancy.nMobile} ${siteMobile.join(',')}`,
        r.sites.occupancy.entropy_kB === null ? `— (${r.sites.occupancy.entropyNote})` : formatNumber(r.sites.occupancy.entropy_kB),
      ]);
    if (r.vdos) rows.push([`VDOS band centre ${r.vdos.selection} (THz)`, formatNumber(r.vdos.band_centre_THz)]);
    if (r.vanhove)
      rows.push([
        `van Hove ${vanhoveSpecies}: lags (fs)`,
        r.vanhove.t_fs.map((t, k) => (t === null ? `${r.vanhove!.lag_frames[k]} frames` : formatNumber(t))).join(', '),
      ]);
    const caution = r.vdos?.temperature_caution ? `CAUTION: vdos: ${r.vdos.temperature_caution}\n` : '';
    return (
      `${file}: one pass\n` + textTable(['quantity', 'value'], rows) + caution + 'details: superionic msd / rdf / sites / vdos / vanhove, or --json\n'
    );
  });
}
