// superionic's RDF (the public RadialDistribution accumulator) on a trajectory replicated REP times
// (constant density), timed in CPU and wall clock: the first (cold, JIT-compiling) pass and REPS warm
// passes. Optionally exports the A and B positions for the peers (bench/structure/rdf_peer.py).
// Usage: node bench/structure/rdf_ours.mjs FILE A B RMAX BINS REP(e.g. 2x2x1) FRAMES REPS [EXPORT.bin]
import { createRequire } from 'node:module';
import fs from 'node:fs';
const require = createRequire(import.meta.url);
const { readTrajectory } = require('../../dist/io/index.js');
const { Cell } = require('../../dist/core/cell.js');
const { topologyFromSymbols, atomSymbols } = require('../../dist/core/topology.js');
const { radialDistribution } = require('../../dist/structure/rdf.js');

const [file, A, B, rmaxS, binsS, repS, framesS, repsS, exportPath] = process.argv.slice(2);
const rep = repS.split('x').map(Number),
  R = rep[0] * rep[1] * rep[2];
const rmax = Number(rmaxS),
  bins = Number(binsS),
  reps = Number(repsS);
const traj = await readTrajectory(file);
const nF = Math.min(Number(framesS), traj.nFrames),
  n0 = traj.nAtoms;
const sym0 = atomSymbols(traj.topology),
  sym = [];
for (let k = 0; k < R; k++) sym.push(...sym0);
const topology = topologyFromSymbols(sym);
const frames = [];
for (let f = 0; f < nF; f++) {
  const m0 = traj.cell(f).matrix,
    p0 = traj.framePositions(f),
    m = Float64Array.from(m0);
  for (let k = 0; k < 3; k++) for (let c = 0; c < 3; c++) m[3 * k + c] *= rep[k];
  const pos = new Float64Array(3 * n0 * R);
  let q = 0;
  for (let x = 0; x < rep[0]; x++)
    for (let y = 0; y < rep[1]; y++)
      for (let z = 0; z < rep[2]; z++)
        for (let a = 0; a < n0; a++)
          for (let c = 0; c < 3; c++) {
            pos[q++] = p0[3 * a + c] + x * m0[c] + y * m0[3 + c] + z * m0[6 + c];
          }
  frames.push({ index: f, cell: new Cell(Array.from(m)), positions: pos });
}
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};
const opts = { a: A, b: B, rmax_A: rmax, bins };
const time = () => {
  const c0 = cpu(),
    w0 = performance.now();
  const res = radialDistribution(frames, topology, opts);
  return { res, cpu_ms: cpu() - c0, wall_ms: performance.now() - w0 };
};
const cold = time();
const warm = { cpu_ms: [], wall_ms: [] };
for (let r = 0; r < reps; r++) {
  const t = time();
  warm.cpu_ms.push(t.cpu_ms);
  warm.wall_ms.push(t.wall_ms);
}
if (exportPath) {
  const ia = [],
    ib = [];
  for (let i = 0; i < sym.length; i++) {
    if (sym[i] === A) ia.push(i);
    if (sym[i] === B && A !== B) ib.push(i);
  }
  const sel = [...ia, ...ib],
    n = sel.length;
  const header = { nFrames: nF, nAtoms: n, a: ia.map((_, k) => k), b: A === B ? ia.map((_, k) => k) : ib.map((_, k) => ia.length + k) };
  const f64 = new Float64Array(nF * (9 + 3 * n));
  frames.forEach((fr, f) => {
    f64.set(fr.cell.matrix, f * (9 + 3 * n));
    sel.forEach((a, k) => {
      for (let c = 0; c < 3; c++) f64[f * (9 + 3 * n) + 9 + 3 * k + c] = fr.positions[3 * a + c];
    });
  });
  fs.writeFileSync(exportPath, Buffer.concat([Buffer.from(JSON.stringify(header) + '\n'), Buffer.from(f64.buffer)]));
}
console.log(
  JSON.stringify({
    tool: 'superionic',
    atoms: n0 * R,
    n_a: cold.res.n_a,
    n_b: cold.res.n_b,
    frames: nF,
    cold: { cpu_ms: cold.cpu_ms, wall_ms: cold.wall_ms },
    warm,
    g: Array.from(cold.res.g),
  }),
);
