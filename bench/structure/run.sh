#!/usr/bin/env bash
# Structure benchmark: superionic's streaming partial RDF vs freud (single-threaded) and MDAnalysis
# InterRDF on the same trajectory, pair, r_max and bins (analysis time only, file reading excluded),
# with the max |Δg| between the three, and the streamed RDF's heap growth vs number of frames.
# Writes bench/out/structure.json.   Usage: bench/structure/run.sh [FILE] [A] [B] [RMAX] [BINS]
set -euo pipefail
cd "$(dirname "$0")/../.."
FILE="${1:-data/Li6PS5Cl_50pct_500K_XDATCAR.gz}"
A="${2:-Li}"; B="${3:-S}"; RMAX="${4:-9.5}"; BINS="${5:-200}"
npx tsc -p tsconfig.build.json >/dev/null || true
mkdir -p bench/out
EXPORT="$(mktemp /tmp/superionic-rdf-XXXXXX.bin)"
trap 'rm -f "$EXPORT"' EXIT
OURS=$(node --expose-gc bench/structure/ours.js "$FILE" "$A" "$B" "$RMAX" "$BINS" "$EXPORT")
PY=bench/.venv/bin/python
[ -x "$PY" ] || bash bench/setup.sh
PEERS=$("$PY" bench/structure/peers.py "$EXPORT" "$RMAX" "$BINS")
node -e '
const [ours, peers] = [JSON.parse(process.argv[1]), JSON.parse(process.argv[2])];
const maxDiff = (p) => p && p.g ? Math.max(...p.g.map((x, k) => Math.abs(x - ours.g[k]))) : null;
const ratio = (p) => (p && p.ms ? +(ours.rdf_ms / p.ms).toFixed(3) : null);
const strip = (p) => { if (!p) return p; const { r_A, g, ...rest } = p; return rest; };
const out = {
  file: process.argv[3], pair: `${process.argv[4]}-${process.argv[5]}`, rmax_A: +process.argv[6], bins: +process.argv[7],
  frames: ours.frames, n_a: ours.n_a, n_b: ours.n_b,
  ours: { rdf_ms: ours.rdf_ms, rdf_ms_all: ours.rdf_ms_all, first_peak_A: ours.first_peak_A, first_min_A: ours.first_min_A, stream_from_file_ms: ours.stream_from_file_ms },
  freud: strip(peers.freud), mdanalysis: strip(peers.mdanalysis),
  time_ratio_ours_over_freud_1thread: ratio(peers.freud),
  speedup_vs_mdanalysis: peers.mdanalysis && peers.mdanalysis.ms ? +(peers.mdanalysis.ms / ours.rdf_ms).toFixed(2) : null,
  max_abs_g_difference: { freud: maxDiff(peers.freud), mdanalysis: maxDiff(peers.mdanalysis) },
  streaming_memory: ours.streaming_memory,
  targets: "time_ratio_ours_over_freud_1thread ≤ 1.5; speedup_vs_mdanalysis ≥ 3; peak heap growth flat in frames",
};
require("fs").writeFileSync("bench/out/structure.json", JSON.stringify(out, null, 1) + "\n");
console.log(JSON.stringify({ ratio_vs_freud: out.time_ratio_ours_over_freud_1thread, speedup_vs_mda: out.speedup_vs_mdanalysis, max_abs_g_difference: out.max_abs_g_difference, streaming_memory: out.streaming_memory }));
' "$OURS" "$PEERS" "$FILE" "$A" "$B" "$RMAX" "$BINS"
