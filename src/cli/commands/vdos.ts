/**
 * `superionic vdos FILE --species Li` — velocity autocorrelation and vibrational density of states
 * (Li 2025 SI eqs 7–8): normalised VACF over all origins, windowed cosine transform, band centre.
 */
import { readTrajectory } from '../../io/index.js';
import { vibrationalDensityOfStates } from '../../dynamics/vibrationalDensityOfStates.js';
import type { CorrelationWindow } from '../../dynamics/correlationWindow.js';
import { InputError } from '../../core/errors.js';
import type { Args } from '../args.js';
import { formatNumber, printResult, textTable } from '../output.js';

export const summary = 'velocity autocorrelation and vibrational density of states with the phonon band centre (Li 2025)';
export const usage = `usage: superionic vdos FILE [--species Li] [--dt FS] [--mass-weighted] [--window hann|blackman|none]
       [--max-lag FS] [--source auto|file|positions] [--min-nyquist THZ] [--json]
  Velocities from the file, else central differences of positions (refused when the Nyquist
  frequency 1/(2Δt) is below --min-nyquist, default 10 THz, i.e. frames more than 50 fs apart).
  JSON: {freq_THz, pdos, band_centre_THz, band_centre_meV, band_centre_cm1, t_fs, vacf, velocity_source, warning?}`;

export async function run(args: Args): Promise<void> {
  const file = args.positionals[0];
  if (!file) throw new InputError('no trajectory file given; expected superionic vdos FILE --species X');
  const species = args.string('species');
  const window = (args.string('window') ?? 'hann') as CorrelationWindow;
  const source = (args.string('source') ?? 'auto') as 'auto' | 'file' | 'positions';
  if (!['auto', 'file', 'positions'].includes(source)) throw new InputError(`--source expects auto, file or positions, got "${source}"`);
  const dt = args.number('dt');
  const json = args.flag('json');
  const opts = {
    species, dt_fs: dt, massWeighted: args.flag('mass-weighted'), window,
    maxLag_fs: args.number('max-lag'), velocitySource: source, minNyquist_THz: args.number('min-nyquist'),
  };
  args.rejectUnknownOptions('vdos');
  const traj = await readTrajectory(file, { timestep_fs: dt });
  const r = vibrationalDensityOfStates(traj, opts);
  if (r.warning) process.stderr.write(`warning: ${r.warning}\n`);
  printResult({ file, ...r }, json, () => {
    const rows: (string | number)[][] = [
      ['selection', r.selection], ['items', r.n_items], ['velocities', r.velocity_source], ['Δt (fs)', r.dt_fs],
      ['Nyquist (THz)', r.nyquist_THz], ['window', r.window],
      ['band centre (THz)', formatNumber(r.band_centre_THz)], ['band centre (meV)', formatNumber(r.band_centre_meV)],
      ['band centre (cm⁻¹)', formatNumber(r.band_centre_cm1)],
    ];
    return textTable(['quantity', 'value'], rows);
  });
}
