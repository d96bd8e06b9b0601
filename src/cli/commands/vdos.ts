/**
 * `superionic vdos FILE --species Li` — velocity autocorrelation and vibrational density of states
 * (Li 2025 SI eqs 7–8): normalised VACF over all origins, windowed cosine transform, band centre.
 * Streams the file: only the species' lines are parsed and only their positions (and velocities, when the
 * file has them and they are used) kept (SubTrajectoryCollector).
 */
import { collectSubTrajectory } from '../../core/subTrajectoryCollector.js';
import { openTrajectory } from '../../io/index.js';
import { vibrationalDensityOfStates } from '../../dynamics/vibrationalDensityOfStates.js';
import type { CorrelationWindow } from '../../dynamics/correlationWindow.js';
import { InputError } from '../../core/errors.js';
import type { Args } from '../args.js';
import { defineCommand, jsonFields } from '../command.js';
import { formatNumber, frameProgress, printResult, textTable } from '../output.js';
import { readerOptions } from '../readerOptions.js';
import { VDOS_FIELDS } from '../resultSchemas.js';

export const spec = defineCommand({
  name: 'vdos',
  summary: 'velocity autocorrelation and vibrational density of states with the phonon band centre (Li 2025)',
  synopsis: `FILE [--species Li] [--dt FS] [--mass-weighted] [--window hann|blackman|none]
       [--max-lag FS] [--source auto|file|positions] [--min-nyquist THZ] [--temperature K] [--json]`,
  positionals: { max: 1, noun: 'trajectory file' },
  readsTrajectory: true,
  options: {
    species: { kind: 'string' },
    dt: { kind: 'number' },
    'mass-weighted': { kind: 'flag' },
    window: { kind: 'string', choices: ['hann', 'blackman', 'none'] },
    'max-lag': { kind: 'number' },
    source: { kind: 'string', choices: ['auto', 'file', 'positions'] },
    'min-nyquist': { kind: 'number' },
    temperature: { kind: 'number' },
  },
  notes: `  Velocities from the file, else central differences of positions (refused when the Nyquist
  frequency 1/(2Δt) is below --min-nyquist, default 10 THz, i.e. frames more than 50 fs apart).
  --temperature: check equipartition, m⟨v²⟩/(3k_B) of the velocities used vs the run's T; a CAUTION when
  they differ by more than a factor 2 (time stamps or units wrong: every frequency is then off too).
  JSON: {freq_THz, pdos, band_centre_THz, band_centre_meV, band_centre_cm1, t_fs, vacf, velocity_source, warning?,
         kinetic_temperature_K, temperature_K, kinetic_to_run_temperature, temperature_caution?}`,
  output: jsonFields({ file: 'string', ...VDOS_FIELDS }),
});
export const { summary, usage } = spec;

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
    species,
    dt_fs: dt,
    massWeighted: args.flag('mass-weighted'),
    window,
    maxLag_fs: args.number('max-lag'),
    velocitySource: source,
    minNyquist_THz: args.number('min-nyquist'),
    temperature_K: args.number('temperature'),
  };
  const reader = readerOptions(args);
  args.rejectUnknownOptions('vdos');
  const stream = await openTrajectory(file, { ...reader, atoms: species, timestep_fs: dt });
  const sub = await collectSubTrajectory(
    stream,
    { velocities: source !== 'positions', purpose: 'the velocity autocorrelation' },
    { onProgress: frameProgress(json) },
  );
  const r = vibrationalDensityOfStates(sub, opts);
  if (r.warning) process.stderr.write(`warning: ${r.warning}\n`);
  if (r.temperature_caution && json) process.stderr.write(`CAUTION: ${r.temperature_caution}\n`);
  printResult({ file, ...r }, json, () => {
    const rows: (string | number)[][] = [
      ['selection', r.selection],
      ['items', r.n_items],
      ['velocities', r.velocity_source],
      ['Δt (fs)', r.dt_fs],
      ['Nyquist (THz)', r.nyquist_THz],
      ['window', r.window],
      ['band centre (THz)', formatNumber(r.band_centre_THz)],
      ['band centre (meV)', formatNumber(r.band_centre_meV)],
      ['band centre (cm⁻¹)', formatNumber(r.band_centre_cm1)],
      [
        'kinetic temperature m⟨v²⟩/(3k_B) (K)',
        formatNumber(r.kinetic_temperature_K) + (r.temperature_K === null ? '' : ` (run: ${r.temperature_K} K)`),
      ],
    ];
    return textTable(['quantity', 'value'], rows) + (r.temperature_caution ? `CAUTION: ${r.temperature_caution}\n` : '');
  });
}
