/**
 * `superionic volume FILE [--temperature K]` — cell volume over the run, ⟨V⟩ with its block error and,
 * for an NPT run, the isothermal compressibility κ_T = ⟨δV²⟩/(k_B T ⟨V⟩) and bulk modulus (src/structure/volumeFluctuation.ts).
 */
import { InputError } from '../../core/errors.js';
import { analyseFrames } from '../../core/frameAnalysis.js';
import { openTrajectory } from '../../io/index.js';
import { VolumeFluctuation } from '../../structure/volumeFluctuation.js';
import type { Args } from '../args.js';
import { defineCommand, jsonFields } from '../command.js';
import { formatNumber, printResult, textTable } from '../output.js';
import { readerOptions } from '../readerOptions.js';

export const spec = defineCommand({
  name: 'volume',
  summary: 'cell volume over the run; compressibility and bulk modulus from NPT volume fluctuations',
  synopsis: `FILE [--temperature K] [--blocks 5] [--json]`,
  positionals: { max: 1, noun: 'trajectory file' },
  readsTrajectory: true,
  options: {
    temperature: { kind: 'number' },
    blocks: { kind: 'number' },
  },
  notes: `  ⟨V⟩ (Å³) with a block standard error; with --temperature, κ_T = ⟨δV²⟩/(k_B T ⟨V⟩) (GPa⁻¹) and B = 1/κ_T (GPa),
  meaningful for an NPT run only (a constant-volume run gives null with the reason).
  JSON: {mean_volume_A3, mean_volume_stderr_A3, volume_std_A3, compressibility_per_GPa, bulk_modulus_GPa, reason, frames, volume_A3}`,
  output: jsonFields({
    file: 'string',
    volume_A3: 'number[]',
    mean_volume_A3: 'number?',
    mean_volume_stderr_A3: 'number?',
    volume_std_A3: 'number',
    compressibility_per_GPa: 'number?',
    bulk_modulus_GPa: 'number?',
    reason: 'string?',
    temperature_K: 'number?',
    frames: 'number',
  }),
});
export const { summary, usage } = spec;

export async function run(args: Args): Promise<void> {
  const file = args.positionals[0];
  if (!file) throw new InputError('no trajectory file given; expected superionic volume FILE');
  const json = args.flag('json');
  const blocks = args.number('blocks');
  const an = new VolumeFluctuation({ temperature_K: args.number('temperature'), blocks, source: file });
  const reader = readerOptions(args);
  args.rejectUnknownOptions('volume');
  const stream = await openTrajectory(file, reader);
  await analyseFrames(stream, [an], { onProgress: () => {} });
  const r = an.result();
  const { kind: _k, ...fields } = r;
  printResult({ file, ...fields }, json, () =>
    textTable(
      ['quantity', 'value'],
      [
        ['frames', r.frames],
        ['⟨V⟩ (Å³)', `${formatNumber(r.mean_volume_A3)} ± ${formatNumber(r.mean_volume_stderr_A3)}`],
        ['std V (Å³)', formatNumber(r.volume_std_A3)],
        ['κ_T (GPa⁻¹)', r.compressibility_per_GPa === null ? `— (${r.reason})` : formatNumber(r.compressibility_per_GPa)],
        ['B (GPa)', r.bulk_modulus_GPa === null ? '—' : formatNumber(r.bulk_modulus_GPa)],
      ],
    ),
  );
}
