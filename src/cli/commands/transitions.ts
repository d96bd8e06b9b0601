/**
 * `superionic transitions FILE --mobile Li --host S,Cl (--lattice … | --reference …)` — the site-to-site
 * transition network (src/sites/transitionNetwork.ts): rates per site pair and per site-type pair with
 * Poisson errors, residence and occupancy per site, site vibration, attempt frequency and activation
 * energies E_a = −k_B T ln(k/ν₀), collective jumps against chance; network export (JSON) and a Vega-Lite
 * network plot.
 */
import { writeFileSync } from 'node:fs';
import { InputError } from '../../core/errors.js';
import { analyseFrames } from '../../core/frameAnalysis.js';
import { DisplacementSpectrumAttemptFrequency } from '../../dynamics/displacementSpectrumAttemptFrequency.js';
import { vibrationalDensityOfStates } from '../../dynamics/vibrationalDensityOfStates.js';
import { TransitionNetworkAnalysis, TransitionNetworkResult } from '../../sites/transitionNetwork.js';
import { transitionNetworkSpec } from '../../display/sites/transitionPlots.js';
import type { Args } from '../args.js';
import { defineCommand, jsonFields, type JsonSchema } from '../command.js';
import { bounds } from '../optionRanges.js';
import { formatNumber, printResult, textTable } from '../output.js';
import { SITE_SETUP_OPTIONS, siteSetupFromArgs } from '../siteOptions.js';

export const spec = defineCommand({
  name: 'transitions',
  summary: 'site-to-site transition network: rates per site pair, residence, vibration, attempt frequency, E_a, collective jumps',
  synopsis: `FILE --mobile Li --host SPECIES|ANION[,..] (--lattice fcc|bcc|hcp | --reference FILE|argyrodite | --site-file FILE.json)
         [--temperature K] [--attempt-frequency THZ|vdos|displacement-spectrum] [--collective-window 500] [--dt FS] [--r-in 0.5]
         [--min-residence FS] [--network-out FILE.json] [--plot-out FILE.vl.json] [--plane xy|xz|yz]
         [--site-species X] [--vertices 4] [--search-origin] [--match-tolerance A] [--shape-tolerance 0.15] [--json]
         [--fixed-sites] [--conventions gemdat] [--initial-site nearest|captured] [--rate-time assigned|within-r-in]
         [--collective-timing arrival|interval] [--collective-distance A]`,
  positionals: { max: 1, noun: 'trajectory file' },
  readsTrajectory: true,
  options: {
    ...SITE_SETUP_OPTIONS,
    temperature: { kind: 'number' },
    'attempt-frequency': { kind: 'string', unit: 'THz', expected: 'a frequency > 0 in THz, "vdos" or "displacement-spectrum"' },
    'collective-window': { kind: 'number', range: bounds(0, 1e9, 'fs') },
    dt: { kind: 'number' },
    'r-in': { kind: 'number' },
    'min-residence': { kind: 'number' },
    'network-out': { kind: 'string', expected: 'a JSON file path for the network' },
    'plot-out': { kind: 'string', expected: 'a Vega-Lite JSON file path' },
    plane: { kind: 'string', choices: ['xy', 'xz', 'yz'] },
    'fixed-sites': { kind: 'flag' },
    conventions: { kind: 'string', choices: ['gemdat'] },
    'initial-site': { kind: 'string', choices: ['nearest', 'captured'] },
    'rate-time': { kind: 'string', choices: ['assigned', 'within-r-in'] },
    'collective-timing': { kind: 'string', choices: ['arrival', 'interval'] },
    'collective-distance': { kind: 'number', range: bounds(1e-6, 1e3, 'Å') },
  },
  renamed: { sites: 'site-file' },
  notes: `  --site-file FILE.json: sites discovered from the density (JSON list of {cartesian_A, polyhedron}, e.g. discoverSites()), each
  following its --vertices (default 4) nearest hosts, typed by its polyhedron (instead of --lattice/--reference).
  Sites and the jump assignment as in \`jumps\` (hysteresis radius --r-in, minimum residence). Per directed
  site pair i → j: k_ij = N_ij / T_i (ns⁻¹ per ion on site i; T_i = total ion time on i), error √N_ij / T_i;
  per site: occupancy T_i / t_run, mean residence of complete visits, exit rate Σ_j k_ij, vibration RMS.
  With --temperature: E_a = −k_B T ln(k/ν₀) per pair and per type pair, ν₀ = --attempt-frequency (THz), or
  "vdos" (band centre of the mobile species' VDOS, needs velocities or frames ≤ 50 fs apart), or by default
  "displacement-spectrum" (GEMDAT's estimator: mean frequency of the periodogram of each ion's distance-from-start
  increments, averaged over ions; bounded by the Nyquist frequency 1/(2Δt): a caution is printed when frames are too far
  apart to resolve the vibration), or by default
  the harmonic ν₀ = (1/2π)√(k_B T/(m σ²)) of the vibration in the sites of the from type.
  Collective jumps: jumps of different ions sharing a site within --collective-window fs, vs chance.
  --network-out: the network as JSON {sites, edges, type_rates}; --plot-out: Vega-Lite spec of the network.
  --fixed-sites (with --site-file; entries may give fractional [x, y, z] and a label instead of cartesian_A): the sites
  stay at their fractional coordinates of the cell instead of following hosts (no --host needed).
  --conventions gemdat: GEMDAT's definitions (reproduce its numbers; r_in = its site radius): --initial-site captured (an
  ion has no site until it first comes within r_in of one), --rate-time within-r-in (T_i = ion time within r_in of i, so
  transit time counts on no site), --collective-timing interval (each jump spans last frame on the old site → first on
  the new one; two jumps are collective when these intervals come within the window) and --collective-distance 1 (sites
  closer than 1 Å count as shared). Each can also be set alone.
  JSON: {sites: [{index, type, centre_A, occupancy, mean_residence_fs, exit_rate_per_ns, vibration_rms_A, …}],
         edges: [{from, to, fromType, toType, count, rate_per_ns, rate_error_per_ns, distance_A, activation_energy_eV, …}],
         type_rates, vibration, attempt_frequency_source, attempt_frequency_THz, temperature_K, collective: {nPairs,
         expectedPairsByChance, ratioToChance, eventSizes, …}, n_jumps, duration_fs, n_frames, r_in_A}`,
  output: jsonFields({
    file: 'string',
    template: { type: 'string', description: 'the site lattice or reference structure' },
    duration_fs: 'number',
    n_frames: 'number',
    n_jumps: 'number',
    n_mobile: 'number',
    r_in_A: { type: 'number', description: 'hysteresis radius: an ion is on a site within r_in of its centre (Å)' },
    r_in_note: 'string?',
    min_residence_fs: 'number',
    rate_time: { type: 'string', description: '"assigned" or "within-r-in": the site time T_i the rates divide by' },
    temperature_K: 'number?',
    attempt_frequency_source: 'string?',
    attempt_frequency_THz: { type: ['number', 'null'], description: 'ν₀ used for every E_a (THz); null when per site type' },
    activation_energy_note: { type: ['string', 'null'], description: 'why E_a was not computed, if it was not' },
    mobile_mass_amu: 'number',
    sites: arrayOf(
      jsonFields({
        index: 'number',
        type: 'string',
        centre_A: 'number[]',
        time_fs: { type: 'number', description: 'total ion time on the site (fs)' },
        occupancy: { type: 'number', description: 'time_fs / run duration' },
        frames_within_r_in: 'number',
        occupancy_within_r_in: 'number',
        visits: 'number',
        complete_visits: 'number',
        mean_residence_fs: 'number?',
        exit_rate_per_ns: { type: 'number', description: 'Σ_j k_ij (ns⁻¹ per ion on the site)' },
        vibration_rms_A: 'number?',
        vibration_variance_A2: 'number?',
        vibration_samples: 'number',
        mean_offset_A: 'number?',
      }),
    ),
    edges: arrayOf(
      jsonFields({
        from: 'number',
        to: 'number',
        fromType: 'string',
        toType: 'string',
        count: 'number',
        rate_per_ns: { type: 'number', description: 'k_ij = N_ij / T_i (ns⁻¹ per ion on site i)' },
        rate_error_per_ns: { type: 'number', description: '√N_ij / T_i (ns⁻¹)' },
        distance_A: 'number',
        vector_A: 'number[]',
        activation_energy_eV: { type: ['number', 'null'], description: 'E_a = −k_B T ln(k/ν₀) (eV); null without --temperature' },
        activation_energy_error_eV: 'number?',
      }),
    ),
    type_rates: arrayOf(
      jsonFields({
        from: 'string',
        to: 'string',
        count: 'number',
        rate_per_ns: 'number',
        rate_error_per_ns: 'number',
        attempt_frequency_THz: 'number?',
        activation_energy_eV: 'number?',
        activation_energy_error_eV: 'number?',
      }),
    ),
    vibration: arrayOf(
      jsonFields({
        type: 'string',
        sites: 'number',
        samples: 'number',
        variance_A2: 'number?',
        rms_A: 'number?',
        harmonic_attempt_frequency_THz: 'number?',
      }),
    ),
    collective: jsonFields({
      window_fs: 'number',
      nJumps: 'number',
      nPairs: 'number',
      nCollectiveJumps: 'number',
      collectiveFraction: 'number',
      eventSizes: { type: 'object', description: 'event size (jumps) → number of events', additionalProperties: { type: 'number' } },
      sharingPairs: 'number?',
      expectedPairsByChance: 'number?',
      ratioToChance: 'number?',
      timing: 'string',
      maxSiteDistance_A: { type: ['number', 'null'], description: 'sites closer than this are shared (Å); null: the same site' },
      chanceNote: 'string?',
      n_events: 'number',
    }),
    attempt_frequency_note: 'string?',
  }),
});

/** Schema of an array of `items`. */
function arrayOf(items: JsonSchema): JsonSchema {
  return { type: 'array', items };
}
export const { summary, usage } = spec;

/** The network as plain JSON (no typed arrays, no jump list). */
export function transitionNetworkJson(r: TransitionNetworkResult) {
  const { pairs, events, ...collective } = r.collective;
  return {
    template: r.jumps.network.template,
    duration_fs: r.duration_fs,
    n_frames: r.nFrames,
    n_jumps: r.jumps.jumps.length,
    n_mobile: r.jumps.ions.length,
    r_in_A: r.jumps.rIn_A,
    r_in_note: r.jumps.rIn_note ?? null,
    min_residence_fs: r.jumps.minResidence_fs,
    rate_time: r.rate_time,
    temperature_K: r.temperature_K,
    attempt_frequency_source: r.attempt_frequency_source,
    attempt_frequency_THz: r.attempt_frequency_THz,
    activation_energy_note: r.activation_energy_note,
    mobile_mass_amu: r.mobile_mass_amu,
    sites: r.sites,
    edges: r.edges,
    type_rates: r.typeRates,
    vibration: r.vibration,
    collective: { ...collective, n_events: events.length },
  };
}

export async function run(args: Args): Promise<void> {
  const json = args.flag('json');
  const rIn = args.number('r-in');
  const minRes = args.number('min-residence', 0)!;
  const dtOption = args.number('dt');
  const T = args.number('temperature');
  const attemptArg = args.string('attempt-frequency');
  let attempt: number | undefined;
  if (attemptArg !== undefined && attemptArg !== 'vdos' && attemptArg !== 'displacement-spectrum') {
    attempt = Number(attemptArg);
    if (!(attempt > 0) || !Number.isFinite(attempt))
      throw new InputError(`--attempt-frequency expects a frequency > 0 in THz, "vdos" or "displacement-spectrum", got "${attemptArg}"`);
  }
  const window = args.number('collective-window', 500)!;
  const networkOut = args.string('network-out'),
    plotOut = args.string('plot-out');
  const plane = (args.string('plane') ?? 'xy') as 'xy' | 'xz' | 'yz';
  if (T === undefined && attemptArg !== undefined) throw new InputError('--attempt-frequency needs --temperature K (E_a = −k_B T ln(k/ν₀))');
  // Each value is checked against its declared choices by main; --conventions gemdat changes the defaults.
  const gemdat = args.string('conventions') === 'gemdat';
  const initialSite = (args.string('initial-site') ?? (gemdat ? 'captured' : 'nearest')) as 'nearest' | 'captured';
  const rateTime = (args.string('rate-time') ?? (gemdat ? 'within-r-in' : 'assigned')) as 'assigned' | 'within-r-in';
  const collectiveTiming = (args.string('collective-timing') ?? (gemdat ? 'interval' : 'arrival')) as 'arrival' | 'interval';
  const collectiveDistance = args.number('collective-distance') ?? (gemdat ? 1 : undefined);
  const setup = await siteSetupFromArgs(args, 'transitions', { wholeTrajectory: true, fixedSites: args.flag('fixed-sites') });
  const dt = setup.traj.frameInterval_fs(dtOption);
  let attemptNote: string | null = null;
  if (attemptArg === 'vdos') {
    const v = vibrationalDensityOfStates(setup.traj, { species: setup.mobile, dt_fs: dt, temperature_K: T });
    if (v.band_centre_THz === null)
      throw new InputError(
        `--attempt-frequency vdos: the VDOS band centre of ${setup.mobile.join(', ')} is not defined (${v.band_centre_reason ?? 'no spectrum'}); give ν₀ in THz instead`,
        { file: setup.file },
      );
    attempt = v.band_centre_THz;
    attemptNote = `ν₀ = VDOS band centre of ${setup.mobile.join(', ')} (velocities ${v.velocity_source})${v.temperature_caution ? `; CAUTION: ${v.temperature_caution}` : ''}`;
  }
  if (attemptArg === 'displacement-spectrum') {
    const ds = new DisplacementSpectrumAttemptFrequency({ species: setup.mobile, dt_fs: dt, source: setup.file });
    await analyseFrames(setup.traj, [ds]);
    const d = ds.result();
    attempt = d.attempt_frequency_THz;
    attemptNote =
      `ν₀ = mean frequency of the displacement spectrum of ${setup.mobile.join(', ')} (GEMDAT's estimator), ` +
      `std over ions ${d.attempt_frequency_std_THz.toFixed(3)} THz${d.caution ? `; CAUTION: ${d.caution}` : ''}`;
  }
  const an = new TransitionNetworkAnalysis(setup.source, {
    mobile: setup.mobile,
    rIn_A: rIn,
    minResidence_fs: minRes,
    dt_fs: dt,
    file: setup.file,
    hostPositions: setup.hostPositions,
    temperature_K: T,
    attemptFrequency_THz: attempt,
    collectiveWindow_fs: window,
    initialSite,
    rateTime,
    collectiveTiming,
    collectiveSiteDistance_A: collectiveDistance,
  });
  await analyseFrames(setup.traj, [an]);
  const r = an.result();
  const net = transitionNetworkJson(r);
  if (networkOut) writeFileSync(networkOut, JSON.stringify({ file: setup.file, ...net }, null, 1) + '\n');
  if (plotOut) writeFileSync(plotOut, JSON.stringify(transitionNetworkSpec(r, { plane }), null, 1) + '\n');
  const out = { file: setup.file, ...net, attempt_frequency_note: attemptNote };
  printResult(out, json, () => {
    const f = (x: number | null, e?: number | null) => (x === null ? '—' : e ? `${formatNumber(x)} ± ${formatNumber(e)}` : formatNumber(x));
    let text = `${setup.file}: ${r.jumps.jumps.length} jumps of ${r.jumps.ions.length} ions between ${r.sites.length} sites in ${formatNumber(r.duration_fs)} fs (r_in ${formatNumber(r.jumps.rIn_A)} Å)\n`;
    if (r.jumps.rIn_note) text += `note: ${r.jumps.rIn_note}\n`;
    if (attemptNote) text += `${attemptNote}\n`;
    if (r.activation_energy_note) text += `E_a not computed: ${r.activation_energy_note}\n`;
    text += textTable(
      ['jump', 'count', 'k (ns⁻¹ per ion)', 'ν₀ (THz)', 'E_a (eV)'],
      r.typeRates.map((t) => [
        `${t.from} → ${t.to}`,
        t.count,
        f(t.rate_per_ns, t.rate_error_per_ns),
        f(t.attempt_frequency_THz),
        f(t.activation_energy_eV, t.activation_energy_error_eV),
      ]),
    );
    text += textTable(
      ['site type', 'sites', 'vibration RMS (Å)', 'σ² per axis (Å²)', 'harmonic ν₀ (THz)'],
      r.vibration.map((v) => [v.type, v.sites, f(v.rms_A), f(v.variance_A2), f(v.harmonic_attempt_frequency_THz)]),
    );
    const top = [...r.edges].sort((a, b) => b.count - a.count).slice(0, 12);
    text += textTable(
      ['site pair', 'types', 'count', 'k (ns⁻¹)', 'E_a (eV)', 'd (Å)'],
      top.map((e) => [
        `${e.from} → ${e.to}`,
        `${e.fromType} → ${e.toType}`,
        e.count,
        f(e.rate_per_ns, e.rate_error_per_ns),
        f(e.activation_energy_eV, e.activation_energy_error_eV),
        e.distance_A,
      ]),
    );
    if (r.edges.length > top.length) text += `(${r.edges.length - top.length} more site pairs: --json or --network-out)\n`;
    const c = r.collective;
    const rule = c.maxSiteDistance_A === null ? 'share a site' : `sites within ${formatNumber(c.maxSiteDistance_A)} Å`;
    text +=
      `collective jumps (${rule}, ${c.timing === 'interval' ? 'intervals ' : ''}within ${c.window_fs} fs): ${c.nPairs} pairs, expected by chance ${c.expectedPairsByChance === null ? 'n/a' : formatNumber(c.expectedPairsByChance)}` +
      (c.ratioToChance === null ? '' : ` (ratio ${formatNumber(c.ratioToChance)})`) +
      `; ${c.nCollectiveJumps} of ${c.nJumps} jumps in ${c.events.length} events\n`;
    return text;
  });
}
