#!/usr/bin/env node
// Large uncompressed inputs for bench/threads/speedup.mjs, made from data/Li6PS5Cl_50pct_500K_XDATCAR.gz (416 atoms ×
// 140 frames): its frames repeated in order COPIES times, as an XDATCAR (configurations renumbered 1, 2, …) and as an
// extended XYZ (Cartesian Å, ASE-like %16.8f columns, Lattice= and Time= per frame). The repeats jump back to frame 0
// every 140 frames (a timing input, not physics).
// Usage: node bench/threads/generate.mjs OUT_DIR [XDATCAR_COPIES=22] [EXTXYZ_COPIES=35]   (≈ 42 MB and ≈ 107 MB)
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
const [out, xdCopiesS = '22', xyzCopiesS = '35'] = process.argv.slice(2);
if (!out) throw new Error('usage: generate.mjs OUT_DIR [XDATCAR_COPIES] [EXTXYZ_COPIES]');
mkdirSync(out, { recursive: true });
const lines = gunzipSync(readFileSync(new URL('../../data/Li6PS5Cl_50pct_500K_XDATCAR.gz', import.meta.url)))
  .toString('latin1')
  .split('\n');
const header = lines.slice(0, 7);
const cell = header.slice(2, 5).map((l) => l.trim().split(/\s+/).map(Number));
const species = header[5].trim().split(/\s+/),
  counts = header[6].trim().split(/\s+/).map(Number);
const symbols = species.flatMap((s, k) => Array(counts[k]).fill(s));
const n = symbols.length;
const frames = [];
for (let i = 7; i + n < lines.length; i += n + 1) frames.push(lines.slice(i + 1, i + 1 + n));
async function write(path, copies, emit) {
  const w = createWriteStream(path);
  let k = 0;
  for (let c = 0; c < copies; c++)
    for (const f of frames) {
      if (!w.write(emit(f, k++))) await new Promise((r) => w.once('drain', r));
    }
  await new Promise((r) => w.end(r));
  console.log(path, k, 'frames');
}
await write(
  join(out, 'Li6PS5Cl_big_XDATCAR'),
  Number(xdCopiesS),
  (f, k) => (k === 0 ? header.join('\n') + '\n' : '') + `Direct configuration=${String(k + 1).padStart(6)}\n` + f.join('\n') + '\n',
);
const lattice = cell
  .flat()
  .map((x) => x.toFixed(8))
  .join(' ');
const fmt = (x) => x.toFixed(8).padStart(16);
await write(join(out, 'Li6PS5Cl_big.extxyz'), Number(xyzCopiesS), (f, k) => {
  let s = `${n}\nLattice="${lattice}" Properties=species:S:1:pos:R:3 Time=${(100 * k).toFixed(1)} pbc="T T T"\n`;
  for (let i = 0; i < n; i++) {
    const [a, b, c] = f[i].trim().split(/\s+/).map(Number);
    const x = a * cell[0][0] + b * cell[1][0] + c * cell[2][0],
      y = a * cell[0][1] + b * cell[1][1] + c * cell[2][1],
      z = a * cell[0][2] + b * cell[1][2] + c * cell[2][2];
    s += `${symbols[i].padEnd(2)} ${fmt(x)}${fmt(y)}${fmt(z)}\n`;
  }
  return s;
});
