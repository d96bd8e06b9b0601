// superionic's transition network with GEMDAT's conventions on the same trajectory and sites as
// bench/sites/gemdat_peer.py (GEMDAT's argyrodite 48h sites ×2×2×2 fixed in the cell, r_in = GEMDAT's radius,
// ν₀ = GEMDAT's, from test/fixtures/gemdat/reference.json): the first (cold) call and REPS warm calls, CPU and wall,
// of (a) the analysis on frames in memory (one TransitionNetworkAnalysis pass: occupancy, jumps, rates, E_a,
// collective jumps) and (b) end to end streaming the XDATCAR (cold). Peak RSS. Prints one JSON object.
// Usage: node bench/sites/gemdat_ours.mjs FILE REPS
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
const require = createRequire(import.meta.url);
const { openTrajectory } = require('../../dist/io/index.js');
const { analyseFrames } = require('../../dist/core/frameAnalysis.js');
const { fixedSiteNetwork } = require('../../dist/sites/fixedSiteNetwork.js');
const { TransitionNetworkAnalysis } = require('../../dist/sites/transitionNetwork.js');

const [file, repsS] = process.argv.slice(2);
const ref = JSON.parse(fs.readFileSync('test/fixtures/gemdat/reference.json', 'utf8'));
const run = ref.runs.find((r) => path.basename(r.file) === path.basename(file)) ?? ref.runs[0];
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};
const analysis = () => {
  const sites = fixedSiteNetwork(
    run.site_frac.flat(),
    run.site_frac.map(() => 0),
    ['48h'],
  );
  return new TransitionNetworkAnalysis(sites.source, {
    mobile: 'Li',
    hostPositions: sites.hostPositions,
    rIn_A: run.site_radius_A,
    dt_fs: ref.dt_fs,
    initialSite: 'captured',
    temperature_K: ref.temperature_K,
    attemptFrequency_THz: run.attempt_frequency_Hz / 1e12,
    rateTime: 'within-r-in',
    collectiveWindow_fs: run.collective.max_steps * ref.dt_fs,
    collectiveTiming: 'interval',
    collectiveSiteDistance_A: run.collective.max_dist_A,
  });
};
const summary = (r) => ({ n_jumps: r.jumps.jumps.length, n_coll_pairs: r.collective.nPairs, n_edges: r.edges.length });
// End to end (cold): stream the file through the analysis.
const c0 = cpu(),
  w0 = performance.now();
const an0 = analysis();
await analyseFrames(await openTrajectory(file, { timestep_fs: ref.dt_fs }), [an0], { onProgress: () => {} });
const res = summary(an0.result());
const e2e = { cpu_ms: cpu() - c0, wall_ms: performance.now() - w0 };
// Frames in memory, then the analysis alone.
const frames = [];
const stream = await openTrajectory(file, { timestep_fs: ref.dt_fs });
for await (const f of stream) frames.push({ ...f, positions: Float64Array.from(f.positions) });
const topology = stream.topology;
const time = () => {
  const c = cpu(),
    w = performance.now();
  const an = analysis();
  for (const f of frames) an.addFrame(f, topology);
  const r = summary(an.result());
  return { r, cpu_ms: cpu() - c, wall_ms: performance.now() - w };
};
const cold = time();
const warm = { cpu_ms: [], wall_ms: [] };
for (let k = 0; k < Number(repsS); k++) {
  const t = time();
  warm.cpu_ms.push(t.cpu_ms);
  warm.wall_ms.push(t.wall_ms);
}
console.log(
  JSON.stringify({
    tool: 'superionic',
    result: res,
    in_memory_result: cold.r,
    cold: { cpu_ms: cold.cpu_ms, wall_ms: cold.wall_ms },
    warm,
    end_to_end: { cold: e2e },
    peak_rss_MB: process.resourceUsage().maxRSS / 1024,
  }),
);
