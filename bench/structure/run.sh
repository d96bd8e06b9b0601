#!/usr/bin/env bash
# Structure benchmark: superionic's RDF vs freud 3.4 (single-threaded) and MDAnalysis InterRDF on the
# same frames, pair, r_max and bins (analysis only; file reading excluded). Ours and each peer run
# alternately in fresh processes (BENCH_RUNS, default 3), each process timing its first (cold) call
# and BENCH_REPS (default 3) warm calls in CPU time and wall clock (bench/lib/rows.cjs). Cases:
# Li6PS5Cl 50 % (416 atoms, 140 frames) vs freud and MDAnalysis; the same cell replicated ×4…×32
# (1,664–13,312 atoms, 20 frames; constant density) vs freud, with fitted scaling exponents; the
# slightly skewed (non-upper-triangular) Na3PS4 cell, where g(r) must equal freud's. g(r) is
# compared before timing counts (max |Δg|). Also the streamed RDF's heap growth vs number of frames.
# Writes bench/out/structure.json.
source "$(dirname "$0")/../lib/preamble.sh"
RUNS="${BENCH_RUNS:-3}"; REPS="${BENCH_REPS:-3}"
TMP=bench/out/structure-runs   # raw per-process timings, kept for inspection (git-ignored)
rm -rf "$TMP"; mkdir -p "$TMP"
LI=data/Li6PS5Cl_50pct_500K_XDATCAR.gz NA=data/Na3PS4_cubic_800K_AIMD.extxyz.gz
# name file A B rmax bins replication frames peers
CASES="li6ps5cl $LI Li S 9.5 200 1x1x1 140 freud,mdanalysis
x4 $LI Li S 9.5 200 2x2x1 20 freud
x8 $LI Li S 9.5 200 2x2x2 20 freud
x16 $LI Li S 9.5 200 4x2x2 20 freud
x32 $LI Li S 9.5 200 4x4x2 20 freud
na3ps4 $NA Na S 6.5 130 1x1x1 200 freud"
while read -r name file a b rmax bins rep frames peers; do
  echo "  structure: $name (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  for r in $(seq 1 "$RUNS"); do
    exp=""; [ "$r" = 1 ] && exp="$TMP/$name.bin"
    node bench/structure/rdf_ours.mjs "$file" "$a" "$b" "$rmax" "$bins" "$rep" "$frames" "$REPS" $exp > "$TMP/$name.ours.$r.json"
    for p in ${peers//,/ }; do
      "$PY" bench/structure/rdf_peer.py "$TMP/$name.bin" "$rmax" "$bins" "$REPS" "$p" > "$TMP/$name.$p.$r.json"
    done
  done
done <<< "$CASES"
MEM=$(node --expose-gc bench/structure/ours.js "$LI" Li S 9.5 200 "$TMP/mem.bin" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.stringify(JSON.parse(s).streaming_memory)))')
node - "$TMP" "$RUNS" "$MEM" <<'JS'
const fs = require('node:fs'), path = require('node:path');
const { row, exponent, load, median } = require(path.resolve('bench/lib/rows.cjs'));
const [tmp, runs, mem] = [process.argv[2], +process.argv[3], JSON.parse(process.argv[4])];
const read = (name, tool) => Array.from({ length: runs }, (_, k) => JSON.parse(fs.readFileSync(path.join(tmp, `${name}.${tool}.${k + 1}.json`), 'utf8')));
const maxDiff = (x, y) => Math.max(...x.map((v, k) => Math.abs(v - y[k])));
const peerName = { freud: 'freud 3.4 RDF (1 thread)', mdanalysis: 'MDAnalysis 2.11 InterRDF' };
const rows = [], scaling = [];
const cases = [['li6ps5cl', ['freud', 'mdanalysis']], ['x4', ['freud']], ['x8', ['freud']], ['x16', ['freud']], ['x32', ['freud']], ['na3ps4', ['freud']]];
for (const [name, peers] of cases) {
  const ours = read(name, 'ours'), o = ours[0];
  for (const p of peers) {
    const th = read(name, p);
    const dg = +maxDiff(o.g, th[0].g).toPrecision(2);
    const task = name === 'na3ps4' ? `RDF Na–S, Na3PS4 skewed cell (${o.atoms} at., ${o.frames} fr.)` : `RDF Li–S, ${o.atoms} atoms, ${o.frames} frames`;
    const target = name === 'li6ps5cl' || name.startsWith('x') ? (p === 'freud' ? 1.5 : 3) : null;
    rows.push(row(task, peerName[p], ours, th, target, { atoms: o.atoms, max_abs_dg: dg }));
  }
  if (name === 'li6ps5cl' || name.startsWith('x')) {
    const th = read(name, 'freud');
    if (name !== 'li6ps5cl') scaling.push({ atoms: o.atoms, ours_cpu_ms: median(ours.flatMap((r) => r.warm.cpu_ms)), freud_cpu_ms: median(th.flatMap((r) => r.warm.cpu_ms)) });
  }
}
const n = scaling.map((s) => s.atoms);
const out = {
  area: 'structure', date: new Date().toISOString(), load_at_end: load(), rows,
  scaling: { series: scaling, exponent_ours: exponent(n, scaling.map((s) => s.ours_cpu_ms)), exponent_freud: exponent(n, scaling.map((s) => s.freud_cpu_ms)), note: 'warm CPU ms vs atoms (Li6PS5Cl replicated, 20 frames): t ∝ N^exponent' },
  streaming_memory: mem,
};
fs.writeFileSync('bench/out/structure.json', JSON.stringify(out, null, 1) + '\n');
console.log(JSON.stringify({ rows: rows.map((r) => [r.task, r.peer, r.ratio, r.ratio_wall, r.ratio_cold_cpu, r.max_abs_dg]), exponents: [out.scaling.exponent_ours, out.scaling.exponent_freud] }));
JS
rm -f "$TMP"/*.bin
