// Seeded synthetic extxyz for the transport benchmark: NLI Li random walkers (unwrapped, continuous)
// plus a vibrating framework (P, S) in a cubic cell, NF frames, Time= in fs.
// usage: node generate.js OUT.extxyz [NF=20000] [NLI=192] [NFW=320] [SEED=2025]
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { Random } = require(path.resolve(__dirname, '../../dist/core/random.js'));
const [out, nfArg, nliArg, nfwArg, seedArg] = process.argv.slice(2);
const NF = Number(nfArg ?? 20000), NLI = Number(nliArg ?? 192), NFW = Number(nfwArg ?? 320), SEED = Number(seedArg ?? 2025);
const N = NLI + NFW, L = 20.0, DT = 10; // Å, fs per frame
const rng = new Random(SEED);
const li = new Float64Array(3 * NLI), fw0 = new Float64Array(3 * NFW);
for (let i = 0; i < li.length; i++) li[i] = L * rng.uniform();
for (let i = 0; i < fw0.length; i++) fw0[i] = L * rng.uniform();
const sym = Array.from({ length: N }, (_, i) => (i < NLI ? 'Li' : i < NLI + NFW / 5 ? 'P' : 'S'));
const fd = fs.openSync(out, 'w');
const step = 0.15, vib = 0.08; // Li step sd per component per frame; framework vibration sd (Å)
for (let f = 0; f < NF; f++) {
  const lines = [String(N), `Lattice="${L} 0 0 0 ${L} 0 0 0 ${L}" Properties=species:S:1:pos:R:3 Time=${f * DT} pbc="T T T"`];
  if (f > 0) for (let i = 0; i < li.length; i++) li[i] += step * rng.normal();
  for (let i = 0; i < NLI; i++) lines.push(`Li ${li[3 * i].toFixed(5)} ${li[3 * i + 1].toFixed(5)} ${li[3 * i + 2].toFixed(5)}`);
  for (let j = 0; j < NFW; j++) {
    const s = sym[NLI + j];
    lines.push(`${s} ${(fw0[3 * j] + vib * rng.normal()).toFixed(5)} ${(fw0[3 * j + 1] + vib * rng.normal()).toFixed(5)} ${(fw0[3 * j + 2] + vib * rng.normal()).toFixed(5)}`);
  }
  fs.writeSync(fd, lines.join('\n') + '\n');
}
fs.closeSync(fd);
process.stderr.write(`wrote ${out}: ${NF} frames × ${N} atoms, ${(fs.statSync(out).size / 1e6).toFixed(1)} MB\n`);
