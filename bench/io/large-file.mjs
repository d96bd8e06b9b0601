#!/usr/bin/env node
// Bounded-memory check: stream a generated ≥5 GB extxyz through readTrajectory(..., {atoms: 'Li'})
// and through a plain openTrajectory pass, reporting peak RSS and throughput. The file is written
// to a temp dir and deleted afterwards (needs `npx tsc -p tsconfig.build.json` first).
// To write 5 GB quickly, one block of seeded random-walk frames (500 atoms: 200 Li, 50 P, 250 S)
// is generated and written repeatedly; each run is a separate process so peak RSS is its own.
// usage: node bench/io/large-file.mjs [--gb 5] [--keep]
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, statSync, openSync, writeSync, closeSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const self = fileURLToPath(import.meta.url);

if (process.argv[2] === '--child') {
  // child: one measured pass
  const [, , , mode, file] = process.argv;
  const io = require('../../dist/io/index.js');
  const t0 = process.hrtime.bigint();
  let frames = 0,
    atoms = 0,
    kept = 0;
  if (mode === 'li') {
    const t = await io.readTrajectory(file, { atoms: 'Li' });
    frames = t.nFrames;
    atoms = t.nAtoms;
    kept = t.positions.byteLength;
  } else {
    const s = await io.openTrajectory(file);
    for await (const f of s) {
      frames++;
      atoms = f.positions.length / 3;
    }
  }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const bytes = statSync(file).size;
  console.log(
    JSON.stringify({
      mode,
      frames,
      atoms,
      seconds: +s.toFixed(2),
      MB_per_s: +(bytes / 1e6 / s).toFixed(1),
      peak_rss_MB: +(process.resourceUsage().maxRSS / 1024).toFixed(0),
      kept_MB: +(kept / 1e6).toFixed(0),
    }),
  );
  process.exit(0);
}

const gb = (() => {
  const i = process.argv.indexOf('--gb');
  return i >= 0 ? Number(process.argv[i + 1]) : 5;
})();
const dir = mkdtempSync(path.join(tmpdir(), 'superionic-large-'));
const file = path.join(dir, 'large.extxyz');
try {
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const n = 500,
    L = 25,
    blockFrames = 500;
  const sym = (i) => (i < 200 ? 'Li' : i < 250 ? 'P' : 'S');
  const pos = Float64Array.from({ length: 3 * n }, () => rand() * L);
  let block = '';
  for (let f = 0; f < blockFrames; f++) {
    block += `${n}\nLattice="${L} 0.0 0.0 0.0 ${L} 0.0 0.0 0.0 ${L}" Properties=species:S:1:pos:R:3 Time=${(f * 20).toFixed(1)} pbc="T T T"\n`;
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < 3; k++) pos[3 * i + k] += (rand() - 0.5) * 0.2;
      block += `${sym(i)} ${pos[3 * i].toFixed(8).padStart(16)} ${pos[3 * i + 1].toFixed(8).padStart(16)} ${pos[3 * i + 2].toFixed(8).padStart(16)}\n`;
    }
  }
  const buf = Buffer.from(block, 'latin1');
  const reps = Math.ceil((gb * 1e9) / buf.length);
  const t0 = Date.now();
  const fd = openSync(file, 'w');
  for (let r = 0; r < reps; r++) writeSync(fd, buf);
  closeSync(fd);
  const size = statSync(file).size;
  console.log(
    `generated ${(size / 1e9).toFixed(2)} GB (${reps * blockFrames} frames × ${n} atoms) in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${file}`,
  );
  for (const mode of ['stream', 'li']) {
    const out = execFileSync(process.execPath, [self, '--child', mode, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    console.log(out.trim());
  }
} finally {
  if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
}
