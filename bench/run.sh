#!/usr/bin/env bash
# Run every benchmark side by side with its peer tools: bench/setup.sh (peer venv), then each
# bench/*/run.sh (each writes bench/out/<area>.json), then one table of every area (bench/table.py;
# an area without rows is named, never silently left out).
# Contract for bench/out/<area>.json: {"area": "...", "rows": [{"task", "peer", "ours", "peer_value", "ratio", "target"?}]}
# with ratio > 1 meaning ours is better (faster, or higher throughput).
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$HERE/setup.sh" || { echo "bench: setup failed" >&2; exit 1; }
mkdir -p "$HERE/out"
status=0
for script in "$HERE"/*/run.sh; do
  [ -f "$script" ] || continue
  area="$(basename "$(dirname "$script")")"
  if [ -n "${BENCH_AREAS:-}" ] && [[ " $BENCH_AREAS " != *" $area "* ]]; then continue; fi   # e.g. BENCH_AREAS="structure simulate"
  echo "== bench/$area" >&2
  start=$(date +%s)
  if ! bash "$script"; then echo "bench/$area FAILED" >&2; status=1; fi
  echo "== bench/$area took $(( $(date +%s) - start )) s" >&2
done
"$HERE/.venv/bin/python" "$HERE/table.py" "$HERE/out"
exit $status
