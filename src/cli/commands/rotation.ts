/**
 * `superionic rotation FILE --anion PS4` — polyanion rotation (Kweon 2017 Figs 6–7, Li 2025 Fig. 2,
 * Wood 2021 Fig. 5): orientation ACF, reorientation rate per rotor, orientation states and entropy.
 */
import { analyseFrames, type FrameAnalysis } from '../../core/frameAnalysis.js';
import { SubTrajectoryCollector } from '../../core/subTrajectoryCollector.js';
import { anionRotation } from '../../dynamics/anionRotation.js';
import { CationHopAnalysis, CationHopResult } from '../../dynamics/hopFrequency.js';
import { parseFormula } from '../../geometry/molecules.js';
import { openTrajectory } from '../../io/index.js';
import type { IdealLattice } from '../../sites/siteTemplate.js';
import { InputError } from '../../core/errors.js';
import type { Args } from '../args.js';
import { ANION_OPTIONS } from '../anionOptions.js';
import { defineCommand, jsonFields } from '../command.js';
import { formatNumber, frameProgress, printResult, textTable } from '../output.js';
import { readerOptions } from '../readerOptions.js';

export const spec = defineCommand({
  name: 'rotation',
  summary: 'anion rotation: orientation ACF, reorientation rate, orientation states and entropy',
  synopsis: `FILE --anion PS4 [--atom S] [--threshold 70] [--window 20] [--dt FS]
       [--max-lag FS] [--mobile Na [--host S] [--lattice auto|bcc|fcc|hcp] [--r-in 0.5] [--min-residence FS]] [--json]`,
  positionals: { max: 1, noun: 'trajectory file' },
  readsTrajectory: true,
  options: {
    ...ANION_OPTIONS,
    atom: { kind: 'string' },
    threshold: { kind: 'number' },
    window: { kind: 'number' },
    dt: { kind: 'number' },
    'max-lag': { kind: 'number' },
    mobile: { kind: 'string' },
    host: { kind: 'list' },
    lattice: { kind: 'string', choices: ['auto', 'bcc', 'fcc', 'hcp'] },
    'r-in': { kind: 'number' },
    'min-residence': { kind: 'number' },
  },
  notes: `  Rotors: bonded clusters of the --anion formula in frame 0 (covalent radii × 1.2).
  --mobile: the cation whose hop frequency per cation (ns⁻¹) is reported beside the reorientation rate,
  from site-to-site jumps with hysteresis (an ion changes site only within --r-in Å of a new site).
  Sites: with --host, the interstitial sites of the host sublattice (host atoms, or the centres of the
  polyanions containing them, e.g. --host S → PS4 centres) matched to --lattice (default auto) in the
  trajectory's own cell; without --host, the cation positions of frame 0 (hops between cation sites).
  Orientation entropy: of the rotor's state = the set of orientation states its pointer atoms fill
  (per-atom occupancies of equivalent atoms are uniform by symmetry: pointer_state_occupancy).
  No reorientation event: the rate is below 1/(rotors × run), reorientation_per_ns_upper_bound.
  JSON: {acf_t_fs, acf, reorientation_per_ns, reorientation_per_ns_upper_bound, hop_per_ns, hop_criterion,
         reorientation_to_hop_ratio[_upper_bound], orientation_entropy_kB, rotor_states, states, pointer_state_occupancy, ...}`,
  output: jsonFields({
    file: 'string',
    anion: 'string',
    pointer_species: 'string',
    n_rotors: 'number',
    dt_fs: 'number',
    acf_t_fs: 'number[]',
    acf: 'number[]',
    reorientation_per_ns: 'number',
    reorientation_per_rotor_per_ns: 'number[]',
    reorientation_threshold_deg: 'number',
    hop_per_ns: 'number?',
    hop_reason: 'string?',
    hop_criterion: 'string?',
    hop_lattice: 'string?',
    n_hops: 'number?',
    reorientation_to_hop_ratio: 'number?',
    reorientation_per_ns_upper_bound: 'number?',
    reorientation_to_hop_ratio_upper_bound: 'number?',
    orientation_entropy_kB: 'number?',
    rotor_states: 'object',
    states: 'object',
    pointer_state_occupancy: 'number[]',
    angular_velocity_acf: 'number[]',
    angular_velocity_sq_rad2_fs2: 'number',
  }),
});
export const { summary, usage } = spec;

export async function run(args: Args): Promise<void> {
  const file = args.positionals[0];
  if (!file) throw new InputError('no trajectory file given; expected superionic rotation FILE --anion PS4');
  const anion = args.requireString('anion', 'the rotor formula, e.g. --anion PS4');
  const dt = args.number('dt');
  const json = args.flag('json');
  const mobile = args.string('mobile');
  const host = args.list('host');
  const lattice = args.string('lattice');
  if (lattice !== undefined && !['auto', 'bcc', 'fcc', 'hcp'].includes(lattice))
    throw new InputError(`--lattice expects auto, bcc, fcc or hcp, got "${lattice}"`);
  if (!mobile && (host.length || lattice))
    throw new InputError('--host/--lattice define the cation sites for the hop frequency; give the cation with --mobile');
  const hopOpts = { rIn_A: args.number('r-in'), minResidence_fs: args.number('min-residence') };
  const rotationOpts = {
    anion,
    atom: args.string('atom'),
    dt_fs: dt,
    threshold_deg: args.number('threshold'),
    stateWindow_deg: args.number('window'),
    maxLag_fs: args.number('max-lag'),
  };
  const reader = readerOptions(args);
  args.rejectUnknownOptions('rotation');
  // One pass: the rotors' atoms (the anion formula's species) are kept; with --mobile the hops are counted on the way.
  const anionSpecies = Object.keys(parseFormula(anion, { file }));
  const stream = await openTrajectory(file, { ...reader, timestep_fs: dt, atoms: mobile ? undefined : anionSpecies });
  const rotors = new SubTrajectoryCollector({ atoms: mobile ? anionSpecies : undefined, purpose: `the ${anion} rotation`, info: () => stream.info });
  const hops = mobile
    ? new CationHopAnalysis({
        mobile,
        host: host.length ? host : undefined,
        lattice: lattice as IdealLattice | 'auto' | undefined,
        dt_fs: dt,
        ...hopOpts,
      })
    : null;
  await analyseFrames(stream, [rotors, ...(hops ? [hops as FrameAnalysis] : [])], { onProgress: frameProgress(json) });
  const hop: CationHopResult | null = hops ? hops.result() : null;
  const r = anionRotation(rotors.result(), {
    ...rotationOpts,
    hop_per_ns: hop ? hop.hop_per_ns : null,
    hop_reason: hop ? undefined : 'no --mobile species given',
  });
  const out = {
    file,
    anion: r.anion,
    pointer_species: r.pointer_species,
    n_rotors: r.n_rotors,
    dt_fs: r.dt_fs,
    acf_t_fs: r.acf_t_fs,
    acf: r.acf,
    reorientation_per_ns: r.reorientation_per_ns,
    reorientation_per_rotor_per_ns: r.reorientation.rate_per_ns,
    reorientation_threshold_deg: r.reorientation.threshold_deg,
    hop_per_ns: r.hop_per_ns,
    hop_reason: r.hop_reason,
    hop_criterion: hop?.criterion ?? null,
    hop_lattice: hop?.lattice ?? null,
    n_hops: hop?.n_hops ?? null,
    reorientation_to_hop_ratio: hop && hop.hop_per_ns > 0 ? r.reorientation_per_ns / hop.hop_per_ns : null,
    reorientation_per_ns_upper_bound: r.reorientation_per_ns_upper_bound,
    reorientation_to_hop_ratio_upper_bound:
      hop && hop.hop_per_ns > 0 && r.reorientation_per_ns_upper_bound !== null ? r.reorientation_per_ns_upper_bound / hop.hop_per_ns : null,
    orientation_entropy_kB: r.orientation_entropy_kB,
    rotor_states: r.rotor_states,
    states: r.states,
    pointer_state_occupancy: r.states.occupancy,
    angular_velocity_acf: r.angular_velocity.acf,
    angular_velocity_sq_rad2_fs2: r.angular_velocity.acf0_rad2_fs2,
  };
  printResult(out, json, () =>
    textTable(
      ['quantity', 'value'],
      [
        ['rotors', `${r.n_rotors} ${r.anion} (COM → ${r.pointer_species})`],
        [`ACF at ${formatNumber(r.acf_t_fs[r.acf.length - 1])} fs`, formatNumber(r.acf[r.acf.length - 1])],
        [
          `reorientations > ${r.reorientation.threshold_deg}° (per rotor per ns)`,
          r.reorientation_per_ns_upper_bound === null
            ? formatNumber(r.reorientation_per_ns)
            : `< ${r.reorientation_per_ns_upper_bound.toFixed(1)} per rotor per ns (no event in ${r.n_rotors} rotors × ${formatNumber(r.reorientation.duration_fs / 1000)} ps)`,
        ],
        [
          'cation hops (per cation per ns)',
          r.hop_per_ns === null ? `— (${r.hop_reason})` : `${formatNumber(r.hop_per_ns)} (${hop!.n_hops} hops; ${hop!.criterion})`,
        ],
        ['orientation states per pointer atom', r.states.occupancy.length],
        [
          `rotor orientation states (sets of ${r.state_vectors_per_rotor} pointer states)`,
          `${r.rotor_states.states.length} (${formatNumber(100 * r.rotor_states.assigned_fraction)} % of rotor-frames assigned)`,
        ],
        [
          'orientation entropy per rotor (k_B)',
          r.orientation_entropy_kB === null ? `— (${r.rotor_states.entropy_reason})` : formatNumber(r.orientation_entropy_kB),
        ],
      ],
    ),
  );
}
