#!/usr/bin/env bash
# Parse benchmark on a file as users have it: an ASE-written extxyz (ase.io.write: %16.8f columns; made by
# ASE from the seeded transport generator's 512-atom file, FRAMES frames, default 1000).
# Ours (openTrajectory, every frame and atom) and the peers
# (MDAnalysis XYZReader, ASE iread) alternate in fresh processes (BENCH_RUNS, default 3), each timing a
# cold pass and 2 warm passes, CPU and wall. Frame counts and a checksum are compared first.
# Writes bench/out/io.json (ratio = peer time / our time on the same file = throughput ratio).
source "$(dirname "$0")/../lib/preamble.sh"
RUNS="${BENCH_RUNS:-3}"; FRAMES="${FRAMES:-1000}"
TMP=bench/out/io-runs; rm -rf "$TMP"; mkdir -p "$TMP"
WORK="${TMPDIR:-/tmp}/superionic-bench-io"; mkdir -p "$WORK"
ASEF="$WORK/ase_written_$FRAMES.extxyz"
if [ ! -f "$ASEF" ]; then
  node bench/transport/generate.js "$WORK/gen.extxyz" "$FRAMES" 192 320 2025
  "$PY" bench/io/ase_write.py "$WORK/gen.extxyz" "$ASEF"
  rm -f "$WORK/gen.extxyz"
fi
for r in $(seq 1 "$RUNS"); do
  echo "  io: run $r (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  node bench/io/parse_ours.mjs "$ASEF" > "$TMP/ase.ours.$r.json"
  "$PY" bench/io/parse_peer.py "$ASEF" mdanalysis > "$TMP/ase.mdanalysis.$r.json"
  "$PY" bench/io/parse_peer.py "$ASEF" ase > "$TMP/ase.ase.$r.json"
done
node - "$TMP" "$RUNS" "$ASEF" <<'JS'
const fs = require('node:fs'), path = require('node:path');
const { row, load, median } = require(path.resolve('bench/lib/rows.cjs'));
const [tmp, runs, file] = [process.argv[2], +process.argv[3], process.argv[4]];
const read = (k) => Array.from({ length: runs }, (_, i) => JSON.parse(fs.readFileSync(path.join(tmp, `${k}.${i + 1}.json`), 'utf8')));
const ours = read('ase.ours'), o = ours[0];
const mbs = (runsArr, key) => +(o.bytes / 1e6 / (median(runsArr.flatMap((r) => r.warm[key])) / 1e3)).toPrecision(3);
const rows = [];
for (const [k, label] of [['mdanalysis', 'MDAnalysis 2.11 XYZReader'], ['ase', 'ASE 3.29 iread']]) {
  const th = read(`ase.${k}`);
  if (th[0].frames !== o.frames || Math.abs(th[0].check - o.check) > 1e-6 * Math.abs(o.check)) throw new Error(`${k}: frames/checksum differ from ours`);
  rows.push(row(`parse ASE-written extxyz (${(o.bytes / 1e6).toFixed(0)} MB, ${o.frames} fr.)`, label, ours, th, null, {
    ours_MB_per_cpu_s: mbs(ours, 'cpu_ms'), peer_MB_per_cpu_s: mbs(th, 'cpu_ms'), ours_MB_per_wall_s: mbs(ours, 'wall_ms') }));
}
const out = { area: 'io', file: path.basename(file), bytes: o.bytes, date: new Date().toISOString(), load_at_end: load(), rows };
fs.writeFileSync('bench/out/io.json', JSON.stringify(out, null, 1) + '\n');
console.log(JSON.stringify(rows.map((r) => [r.peer, r.ours_MB_per_cpu_s, r.peer_MB_per_cpu_s, r.ratio, r.ratio_wall, r.ratio_cold_cpu])));
JS
