// Per-path cost of the pair-distance histogram kernel (src/structure/pairDistanceHistogram.ts) on
// Li6PS5Cl 50 % (Li–S, r_max 9.5 Å, 200 bins) replicated ×1…×32 at constant density: CPU time per
// frame of the direct loop and of the cell list with K = 1…4 bins per r_max, and which path the
// default picks. Used to set the cost constants; prints one JSON line per size.
// Usage: node bench/structure/kernel-crossover.mjs [FRAMES=10]
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { readTrajectory } = require('../../dist/io/index.js');
const { Cell } = require('../../dist/core/cell.js');
const { accumulatePairHistogram } = require('../../dist/structure/pairDistanceHistogram.js');

const FRAMES = Number(process.argv[2] ?? 10);
const traj = await readTrajectory(new URL('../../data/Li6PS5Cl_50pct_500K_XDATCAR.gz', import.meta.url).pathname);
const ia = traj.indicesOf('Li'),
  ib = traj.indicesOf('S');
export function replicate(pos, idx, m, [r0, r1, r2]) {
  const out = new Float64Array(3 * idx.length * r0 * r1 * r2);
  let q = 0;
  for (let x = 0; x < r0; x++)
    for (let y = 0; y < r1; y++)
      for (let z = 0; z < r2; z++)
        for (const a of idx)
          for (let c = 0; c < 3; c++) {
            out[q++] = pos[3 * a + c] + x * m[c] + y * m[3 + c] + z * m[6 + c];
          }
  return out;
}
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};
for (const rep of [
  [1, 1, 1],
  [2, 1, 1],
  [2, 2, 1],
  [2, 2, 2],
  [4, 2, 2],
  [4, 4, 2],
  [4, 4, 4],
]) {
  const frames = [];
  for (let f = 0; f < FRAMES; f++) {
    const m0 = traj.cell(f).matrix,
      m = Float64Array.from(m0);
    for (let k = 0; k < 3; k++) for (let c = 0; c < 3; c++) m[3 * k + c] *= rep[k];
    const p = traj.framePositions(f);
    frames.push({ cell: new Cell(Array.from(m)), a: replicate(p, ia, m0, rep), b: replicate(p, ib, m0, rep) });
  }
  const nA = frames[0].a.length / 3,
    nB = frames[0].b.length / 3;
  const row = { atoms: 416 * rep[0] * rep[1] * rep[2], nA, nB };
  const paths = {
    auto: {},
    cells1: { method: 'cells', binsPerCutoff: 1 },
    cells2: { method: 'cells', binsPerCutoff: 2 },
    cells3: { method: 'cells', binsPerCutoff: 3 },
    cells4: { method: 'cells', binsPerCutoff: 4 },
  };
  if (2 * 9.5 <= Math.min(...frames[0].cell.perpendicularWidths()) && nA * nB < 3e7) paths.direct = { method: 'direct' };
  const h = new Float64Array(200);
  const ref = {};
  for (let round = 0; round < 3; round++)
    for (const [name, opts] of Object.entries(paths)) {
      h.fill(0);
      const t0 = cpuMs();
      for (const fr of frames) accumulatePairHistogram(fr.a, fr.b, fr.cell, 9.5, h, false, opts);
      const ms = (cpuMs() - t0) / FRAMES;
      if (round > 0) row[name] = Math.min(row[name] ?? Infinity, +ms.toFixed(4));
      ref[name] = h.reduce((s, x) => s + x, 0);
    }
  row.pairs_per_frame = ref.auto / FRAMES;
  row.equal = Object.values(ref).every((x) => x === ref.auto);
  console.log(JSON.stringify(row));
}
