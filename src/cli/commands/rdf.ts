/**
 * `superionic rdf FILE --pair Li-S [--rmax 10] [--bins 200]` — partial RDF g_ab(r), running
 * coordination n(r), first peak and first minimum (the first-shell cutoff; Kweon 2017), streamed
 * over the file with bounded memory. Either side of the pair may be an anion formula (Li-PS4).
 */
import { InputError } from '../../core/errors.js';
import { analyseFrames } from '../../core/frameAnalysis.js';
import { openTrajectory } from '../../io/index.js';
import { analyseFileParallel, defaultThreads } from '../../analyse/frameParallel.js';
import { speciesForCentres } from '../../structure/centres.js';
import { RadialDistribution, runningCoordinationAt, type RdfResult } from '../../structure/rdf.js';
import type { Args } from '../args.js';
import { defineCommand, jsonFields } from '../command.js';
import { formatNumber, printResult, progress, textTable } from '../output.js';
import { parsePair } from '../pairOption.js';
import { frameRange, readerOptions } from '../readerOptions.js';

export const spec = defineCommand({
  name: 'rdf',
  summary: 'partial RDF g(r), running coordination n(r), first peak and first-shell cutoff',
  synopsis: `FILE --pair A-B [--rmax 10] [--bins 200] [--temperature K] [--dt FS]
       [--frames START:END] [--stride N] [--bond-tolerance 1.2] [--threads N] [--json]`,
  positionals: { max: 1, noun: 'trajectory file' },
  readsTrajectory: true,
  options: {
    pair: { kind: 'string' },
    rmax: { kind: 'number' },
    bins: { kind: 'number' },
    temperature: { kind: 'number' },
    dt: { kind: 'number' },
    frames: { kind: 'range', unit: 'frames' },
    stride: { kind: 'number' },
    'bond-tolerance': { kind: 'number' },
    threads: { kind: 'number' },
  },
  notes: `  --threads N: worker threads, each reading every N-th frame (default: all cores for a file of ≥ 64 MB,
  .gz counted 4×; 1 below, where starting the workers costs more than they save); the result is bit for bit
  the one-thread result.
  A and B are species (Li, S, Cl) or anion formulas matched to bonded clusters (PS4, B12H12); COMs are used.
  JSON: {pair, r_A, g, g_stderr, n, n_r_A, first_peak_A, first_min_A, density_b_per_A3, frames, ...}
  n(r) is the mean number of B within r of an A, given at the outer bin edges n_r_A.
  With --temperature, free_energy_eV = −k_B T ln g(r) (null where g = 0).`,
  output: jsonFields({
    file: 'string',
    pair: 'string',
    r_A: 'number[]',
    n_r_A: 'number[]',
    g: 'number[]',
    g_stderr: 'number[]',
    n: 'number[]',
    first_peak_A: 'number',
    first_peak_g: 'number',
    first_min_A: 'number',
    first_min_g: 'number',
    density_b_per_A3: 'number',
    n_a: 'number',
    n_b: 'number',
    frames: 'number',
    rmax_A: 'number',
    bins: 'number',
  }),
});
export const { summary, usage } = spec;

export async function run(args: Args): Promise<void> {
  const file = args.positionals[0];
  if (!file) throw new InputError('no trajectory file given; expected superionic rdf FILE --pair A-B');
  const [a, b] = parsePair(args.requireString('pair', 'a pair such as --pair Li-S'));
  const json = args.flag('json');
  const species = speciesForCentres([a, b]);
  const rdfOpts = {
    a,
    b,
    rmax_A: args.number('rmax', 10),
    bins: args.number('bins', 200),
    temperature_K: args.number('temperature'),
    tolerance: args.number('bond-tolerance'),
    source: file,
  };
  const acc = new RadialDistribution(rdfOpts);
  const readOpts = { ...readerOptions(args), atoms: species, timestep_fs: args.number('dt'), frames: frameRange(args) };
  const threads = args.number('threads') ?? defaultThreads(file);
  args.rejectUnknownOptions('rdf');
  const onProgress = (n: number) => {
    if (!json && n % 100 === 0) progress(`rdf: ${n} frames`);
  };
  let r: RdfResult;
  if (threads > 1) {
    r = (
      await analyseFileParallel<RadialDistribution>(file, readOpts, [{ kind: 'rdf', options: rdfOpts }], threads, onProgress)
    ).analyses[0].result();
  } else {
    const stream = await openTrajectory(file, readOpts);
    await analyseFrames(stream, [acc], { onProgress });
    r = acc.result();
  }
  const { counts: _counts, edges_A: _edges, ...shown } = r;
  printResult({ file, ...shown }, json, () => {
    const head = [
      `g(${r.pair}) over ${r.frames} frames, ${r.n_a} × ${r.n_b} centres, ρ_b = ${formatNumber(r.density_b_per_A3)} Å⁻³`,
      `first peak ${formatNumber(r.first_peak_A)} Å (g = ${formatNumber(r.first_peak_g)}), first minimum ${formatNumber(r.first_min_A)} Å` +
        (r.first_min_A !== null ? `, n(r_min) = ${formatNumber(runningCoordinationAt(r, r.first_min_A))}` : ''),
    ];
    if (r.reason) head.push(`note: ${r.reason}`);
    const step = Math.max(1, Math.round(r.bins / 40));
    const rows: (string | number)[][] = [];
    for (let k = 0; k < r.bins; k += step) rows.push([r.r_A[k], r.g[k], r.n[k]]);
    return head.join('\n') + '\n' + textTable(['r (Å)', 'g(r)', 'n(r)'], rows);
  });
}
