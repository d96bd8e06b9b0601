// The synthetic fcc host the site-discovery tests share: 2×2×2 conventional cells (a = 6 Å, L = 12 Å, so
// every polyhedron has distinct host atoms) of 32 S; 64 Li vibrating (σ = 0.25 Å) on the 32 octahedral
// sites (always full) and, in 32 pairs of the 64 tetrahedral sites, one Li hopping within its pair every
// 50 frames (each tetrahedral site held half the time).
import { Cell } from '../../src/core/cell';
import type { Frame } from '../../src/core/frame';
import { Random } from '../../src/core/random';
import { topologyFromSymbols } from '../../src/core/topology';

/** The fcc host and its cation frames for `seed` and `nFrames` (frame times 10 fs apart when `dt_fs` is given). */
export function fccHostWithHoppingCations(o: { seed: number; nFrames: number; dt_fs?: number }) {
  const a = 12,
    cell = Cell.orthorhombic(a, a, a);
  const tile = (list: number[][]) =>
    list.flatMap((p) => [0, 1].flatMap((x) => [0, 1].flatMap((y) => [0, 1].map((z) => [(p[0] + x) / 2, (p[1] + y) / 2, (p[2] + z) / 2]))));
  const host = tile([
    [0, 0, 0],
    [0, 0.5, 0.5],
    [0.5, 0, 0.5],
    [0.5, 0.5, 0],
  ]);
  const oct = tile([
    [0.5, 0.5, 0.5],
    [0.5, 0, 0],
    [0, 0.5, 0],
    [0, 0, 0.5],
  ]);
  const tet1: number[][] = [];
  for (const x of [0.25, 0.75]) for (const y of [0.25, 0.75]) for (const z of [0.25, 0.75]) tet1.push([x, y, z]);
  const tet = tile(tet1);
  const rng = new Random(o.seed);
  const nIon = 32 + 32;
  const top = topologyFromSymbols([...Array(nIon).fill('Li'), ...Array(32).fill('S')]);
  const hostCart = cell.toCartesian(host.flat());
  const frames: Frame[] = Array.from({ length: o.nFrames }, (_, f) => {
    const pos = new Float64Array(3 * (nIon + 32));
    // Octahedral sites always full; the 64 tetrahedral sites in 32 pairs, one cation hopping within each pair.
    const sites = [...oct, ...Array.from({ length: 32 }, (_, q) => tet[2 * q + (Math.floor(f / 50 + q) % 2)])];
    sites.forEach((s, i) => {
      const c = cell.toCartesian(s);
      for (let k = 0; k < 3; k++) pos[3 * i + k] = c[k] + 0.25 * rng.normal();
    });
    pos.set(hostCart, 3 * nIon);
    return o.dt_fs === undefined ? { index: f, cell, positions: pos } : { index: f, time_fs: o.dt_fs * f, cell, positions: pos };
  });
  return { a, cell, oct, tet, nIon, top, hostCart, frames };
}
