/**
 * `superionic rotation FILE --anion PS4` — polyanion rotation (Kweon 2017 Figs 6–7, Li 2025 Fig. 2,
 * Wood 2021 Fig. 5): orientation ACF, reorientation rate per rotor, orientation states and entropy.
 */
import { readTrajectory } from '../../io/index.js';
import { anionRotation } from '../../dynamics/anionRotation.js';
import { InputError } from '../../core/errors.js';
import type { Args } from '../args.js';
import { formatNumber, printResult, textTable } from '../output.js';

export const summary = 'anion rotation: orientation ACF, reorientation rate, orientation states and entropy';
export const usage = `usage: superionic rotation FILE --anion PS4 [--atom S] [--threshold 70] [--window 20] [--dt FS]
       [--max-lag FS] [--mobile Na] [--json]
  Rotors: bonded clusters of the --anion formula in frame 0 (covalent radii × 1.2).
  --mobile: the cation whose hop frequency per cation is reported beside the reorientation rate
  (needs the site-jump analysis; null with a reason when it is unavailable).
  JSON: {acf_t_fs, acf, reorientation_per_ns, hop_per_ns, orientation_entropy_kB, states, ...}`;

export async function run(args: Args): Promise<void> {
  const file = args.positionals[0];
  if (!file) throw new InputError('no trajectory file given; expected superionic rotation FILE --anion PS4');
  const anion = args.requireString('anion', 'the rotor formula, e.g. --anion PS4');
  const dt = args.number('dt');
  const json = args.flag('json');
  const mobile = args.string('mobile');
  const traj = await readTrajectory(file, { timestep_fs: dt });
  if (mobile) traj.indicesOf(mobile); // names a missing species clearly
  const r = anionRotation(traj, {
    anion, atom: args.string('atom'), dt_fs: dt, threshold_deg: args.number('threshold'),
    stateWindow_deg: args.number('window'), maxLag_fs: args.number('max-lag'),
    hop_per_ns: null,
    hop_reason: mobile ? `hop frequency of ${mobile} needs the site-jump analysis (src/sites), not available in this build` : 'no --mobile species given',
  });
  const out = {
    file, anion: r.anion, pointer_species: r.pointer_species, n_rotors: r.n_rotors, dt_fs: r.dt_fs,
    acf_t_fs: r.acf_t_fs, acf: r.acf,
    reorientation_per_ns: r.reorientation_per_ns, reorientation_per_rotor_per_ns: r.reorientation.rate_per_ns,
    reorientation_threshold_deg: r.reorientation.threshold_deg,
    hop_per_ns: r.hop_per_ns, hop_reason: r.hop_reason,
    orientation_entropy_kB: r.orientation_entropy_kB,
    states: r.states,
    angular_velocity_acf: r.angular_velocity.acf, angular_velocity_sq_rad2_fs2: r.angular_velocity.acf0_rad2_fs2,
  };
  printResult(out, json, () => textTable(['quantity', 'value'], [
    ['rotors', `${r.n_rotors} ${r.anion} (COM → ${r.pointer_species})`],
    [`ACF at ${formatNumber(r.acf_t_fs[r.acf.length - 1])} fs`, formatNumber(r.acf[r.acf.length - 1])],
    [`reorientations > ${r.reorientation.threshold_deg}° (per rotor per ns)`, formatNumber(r.reorientation_per_ns)],
    ['cation hops (per cation per ns)', r.hop_per_ns === null ? `— (${r.hop_reason})` : formatNumber(r.hop_per_ns)],
    ['orientation states', r.states.occupancy.length],
    ['orientation entropy (k_B)', formatNumber(r.orientation_entropy_kB)],
  ]));
}
