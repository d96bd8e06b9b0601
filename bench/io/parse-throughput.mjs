#!/usr/bin/env node
// extxyz parse throughput of superionic's reader on one core (needs `npx tsc -p tsconfig.build.json`).
// Generates a seeded 500-atom extxyz (ASE-like %.8f columns) in a temp dir, reads it with
// readTrajectory (all atoms, then only Li) and reports MB/s of file text; also the gzip file.
// usage: node bench/io/parse-throughput.mjs [--atoms 500] [--frames 2000] [--velocities]
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, statSync, openSync, writeSync, closeSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const io = require('../../dist/io/index.js');
const arg = (k, d) => {
  const i = process.argv.indexOf(`--${k}`);
  return i >= 0 ? Number(process.argv[i + 1]) : d;
};
const nAtoms = arg('atoms', 500),
  nFrames = arg('frames', 2000),
  withVel = process.argv.includes('--velocities');

let seed = 12345;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const L = 25.0;
const dir = mkdtempSync(path.join(tmpdir(), 'superionic-bench-io-'));
const file = path.join(dir, 'bench.extxyz');
const fd = openSync(file, 'w');
const symbols = Array.from({ length: nAtoms }, (_, i) => (i < nAtoms * 0.4 ? 'Li' : i < nAtoms * 0.5 ? 'P' : 'S'));
const pos = Float64Array.from({ length: 3 * nAtoms }, () => rand() * L);
const props = withVel ? 'species:S:1:pos:R:3:velo:R:3' : 'species:S:1:pos:R:3';
for (let f = 0; f < nFrames; f++) {
  let s = `${nAtoms}\nLattice="${L} 0.0 0.0 0.0 ${L} 0.0 0.0 0.0 ${L}" Properties=${props} Time=${(f * 20).toFixed(1)} pbc="T T T"\n`;
  for (let i = 0; i < nAtoms; i++) {
    for (let k = 0; k < 3; k++) pos[3 * i + k] += (rand() - 0.5) * 0.2;
    s += `${symbols[i]} ${pos[3 * i].toFixed(8).padStart(16)} ${pos[3 * i + 1].toFixed(8).padStart(16)} ${pos[3 * i + 2].toFixed(8).padStart(16)}`;
    if (withVel)
      s += ` ${(rand() - 0.5).toFixed(8).padStart(12)} ${(rand() - 0.5).toFixed(8).padStart(12)} ${(rand() - 0.5).toFixed(8).padStart(12)}`;
    s += '\n';
  }
  writeSync(fd, s);
}
closeSync(fd);
const bytes = statSync(file).size;
const gzFile = file + '.gz';
writeFileSync(gzFile, gzipSync(readFileSync(file), { level: 6 }));

async function time(label, fn, reps = 3) {
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const t0 = process.hrtime.bigint();
    await fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  console.log(`${label.padEnd(42)} ${best.toFixed(3)} s  ${(bytes / 1e6 / best).toFixed(1)} MB/s (of uncompressed text)`);
  return best;
}

console.log(
  `file: ${nAtoms} atoms × ${nFrames} frames, ${(bytes / 1e6).toFixed(1)} MB${withVel ? ' (with velocities)' : ''}; node ${process.version}`,
);
const results = {};
results.all = await time('readTrajectory, all atoms', () => io.readTrajectory(file));
results.li = await time('readTrajectory, atoms: "Li"', () => io.readTrajectory(file, { atoms: 'Li' }));
results.stream = await time('openTrajectory stream, all atoms', async () => {
  for await (const f of await io.openTrajectory(file)) void f;
});
results.gz = await time('readTrajectory, all atoms, .gz', () => io.readTrajectory(gzFile));
results.naive = await time(
  'naive oracle: readFileSync+split+Number',
  () => {
    const lines = readFileSync(file, 'latin1').split('\n');
    const out = new Float64Array(3 * nAtoms * nFrames);
    let o = 0;
    for (let f = 0; f < nFrames; f++)
      for (let i = 0; i < nAtoms; i++) {
        const t = lines[f * (nAtoms + 2) + 2 + i].trim().split(/\s+/);
        out[o++] = Number(t[1]);
        out[o++] = Number(t[2]);
        out[o++] = Number(t[3]);
      }
  },
  1,
);
console.log(
  JSON.stringify({
    bench: 'io-parse',
    atoms: nAtoms,
    frames: nFrames,
    MB: bytes / 1e6,
    MB_per_s: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, +(bytes / 1e6 / v).toFixed(1)])),
  }),
);
rmSync(dir, { recursive: true, force: true });
