// superionic's extxyz reader streaming every frame and atom of FILE (openTrajectory): the first (cold) pass
// and REPS warm passes, CPU time and wall clock. Prints JSON {cold, warm, bytes, frames}.
// Usage: node bench/io/parse_ours.mjs FILE [REPS=2]
import { createRequire } from 'node:module';
import { statSync } from 'node:fs';
const require = createRequire(import.meta.url);
const { openTrajectory } = require('../../dist/io/index.js');
const [file, repsS] = process.argv.slice(2);
const reps = Number(repsS ?? 2);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};
async function pass() {
  const c = cpu(),
    w = performance.now();
  let frames = 0,
    sum = 0;
  for await (const f of await openTrajectory(file)) {
    frames++;
    sum += f.positions[0];
  }
  return { cpu_ms: cpu() - c, wall_ms: performance.now() - w, frames, sum };
}
const cold = await pass();
const warm = { cpu_ms: [], wall_ms: [] };
for (let r = 0; r < reps; r++) {
  const p = await pass();
  warm.cpu_ms.push(p.cpu_ms);
  warm.wall_ms.push(p.wall_ms);
}
console.log(
  JSON.stringify({
    tool: 'superionic',
    bytes: statSync(file).size,
    frames: cold.frames,
    check: cold.sum,
    cold: { cpu_ms: cold.cpu_ms, wall_ms: cold.wall_ms },
    warm,
  }),
);
