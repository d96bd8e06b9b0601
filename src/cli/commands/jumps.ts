/**
 * `superionic jumps FILE --mobile Li --host S,Cl (--lattice … | --reference …)` — site-to-site jumps
 * with hysteresis (an ion changes site only within --r-in of a new site's centre) and an optional
 * minimum residence; jump events, rates per site-type pair, residence times, hop frequency (METHODS §3).
 */
import { analyseFrames } from '../../core/frameAnalysis.js';
import { frameInterval } from '../../core/frameInterval.js';
import { SiteJumpAnalysis } from '../../sites/siteJumps.js';
import type { Args } from '../args.js';
import { defineCommand, jsonFields } from '../command.js';
import { formatNumber, printResult, textTable } from '../output.js';
import { SITE_SETUP_OPTIONS, siteProgress, siteSetupFromArgs } from '../siteOptions.js';

export const spec = defineCommand({
  name: 'jumps',
  summary: 'cation jumps between sites (hysteresis): events, rates per site-type pair, residence times, hop frequency',
  synopsis: `FILE --mobile Li --host SPECIES|ANION[,..] (--lattice fcc|bcc|hcp | --reference FILE|argyrodite | --site-file FILE.json)
         [--dt FS] [--r-in 0.5] [--min-residence FS] [--site-species X] [--vertices 4] [--search-origin]
         [--match-tolerance A] [--shape-tolerance 0.15] [--json]`,
  positionals: { max: 1, noun: 'trajectory file' },
  readsTrajectory: true,
  options: {
    ...SITE_SETUP_OPTIONS,
    dt: { kind: 'number' },
    'r-in': { kind: 'number' },
    'min-residence': { kind: 'number' },
  },
  renamed: { sites: 'site-file' },
  notes: `  --site-file FILE.json: sites discovered from the density (JSON list of {cartesian_A, polyhedron}, e.g. discoverSites()), each
  following its --vertices (default 4) nearest hosts, typed by its polyhedron (instead of --lattice/--reference).
  An ion is assigned to its nearest site at the first frame and changes site only when it comes within
  --r-in Å of another site's centre (rattling is not counted); visits shorter than --min-residence fs are
  dropped. Rates are jumps per ns (whole box, and per ion). --r-in must be below half the smallest
  site–site distance (the default 0.5 Å is reduced to 0.9 × that half when the sites are closer);
  --min-residence must be shorter than the run.
  JSON: {jumps: [{t_fs, ion, from, to, fromType, toType, fromCentre_A, toCentre_A}], rates: [{from, to, count,
         rate_per_ns, rate_per_ion_per_ns}], residence_times_fs: {TYPE: [...]}, mean_residence_fs,
         hop_frequency_per_ns, duration_fs, n_frames, r_in_A, min_residence_fs}`,
  output: jsonFields({
    file: 'string',
    template: 'string',
    n_frames: 'number',
    duration_fs: 'number?',
    r_in_A: 'number',
    r_in_note: 'string?',
    min_residence_fs: 'number',
    n_mobile: 'number',
    hop_frequency_per_ns: 'number',
    rates: 'array',
    residence_times_fs: 'object',
    mean_residence_fs: 'object',
    jumps: 'array',
  }),
});
export const { summary, usage } = spec;

export async function run(args: Args): Promise<void> {
  const json = args.flag('json');
  const rIn = args.number('r-in'); // default 0.5 Å, reduced for dense site networks (siteJumps.ts)
  const minRes = args.number('min-residence', 0)!;
  const dtOption = args.number('dt');
  const setup = await siteSetupFromArgs(args, 'jumps');
  // --dt, else the file's frame times (evenly spaced) or time step, found while streaming (SiteJumpOptions.dtFromSource)
  const an = new SiteJumpAnalysis(setup.source, {
    mobile: setup.mobile,
    rIn_A: rIn,
    minResidence_fs: minRes,
    dt_fs: dtOption === undefined ? undefined : frameInterval(null, setup.stream.info, dtOption),
    dtFromSource: setup.stream.info,
    file: setup.file,
    hostPositions: setup.hostPositions,
  });
  await analyseFrames(setup.stream, [an], { onProgress: siteProgress(setup) });
  const r = an.result();
  const out = {
    file: setup.file,
    template: r.network.template,
    n_frames: r.nFrames,
    duration_fs: r.duration_fs,
    r_in_A: r.rIn_A,
    r_in_note: r.rIn_note ?? null,
    min_residence_fs: r.minResidence_fs,
    n_mobile: r.ions.length,
    hop_frequency_per_ns: r.hop_frequency_per_ns,
    rates: r.rates,
    residence_times_fs: r.residence_times_fs,
    mean_residence_fs: r.mean_residence_fs,
    jumps: r.jumps, // ion = atom index in the file (0-based)
  };
  printResult(out, json, () => {
    const rows = r.rates.map((x) => [`${x.from} → ${x.to}`, x.count, x.rate_per_ns, x.rate_per_ion_per_ns]);
    return (
      `${setup.file}: ${r.jumps.length} jumps of ${r.ions.length} ions in ${formatNumber(r.duration_fs)} fs (r_in ${formatNumber(r.rIn_A)} Å); hop frequency ${formatNumber(r.hop_frequency_per_ns)} ns⁻¹ per ion\n` +
      (r.rIn_note ? `note: ${r.rIn_note}\n` : '') +
      textTable(['jump', 'count', 'per ns', 'per ion per ns'], rows) +
      textTable(
        ['site type', 'mean residence (fs)', 'complete visits'],
        Object.entries(r.mean_residence_fs).map(([k, v]) => [k, v === null ? '—' : formatNumber(v), r.residence_times_fs[k].length]),
      )
    );
  });
}
