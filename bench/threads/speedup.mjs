#!/usr/bin/env node
// Thread speed-up 1 → N of the RDF (frame-interleaved workers) and the MSD (ion blocks over workers) on a data/ file,
// with the single-thread parse and compute fractions that bound it (the model in bench/README.md "threads").
// Each case alternates 1 and N threads REPS times in this process; CPU = process.cpuUsage (all threads of the process),
// wall = performance.now. Needs `npx tsc -p tsconfig.build.json`.
// Usage: node bench/threads/speedup.mjs [FILE=data/Li6PS5Cl_50pct_500K_XDATCAR.gz] [N=2] [REPS=3]
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
const require = createRequire(import.meta.url);
const { openTrajectory } = require('../../dist/io/index.js');
const { analyseFileParallel } = require('../../dist/analyse/frameParallel.js');
const { diffusionFromSeriesThreaded } = require('../../dist/analyse/atomBlockParallel.js');
const { collectTransportSeries, diffusionFromSeries } = require('../../dist/transport/diffusionAnalysis.js');
const [file = 'data/Li6PS5Cl_50pct_500K_XDATCAR.gz', nS = '2', repsS = '3'] = process.argv.slice(2);
const N = Number(nS),
  reps = Number(repsS);
const dt = 100;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};
async function timed(fn) {
  const c = cpu(),
    w = performance.now();
  const r = await fn();
  return { cpu_ms: cpu() - c, wall_ms: performance.now() - w, r };
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const rdfSpec = [{ kind: 'rdf', options: { a: 'Li', b: 'S', rmax_A: 9.5, bins: 200, source: file } }];
const read = { atoms: ['Li', 'S'] };
const cases = {
  rdf: (t) => analyseFileParallel(file, read, rdfSpec, t),
  msd: async (t) => {
    const series = await collectTransportSeries(await openTrajectory(file, { timestep_fs: dt, atoms: ['Li'] }), ['Li']);
    return diffusionFromSeriesThreaded(series, { dt_fs: dt }, t);
  },
};
// Single-thread fractions: parse only (stream every frame of the atoms the analysis reads) vs the whole analysis.
const parts = {
  rdf_parse: async () => {
    for await (const f of await openTrajectory(file, read)) void f;
  },
  msd_parse: async () => collectTransportSeries(await openTrajectory(file, { timestep_fs: dt, atoms: ['Li'] }), ['Li']),
};
const out = { file, threads: N, reps, cpus: cpus().length, load_start: loadavg().map((x) => +x.toFixed(1)), cases: {} };
for (const [name, fn] of Object.entries(cases)) {
  await fn(1); // warm (JIT, file cache)
  const one = [],
    many = [];
  for (let r = 0; r < reps; r++) {
    one.push(await timed(() => fn(1)));
    many.push(await timed(() => fn(N)));
  }
  const parse = [];
  for (let r = 0; r < reps; r++) parse.push(await timed(parts[`${name}_parse`]));
  const m = (a, k) => median(a.map((x) => x[k]));
  out.cases[name] = {
    one_wall_ms: m(one, 'wall_ms'),
    one_cpu_ms: m(one, 'cpu_ms'),
    many_wall_ms: m(many, 'wall_ms'),
    many_cpu_ms: m(many, 'cpu_ms'),
    speedup_wall: +(m(one, 'wall_ms') / m(many, 'wall_ms')).toFixed(2),
    cpu_ratio_many_over_one: +(m(many, 'cpu_ms') / m(one, 'cpu_ms')).toFixed(2),
    parse_cpu_ms: m(parse, 'cpu_ms'),
    parse_fraction_cpu: +(m(parse, 'cpu_ms') / m(one, 'cpu_ms')).toFixed(2),
  };
  console.error(name, JSON.stringify(out.cases[name]));
}
out.load_end = loadavg().map((x) => +x.toFixed(1));
console.log(JSON.stringify(out, null, 1));
