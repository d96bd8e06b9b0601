import { describe, expect, it } from 'vitest';
import { openTrajectory, readTrajectory, writeExtxyz } from '../../src/io';
import { Cell } from '../../src/core/cell';
import { Random } from '../../src/core/random';
import { topologyFromSymbols } from '../../src/core/topology';
import { Trajectory } from '../../src/core/trajectory';
import { fixture, tmpFile } from './helpers';

const arr = (x?: ArrayLike<number> | null) => (x ? Array.from(x) : x);

describe('writeExtxyz', () => {
  it('round-trips every field of the quirks fixture exactly (plain and gzip)', async () => {
    const a = await readTrajectory(fixture('quirks.extxyz'));
    for (const name of ['rt.extxyz', 'rt.extxyz.gz']) {
      const p = tmpFile(name, '');
      await writeExtxyz(p, a);
      const b = await readTrajectory(p);
      for (const k of ['positions', 'cells', 'times_fs', 'velocities', 'forces', 'energies', 'frameEnergies_eV'] as const) {
        expect(arr(b[k]), k).toEqual(arr(a[k]));
      }
      expect(b.topology.symbols).toEqual(a.topology.symbols);
      expect(Array.from(b.topology.species)).toEqual(Array.from(a.topology.species));
    }
  });

  it('round-trips random full-precision doubles bit for bit, from a Trajectory and from a stream', async () => {
    const rng = new Random(7);
    const n = 7,
      nf = 5;
    const rand = (k: number) => Float64Array.from({ length: k }, () => (rng.uniform() - 0.5) * Math.pow(10, rng.int(12) - 6));
    const cells = new Float64Array(9 * nf);
    for (let f = 0; f < nf; f++)
      cells.set(Cell.fromParameters(10 + rng.uniform(), 11, 12 + rng.uniform(), 80, 95 + rng.uniform(), 105).matrix, 9 * f);
    const t = new Trajectory({
      topology: topologyFromSymbols(['Li', 'Li', 'S', 'P', 'Cl', 'Li', 'S']),
      nFrames: nf,
      positions: rand(3 * n * nf),
      cells,
      times_fs: Float64Array.from({ length: nf }, (_, f) => f * 0.1 + 1e-9),
      velocities: rand(3 * n * nf),
      forces: rand(3 * n * nf),
      energies: rand(n * nf),
      frameEnergies_eV: rand(nf),
      info: { unwrapped: true },
    });
    const p = tmpFile('random.extxyz.gz', '');
    await writeExtxyz(p, t);
    const b = await readTrajectory(p);
    for (const k of ['positions', 'cells', 'times_fs', 'velocities', 'forces', 'energies', 'frameEnergies_eV'] as const)
      expect(arr(b[k]), k).toEqual(arr(t[k]));
    // stream in, stream out (with the extra per-atom columns kept)
    const q = tmpFile('stream.extxyz', '');
    await writeExtxyz(q, await openTrajectory(fixture('quirks.extxyz')));
    const props: number[] = [];
    for await (const f of await openTrajectory(q)) props.push(...f.properties!.tags, ...f.properties!.fixed);
    expect(props).toEqual([7, 8, 9, 10, 1, 0, 1, 0, 7, 8, 9, 10, 1, 0, 1, 0]);
  });
});
