/**
 * `superionic coordination FILE --center B12H12|SPECIES --neighbor Li [--cutoff Å]` — instantaneous
 * coordination numbers of neighbours around each centre (anion atom or anion COM) per frame: their
 * distribution, mean and standard deviation (Wood 2021). Without --cutoff, the first minimum of the
 * centre–neighbour RDF is used (Kweon 2017), from a first streamed pass over the file.
 */
import { InputError } from '../../core/errors.js';
import { analyseFrames } from '../../core/frameAnalysis.js';
import { openTrajectory } from '../../io/index.js';
import { analyseFileParallel, defaultThreads } from '../../analyse/frameParallel.js';
import type { SplitAnalysisSpec } from '../../analyse/splitAnalyses.js';
import { CoordinationNumbers } from '../../structure/coordination.js';
import { RadialDistribution } from '../../structure/rdf.js';
import { speciesForCentres } from '../../structure/centres.js';
import { firstShellCutoff } from '../../structure/coordinationCutoff.js';
import type { Args } from '../args.js';
import { defineCommand, jsonFields } from '../command.js';
import { formatNumber, printResult, progress, textTable } from '../output.js';
import { frameRange, readerOptions } from '../readerOptions.js';

export const spec = defineCommand({
  name: 'coordination',
  summary: 'instantaneous coordination numbers around anions (distribution, mean, std)',
  synopsis: `FILE --center SPECIES|FORMULA --neighbor SPECIES [--cutoff Å]
       [--rmax 10] [--bins 200] [--frames START:END] [--stride N] [--dt FS] [--bond-tolerance 1.2] [--threads N] [--json]`,
  positionals: { max: 1, noun: 'trajectory file' },
  readsTrajectory: true,
  options: {
    center: { kind: 'string' },
    neighbor: { kind: 'string' },
    cutoff: { kind: 'number' },
    rmax: { kind: 'number' },
    bins: { kind: 'number' },
    frames: { kind: 'range', unit: 'frames' },
    stride: { kind: 'number' },
    dt: { kind: 'number' },
    'bond-tolerance': { kind: 'number' },
    threads: { kind: 'number' },
  },
  notes: `  --threads N: worker threads, each reading every N-th frame (default: all cores for a file of ≥ 64 MB,
  .gz counted 4×; 1 below, where starting the workers costs more than they save); the result is bit for bit
  the one-thread result.
  --center Cl (atoms) or PS4 / B12H12 (anion COMs, found as bonded clusters).
  Default cutoff: the first minimum of the center–neighbor RDF (computed up to --rmax).
  JSON: {center, neighbor, cutoff_A, cutoff_source, mean, std, histogram: {cn, counts, probability}, per_frame_mean, frames}`,
  output: jsonFields({
    file: 'string',
    center: 'string',
    neighbor: 'string',
    cutoff_A: 'number',
    mean: 'number',
    std: 'number',
    histogram: 'object',
    per_frame_mean: 'number[]',
    per_frame_histogram: 'array',
    centres: 'number',
    frames: 'number',
    half_min_width_A: 'number',
    cutoff_source: 'string',
    rdf_first_peak_A: 'number',
  }),
});
export const { summary, usage } = spec;

export async function run(args: Args): Promise<void> {
  const file = args.positionals[0];
  if (!file) throw new InputError('no trajectory file given; expected superionic coordination FILE --center X --neighbor Y');
  const centre = args.requireString('center', 'the anion species or formula, e.g. --center Cl or --center PS4');
  const neighbor = args.requireString('neighbor', 'the cation species, e.g. --neighbor Li');
  const json = args.flag('json');
  const tolerance = args.number('bond-tolerance');
  const readOpts = {
    ...readerOptions(args),
    atoms: speciesForCentres([centre, neighbor]),
    timestep_fs: args.number('dt'),
    frames: frameRange(args),
  };
  let cutoff = args.number('cutoff');
  const rdfGrid = { rmax_A: args.number('rmax', 10), bins: args.number('bins', 200) };
  const threads = args.number('threads') ?? defaultThreads(file);
  args.rejectUnknownOptions('coordination');
  // One pass of a frame-local analysis: over worker threads (bit for bit the one-thread result) or in this thread.
  const pass = async <A extends RadialDistribution | CoordinationNumbers>(acc: A, spec: SplitAnalysisSpec, label: string): Promise<A> => {
    const onProgress = (n: number) => {
      if (!json && n % 100 === 0) progress(`${label}: ${n} frames`);
    };
    if (threads > 1) return (await analyseFileParallel<A>(file, readOpts, [spec], threads, onProgress)).analyses[0];
    await analyseFrames(await openTrajectory(file, readOpts), [acc], { onProgress });
    return acc;
  };
  let cutoffSource = 'user';
  let rdfPeak: number | null = null;
  if (cutoff === undefined) {
    const rdfOpts = { a: centre, b: neighbor, ...rdfGrid, tolerance, source: file };
    const r = (await pass(new RadialDistribution(rdfOpts), { kind: 'rdf', options: rdfOpts }, 'rdf pass')).result();
    const choice = firstShellCutoff(r);
    if (choice.cutoff_A === null) {
      throw new InputError(
        `cannot choose a first-shell cutoff from g(${r.pair}) up to ${formatNumber(r.rmax_A)} Å (${choice.reason}): give --cutoff in Å, or a larger --rmax`,
        { file },
      );
    }
    cutoff = choice.cutoff_A;
    rdfPeak = choice.rdf_first_peak_A;
    cutoffSource = choice.source;
  }
  const cnOpts = { centre, neighbor, cutoff_A: cutoff, tolerance, source: file };
  const res = (await pass(new CoordinationNumbers(cnOpts), { kind: 'coordination', options: cnOpts }, 'coordination')).result();
  const { centre: c, ...rest } = res;
  printResult({ file, center: c, ...rest, cutoff_source: cutoffSource, rdf_first_peak_A: rdfPeak }, json, () => {
    const head =
      `${neighbor} around ${centre}: cutoff ${formatNumber(cutoff!)} Å (${cutoffSource}); ${res.centres} centres × ${res.frames} frames\n` +
      `mean ${formatNumber(res.mean)}, std ${formatNumber(res.std)}\n` +
      (res.note ? `note: ${res.note}\n` : '');
    return head + coordinationRows(res.histogram);
  });
}

/**
 * Text rows of a CN histogram: only the CN values that occur; when more than 30 do (a large cutoff),
 * at most 20 equal CN ranges, so text mode never prints thousands of empty bins (--json keeps all).
 */
function coordinationRows(h: { cn: number[]; counts: number[]; probability: number[] }): string {
  const seen = h.cn.filter((k) => h.counts[k] > 0);
  if (seen.length <= 30)
    return textTable(
      ['CN', 'samples', 'fraction'],
      seen.map((k) => [k, h.counts[k], h.probability[k]]),
    );
  const lo = seen[0],
    hi = seen[seen.length - 1],
    width = Math.ceil((hi - lo + 1) / 20);
  const rows: (string | number)[][] = [];
  for (let a = lo; a <= hi; a += width) {
    let c = 0,
      p = 0;
    for (let k = a; k < Math.min(a + width, hi + 1); k++) {
      c += h.counts[k] ?? 0;
      p += h.probability[k] ?? 0;
    }
    if (c > 0) rows.push([`${a}–${Math.min(a + width, hi + 1) - 1}`, c, p]);
  }
  return textTable(['CN range', 'samples', 'fraction'], rows) + `(${seen.length} distinct CN values in ${rows.length} ranges; --json for each)\n`;
}
