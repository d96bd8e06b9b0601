#!/usr/bin/env bash
# Dynamics benchmark: superionic (Node) vs numpy FFT VACF/VDOS, pymatgen-analysis-diffusion VanHoveAnalysis,
# numpy orientation ACF and freud RotationalAutocorrelation, same trajectory. Writes bench/out/dynamics.json.
set -euo pipefail
cd "$(dirname "$0")/../.."
FILE="${1:-data/Li10GeP2S12_600K_AIMD.extxyz.gz}"
[ -n "${SUPERIONIC_DIST:-}" ] || [ -d dist ] || npx tsc -p tsconfig.build.json
mkdir -p bench/out
OURS=$(node bench/dynamics/ours.js "$FILE")
PY=bench/.venv/bin/python
[ -x "$PY" ] || bash bench/setup.sh
PEERS=$("$PY" bench/dynamics/peers.py "$FILE")
node -e '
const ours = JSON.parse(process.argv[1]), peers = JSON.parse(process.argv[2]);
const ratio = (a, b) => (a && b ? +(a / b).toFixed(2) : null);
const out = { file: process.argv[3], ours, peers, speedup: {
  vdos_vs_numpy: ratio(peers.numpy_vdos_ms, ours.vdos_ms),
  vanhove_vs_pymatgen: ratio(peers.pymatgen_vanhove_ms, ours.vanhove_ms),
  rotation_acf_vs_numpy: ratio(peers.numpy_rotation_acf_ms, ours.rotation_acf_ms),
  rotation_acf_vs_freud_origin0: ratio(peers.freud_rotational_autocorrelation_origin0_ms, ours.rotation_acf_ms),
}, speedup_first_call: {
  vdos_vs_numpy: ratio(peers.numpy_vdos_ms, ours.vdos_first_ms),
  vanhove_vs_pymatgen: ratio(peers.pymatgen_vanhove_ms, ours.vanhove_first_ms),
  rotation_acf_vs_numpy: ratio(peers.numpy_rotation_acf_ms, ours.rotation_acf_first_ms),
}, note: "speedup = peer time / our time (analysis only, file reading excluded); >1 means superionic is faster. speedup: best of BENCH_REPS (7) on both sides, ours after JIT warm-up; speedup_first_call: our first (cold, JIT-compiling) call against the peer best" };
require("fs").writeFileSync("bench/out/dynamics.json", JSON.stringify(out, null, 1));
console.log(JSON.stringify({ speedup: out.speedup, first_call: out.speedup_first_call }));
' "$OURS" "$PEERS" "$FILE"
