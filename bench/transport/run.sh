#!/usr/bin/env bash
# Transport benchmark: generate a seeded extxyz (512 atoms × 20,000 frames; Li random walk, unwrapped,
# plus a vibrating P/S framework), then time ours and the peers on the same file in one run and write
# bench/out/transport.json with the ratios. Env: FRAMES (default 20000), KEEP=1 keeps the file.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$ROOT/bench/out"; mkdir -p "$OUT"
WORK="${TMPDIR:-/tmp}/superionic-bench-transport"; mkdir -p "$WORK"
FRAMES="${FRAMES:-20000}"
FILE="$WORK/walk_${FRAMES}.extxyz"
(cd "$ROOT" && npx tsc -p tsconfig.build.json >/dev/null) || echo "bench/transport: tsc reported errors (others' files?); using dist/ as built" >&2
[ -f "$FILE" ] || node "$HERE/generate.js" "$FILE" "$FRAMES" 192 320 2025
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "bench/transport: load average at start: $LOAD_START (2 cores; timings are wall clock)" >&2
echo "bench/transport: ours" >&2
node "$HERE/ours.js" "$FILE" "$WORK" >/dev/null
echo "bench/transport: peers (MDAnalysis, ASE, pymatgen, kinisi)" >&2
"$ROOT/bench/.venv/bin/python" "$HERE/peers.py" "$FILE" "$WORK" >/dev/null
LOAD_END="$(cut -d' ' -f1-3 /proc/loadavg)"
"$ROOT/bench/.venv/bin/python" - "$WORK" "$OUT/transport.json" "$LOAD_START" "$LOAD_END" <<'PY'
import json, sys, os
work, out, load_start, load_end = sys.argv[1:5]
o = json.load(open(os.path.join(work, "ours.json"))); p = json.load(open(os.path.join(work, "peers.json")))
rows = [
  {"task": "parse extxyz (MB/s)", "ours": o["parse_MB_s"], "peer": "MDAnalysis XYZReader", "peer_value": p["mdanalysis_parse_MB_s"], "ratio": o["parse_MB_s"] / p["mdanalysis_parse_MB_s"], "target": "ours >= 100 MB/s", "ours_per_cpu_second": o["parse_cpu_MB_s"]},
  {"task": "parse extxyz (MB/s)", "ours": o["parse_MB_s"], "peer": "ASE extxyz", "peer_value": p["ase_parse_MB_s"], "ratio": o["parse_MB_s"] / p["ase_parse_MB_s"]},
  {"task": "parse extxyz, Li lines only (MB/s)", "ours": o["parse_li_MB_s"], "peer": "MDAnalysis XYZReader", "peer_value": p["mdanalysis_parse_MB_s"], "ratio": o["parse_li_MB_s"] / p["mdanalysis_parse_MB_s"]},
  {"task": "MSD + D end to end (s)", "ours": o["e2e_s"], "peer": "MDAnalysis EinsteinMSD(fft=True)", "peer_value": p["mdanalysis_e2e_s"], "ratio": p["mdanalysis_e2e_s"] / o["e2e_s"], "target": ">= 3", "msd_max_rel_diff": p["mdanalysis_msd_max_rel_diff"]},
  {"task": "MSD + D e2e, every atom parsed (s)", "ours": o["e2e_all_atoms_s"], "peer": "MDAnalysis EinsteinMSD(fft=True)", "peer_value": p["mdanalysis_e2e_s"], "ratio": p["mdanalysis_e2e_s"] / o["e2e_all_atoms_s"]},
  {"task": "MSD + D end to end (s)", "ours": o["e2e_drift_s"], "peer": "kinisi DiffusionAnalyzer (+ASE read)", "peer_value": p["kinisi_e2e_s"], "ratio": p["kinisi_e2e_s"] / o["e2e_drift_s"], "target": ">= 3", "msd_max_rel_diff": p["kinisi_msd_max_rel_diff"], "msd_max_rel_diff_raw": p["kinisi_msd_max_rel_diff_raw"]},
  {"task": "MSD + D end to end (s)", "ours": o["e2e_drift_s"], "peer": "pymatgen DiffusionAnalyzer (+ASE read)", "peer_value": p["pymatgen_e2e_s"], "ratio": p["pymatgen_e2e_s"] / o["e2e_drift_s"], "msd_max_rel_diff": p["pymatgen_msd_max_rel_diff"]},
  {"task": "MSD + D analysis only (s)", "ours": o["analysis_s"], "peer": "pymatgen DiffusionAnalyzer (no read)", "peer_value": p["pymatgen_analysis_s"], "ratio": p["pymatgen_analysis_s"] / o["analysis_s"]},
]
json.dump({"area": "transport", "file_MB": p["file_MB"], "frames": o["frames"], "loadavg_start": load_start, "loadavg_end": load_end,
           "rows": rows, "ours": o, "peers": p}, open(out, "w"), indent=1)
print(f"load average (1/5/15 min) at start {load_start}, at end {load_end}")
for r in rows:
    print(f"{r['task']:34s} {r['peer']:40s} ours={r['ours']:.3g} peer={r['peer_value']:.3g} ratio={r['ratio']:.2f}"
          + (f" msdΔ={r['msd_max_rel_diff']:.1e}" if 'msd_max_rel_diff' in r else "")
          + (f" (raw {r['msd_max_rel_diff_raw']:.1e})" if 'msd_max_rel_diff_raw' in r else "")
          + (f" (ours per CPU second: {r['ours_per_cpu_second']:.3g})" if 'ours_per_cpu_second' in r else ""))
PY
[ "${KEEP:-0}" = 1 ] || rm -f "$FILE"
