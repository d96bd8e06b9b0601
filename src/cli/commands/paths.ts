/**
 * `superionic paths FILE --species Li --temperature K [--sigma 0.3] [--from F,F,F --to F,F,F]` — free-energy
 * landscape F = −k_B T ln(ρ/ρ_max) of the species' density (src/density/freeEnergyLandscape.ts), the
 * percolation thresholds per direction and per dimensionality (src/pathways/percolationThreshold.ts), and
 * minimum free-energy paths across the cell along a, b, c (and between two points) with their barriers
 * (src/pathways/minimumFreeEnergyPath.ts).
 */
import { InputError } from '../../core/errors.js';
import { freeEnergyLandscape } from '../../density/freeEnergyLandscape.js';
import { percolationThresholds } from '../../pathways/percolationThreshold.js';
import { FreeEnergyPath, minimumFreeEnergyPath } from '../../pathways/minimumFreeEnergyPath.js';
import type { Args } from '../args.js';
import { defineCommand, jsonFields, type JsonSchema } from '../command.js';
import { bounds } from '../optionRanges.js';
import { formatNumber, printResult, textTable } from '../output.js';
import { densityFromArgs } from '../densityOptions.js';

export const spec = defineCommand({
  name: 'paths',
  summary: 'free-energy landscape from the density: percolation thresholds per direction, minimum free-energy paths and barriers',
  synopsis: `FILE --species Li --temperature K [--spacing 0.2 | --grid NA,NB,NC] [--sigma A]
       [--from FA,FB,FC --to FA,FB,FC] [--floor-counts 0.5] [--frames START:END] [--stride N] [--json]`,
  positionals: { max: 1, noun: 'trajectory file' },
  readsTrajectory: true,
  options: {
    species: { kind: 'list' },
    temperature: { kind: 'number' },
    spacing: { kind: 'number', range: bounds(0.02, 5, 'Å') },
    grid: { kind: 'list', items: 'number', count: 3, range: bounds(2, 1000, 'grid points', { integer: true }), expected: 'such as 40,40,40' },
    sigma: { kind: 'number', range: bounds(0, 5, 'Å', { openLo: true }) },
    from: { kind: 'list', items: 'number', count: 3, expected: 'fractional coordinates such as 0.25,0.25,0.5' },
    to: { kind: 'list', items: 'number', count: 3, expected: 'fractional coordinates such as 0.25,0.25,0.5' },
    'floor-counts': { kind: 'number', range: bounds(0, 1e6, 'counts', { openLo: true }) },
    frames: { kind: 'range', unit: 'frames' },
    stride: { kind: 'number' },
  },
  notes: `  F = −k_B T ln(ρ/ρ_max) (eV, 0 at the most visited voxel); voxels never visited get the floor
  F = −k_B T ln(floor/ρ_max) with floor = --floor-counts counts in a voxel. Percolation threshold: the lowest F
  at which the region F ≤ threshold connects across the periodic cell along a, b, c and as a 1D/2D/3D network.
  Paths across the cell start at the lowest voxel and end at its image one lattice vector along a, b or c.
  A threshold or barrier that needs never-visited voxels is flagged (resolved: false): the run did not sample it.
  JSON: {temperature_K, floor_eV, percolation: {threshold_a_eV, …, threshold_3d_eV, accessible_fraction, resolved},
         paths: {a|b|c: {barrier_eV, length_A, saddle_fractional, s_A, F_eV, fractional, resolved}}, path: {...}|null}`,
  output: jsonFields({
    file: 'string',
    species: 'string[]',
    temperature_K: 'number',
    shape: { type: 'array', items: { type: 'number' }, description: 'grid points along a, b, c' },
    frames: 'number',
    sigma_A: { type: 'number', description: 'Gaussian smoothing width (Å); 0 without --sigma' },
    floor_eV: { type: 'number', description: 'F given to never-visited voxels, −k_B T ln(floor/ρ_max) (eV)' },
    empty_fraction: { type: 'number', description: 'fraction of voxels never visited' },
    percolation: jsonFields({
      threshold_a_eV: 'number',
      threshold_b_eV: 'number',
      threshold_c_eV: 'number',
      threshold_1d_eV: 'number',
      threshold_2d_eV: 'number',
      threshold_3d_eV: 'number',
      accessible_fraction: { ...byDirection('number'), description: 'fraction of voxels with F ≤ the threshold' },
      resolved: { ...byDirection('boolean'), description: 'false: the threshold needs never-visited voxels' },
    }),
    paths: jsonFields({ a: pathSchema(), b: pathSchema(), c: pathSchema() }),
    path: { ...pathSchema(), type: ['object', 'null'], description: 'the --from → --to path; null without them' },
  }),
});
export const { summary, usage } = spec;

/** Schema of {a, b, c, d1, d2, d3} (directions, then 1D/2D/3D networks) holding one value type. */
function byDirection(type: 'number' | 'boolean'): JsonSchema {
  return jsonFields({ a: type, b: type, c: type, d1: type, d2: type, d3: type });
}

/** Schema of one minimum free-energy path (pathOut in run). */
function pathSchema(): JsonSchema {
  return jsonFields({
    barrier_eV: 'number',
    reverse_barrier_eV: 'number',
    max_F_eV: 'number',
    length_A: 'number',
    saddle_fractional: 'number[]',
    resolved: 'boolean',
    s_A: { type: 'array', items: { type: 'number' }, description: 'arc length along the path (Å)' },
    F_eV: { type: 'array', items: { type: 'number' }, description: 'F at each point of the path (eV)' },
    fractional: { type: 'array', items: { type: 'array', items: { type: 'number' } }, description: 'fractional coordinates of each point' },
  });
}

/** Three fractional coordinates (count and type checked from the declaration before the command runs). */
function fractional(args: Args, name: string): [number, number, number] | undefined {
  const v = args.list(name).map(Number);
  return v.length ? (v as [number, number, number]) : undefined;
}

export async function run(args: Args): Promise<void> {
  const json = args.flag('json');
  const T = args.requireNumber('temperature', 'the temperature of the run in K (F = −k_B T ln ρ)');
  const from = fractional(args, 'from'),
    to = fractional(args, 'to');
  if ((from === undefined) !== (to === undefined)) throw new InputError('--from and --to go together (fractional coordinates of the two ends)');
  const floorCounts = args.number('floor-counts', 0.5)!;
  const { file, density: d } = await densityFromArgs(args, 'paths', json);
  const F = freeEnergyLandscape(d, { temperature_K: T, floorCounts });
  let lowest = 0;
  for (let v = 1; v < F.values.length; v++) if (F.values[v] < F.values[lowest]) lowest = v;
  const perc = percolationThresholds(F, lowest);
  const unresolved = (x: number) => x >= F.floor_eV - 1e-12;
  const pathOut = (p: FreeEnergyPath) => ({
    barrier_eV: p.barrier_forward,
    reverse_barrier_eV: p.barrier_backward,
    max_F_eV: p.max_F,
    length_A: p.length_A,
    saddle_fractional: p.saddle_fractional,
    resolved: !unresolved(p.max_F),
    s_A: p.s_A,
    F_eV: p.F,
    fractional: p.fractional,
  });
  const paths = Object.fromEntries((['a', 'b', 'c'] as const).map((ax) => [ax, pathOut(minimumFreeEnergyPath(F, { across: ax }, perc))]));
  const path = from && to ? pathOut(minimumFreeEnergyPath(F, { from, to })) : null;
  const percolation = {
    threshold_a_eV: perc.threshold_a,
    threshold_b_eV: perc.threshold_b,
    threshold_c_eV: perc.threshold_c,
    threshold_1d_eV: perc.threshold_1d,
    threshold_2d_eV: perc.threshold_2d,
    threshold_3d_eV: perc.threshold_3d,
    accessible_fraction: perc.accessible_fraction,
    resolved: {
      a: !unresolved(perc.threshold_a),
      b: !unresolved(perc.threshold_b),
      c: !unresolved(perc.threshold_c),
      d1: !unresolved(perc.threshold_1d),
      d2: !unresolved(perc.threshold_2d),
      d3: !unresolved(perc.threshold_3d),
    },
  };
  const out = {
    file,
    species: d.species,
    temperature_K: T,
    shape: d.shape,
    frames: d.frames,
    sigma_A: d.sigma_A,
    floor_eV: F.floor_eV,
    empty_fraction: F.empty.reduce((s, x) => s + x, 0) / F.empty.length,
    percolation,
    paths,
    path,
  };
  printResult(out, json, () => {
    const flag = (ok: boolean) => (ok ? '' : ' (not sampled: crosses never-visited voxels)');
    const rows: (string | number)[][] = [
      ['a', formatNumber(perc.threshold_a) + flag(percolation.resolved.a)],
      ['b', formatNumber(perc.threshold_b) + flag(percolation.resolved.b)],
      ['c', formatNumber(perc.threshold_c) + flag(percolation.resolved.c)],
      ['1D', formatNumber(perc.threshold_1d) + flag(percolation.resolved.d1)],
      ['2D', formatNumber(perc.threshold_2d) + flag(percolation.resolved.d2)],
      ['3D', formatNumber(perc.threshold_3d) + flag(percolation.resolved.d3)],
    ];
    let text = `${file}: F of ${d.species.join(', ')} at ${T} K on a ${d.shape.join('×')} grid${d.sigma_A ? ` (σ = ${d.sigma_A} Å)` : ''}; floor ${formatNumber(F.floor_eV)} eV, ${formatNumber(100 * out.empty_fraction, 3)} % of voxels never visited\n`;
    text += textTable(['percolation', 'threshold (eV)'], rows);
    text += textTable(
      ['path across', 'barrier (eV)', 'length (Å)', 'saddle (fractional)'],
      (['a', 'b', 'c'] as const).map((ax) => [
        ax,
        formatNumber(paths[ax].barrier_eV) + flag(paths[ax].resolved),
        paths[ax].length_A,
        paths[ax].saddle_fractional.map((x) => x.toFixed(3)).join(', '),
      ]),
    );
    if (path)
      text += `path ${from!.join(',')} → ${to!.join(',')}: barrier ${formatNumber(path.barrier_eV)} eV (reverse ${formatNumber(path.reverse_barrier_eV)} eV), ${formatNumber(path.length_A)} Å${flag(path.resolved)}\n`;
    return text;
  });
}
