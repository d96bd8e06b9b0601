/**
 * `superionic vanhove FILE --species Li --lags 100,500,1000` — self and distinct van Hove functions
 * (Kweon 2017 SI Fig. S3); G_s integrates to 1 over 4πr²dr, G_d → ρ at large r.
 * Streams the file: only the species' lines are parsed and only their positions kept (SubTrajectoryCollector).
 */
import { collectSubTrajectory } from '../../core/subTrajectoryCollector.js';
import { openTrajectory } from '../../io/index.js';
import { vanHoveCorrelation } from '../../dynamics/vanHoveCorrelation.js';
import { InputError } from '../../core/errors.js';
import type { Args } from '../args.js';
import { defineCommand, jsonFields } from '../command.js';
import { bounds } from '../optionRanges.js';
import { formatNumber, frameProgress, printResult, textTable } from '../output.js';
import { readerOptions } from '../readerOptions.js';
import { VANHOVE_FIELDS } from '../resultSchemas.js';

export const spec = defineCommand({
  name: 'vanhove',
  summary: 'self and distinct van Hove correlation G_s(r,t), G_d(r,t) of a species',
  synopsis: `FILE --species Li [--lags 100,500,1000] [--dt FS] [--rmax Å] [--dr 0.05]
       [--stride ORIGINS] [--no-distinct] [--json]`,
  positionals: { max: 1, noun: 'trajectory file' },
  readsTrajectory: true,
  options: {
    species: { kind: 'string' },
    lags: { kind: 'list', items: 'number', range: bounds(0, 1e9, 'fs') },
    dt: { kind: 'number' },
    rmax: { kind: 'number', range: bounds(0.1, 20, 'Å') },
    dr: { kind: 'number', range: bounds(5e-3, 10, 'Å') },
    stride: { kind: 'number', range: bounds(1, 1e9, 'origins', { integer: true }) },
    'no-distinct': { kind: 'flag' },
  },
  notes: `  Lags in fs (default 10 %, 25 %, 50 % of the run); all time origins unless --stride.
  JSON: {r_A, t_fs, self: [[...] per lag], distinct: [[...] per lag], density_A3, origins}`,
  output: jsonFields({ file: 'string', ...VANHOVE_FIELDS }),
});
export const { summary, usage } = spec;

export async function run(args: Args): Promise<void> {
  const file = args.positionals[0];
  if (!file) throw new InputError('no trajectory file given; expected superionic vanhove FILE --species X');
  const species = args.requireString('species', 'the species, e.g. --species Li');
  const lags = args.list('lags').map(Number); // numbers in [0, 1e9] fs, checked from the declaration
  const dt = args.number('dt');
  const json = args.flag('json');
  const opts = {
    species,
    lags_fs: lags.length ? lags : undefined,
    dt_fs: dt,
    rMax_A: args.number('rmax'),
    dr_A: args.number('dr'),
    originStride: args.number('stride'),
    distinct: !args.flag('no-distinct'),
  };
  const reader = readerOptions(args);
  args.rejectUnknownOptions('vanhove');
  const stream = await openTrajectory(file, { ...reader, atoms: species, timestep_fs: dt });
  const sub = await collectSubTrajectory(stream, { purpose: 'the van Hove functions' }, { onProgress: frameProgress(json) });
  const r = vanHoveCorrelation(sub, opts);
  printResult({ file, species, ...r }, json, () => {
    const rows = r.t_fs.map((t, k) => {
      const g = r.self[k];
      let m2 = 0;
      for (let b = 0; b < g.length; b++) m2 += r.r_A[b] ** 2 * g[b] * 4 * Math.PI * r.r_A[b] ** 2 * r.dr_A;
      return [formatNumber(t), r.origins[k], formatNumber(m2)];
    });
    return (
      textTable(['t (fs)', 'origins', '⟨r²⟩ from G_s (Å²)'], rows) +
      `ρ = ${formatNumber(r.density_A3)} Å⁻³, ${r.n_atoms} atoms, r ≤ ${formatNumber(r.r_A[r.r_A.length - 1] + r.dr_A / 2)} Å\n`
    );
  });
}
