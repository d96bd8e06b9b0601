#!/usr/bin/env bash
# Dynamics benchmark: superionic (Node) vs numpy FFT VACF/VDOS, pymatgen-analysis-diffusion VanHoveAnalysis,
# numpy orientation ACF and freud RotationalAutocorrelation, same trajectory. Ours and the peers run
# alternately in fresh processes (BENCH_RUNS, default 3); each process times every task's first (cold)
# call and BENCH_REPS (default 3) warm calls in CPU and wall time. Writes bench/out/dynamics.json.
set -euo pipefail
cd "$(dirname "$0")/../.."
FILE="${1:-data/Li10GeP2S12_600K_AIMD.extxyz.gz}"
RUNS="${BENCH_RUNS:-3}"
[ -n "${SUPERIONIC_DIST:-}" ] || [ -d dist ] || npx tsc -p tsconfig.build.json
PY=bench/.venv/bin/python
[ -x "$PY" ] || bash bench/setup.sh
mkdir -p bench/out
TMP=bench/out/dynamics-runs; rm -rf "$TMP"; mkdir -p "$TMP"
for r in $(seq 1 "$RUNS"); do
  echo "  dynamics: run $r (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  node bench/dynamics/ours.js "$FILE" > "$TMP/ours.$r.json"
  "$PY" bench/dynamics/peers.py "$FILE" > "$TMP/peers.$r.json"
done
node - "$TMP" "$RUNS" "$FILE" <<'JS'
const fs = require('node:fs'), path = require('node:path');
const { row, load } = require(path.resolve('bench/lib/rows.cjs'));
const [tmp, runs, file] = [process.argv[2], +process.argv[3], process.argv[4]];
const read = (who) => Array.from({ length: runs }, (_, k) => JSON.parse(fs.readFileSync(path.join(tmp, `${who}.${k + 1}.json`), 'utf8')));
const ours = read('ours'), peers = read('peers');
const o = (k) => ours.map((x) => x[k]), p = (k) => (peers[0][k] ? peers.map((x) => x[k]) : null);
const rows = [];
const add = (task, peer, ok, pk, target, extra) => { if (p(pk)) rows.push(row(task, peer, o(ok), p(pk), target, extra)); };
add('VDOS (FFT VACF), Li10GeP2S12 Li', 'numpy FFT', 'vdos', 'numpy_vdos', 1,
  { band_centre_THz: { ours: ours[0].vdos.value, peer: peers[0].numpy_vdos.value } });
add('van Hove G_s/G_d, 20 lags × 50 origins', 'pymatgen VanHoveAnalysis', 'vanhove', 'pymatgen_vanhove', 3);
add('PS4 rotation ACF, all origins', 'numpy FFT ACF', 'rotation_acf', 'numpy_rotation_acf', 1,
  { value_at_last_lag: { ours: ours[0].rotation_acf.value, peer: peers[0].numpy_rotation_acf.value } });
add('PS4 rotation ACF (peer: origin 0 only)', 'scipy Kabsch quaternions + freud (mostly scipy)', 'rotation_acf', 'scipy_kabsch_freud_rotation_origin0', null);
add('PS4 rotation ACF (peer: origin 0 only)', 'freud RotationalAutocorrelation alone', 'rotation_acf', 'freud_rotation_origin0_only', null,
  { note: 'freud computes one origin on precomputed quaternions; ours all origins from positions' });
const out = { area: 'dynamics', file, date: new Date().toISOString(), load_at_end: load(), rows, raw: { ours, peers } };
fs.writeFileSync('bench/out/dynamics.json', JSON.stringify(out, null, 1) + '\n');
console.log(JSON.stringify(rows.map((r) => [r.task, r.peer, r.ratio, r.ratio_wall, r.ratio_cold_cpu])));
JS
