#!/usr/bin/env bash
# Run every benchmark side by side with its peer tools: bench/setup.sh (peer venv), then each
# bench/*/run.sh (each writes bench/out/<area>.json), then one table of ratios.
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
  echo "== bench/$area" >&2
  start=$(date +%s)
  if ! bash "$script"; then echo "bench/$area FAILED" >&2; status=1; fi
  echo "== bench/$area took $(( $(date +%s) - start )) s" >&2
done
"$HERE/.venv/bin/python" - "$HERE/out" <<'PY'
import json, os, sys, glob
out = sys.argv[1]
print(f"\n{'area':10s} {'task':32s} {'peer':42s} {'ours':>10s} {'peer':>10s} {'ratio':>7s}  target")
for f in sorted(glob.glob(os.path.join(out, "*.json"))):
    try:
        d = json.load(open(f))
    except Exception as e:
        print(f"{os.path.basename(f)}: unreadable ({e})"); continue
    if not isinstance(d, dict) or "rows" not in d:
        continue
    area = d.get("area", os.path.basename(f)[:-5])
    for r in d["rows"]:
        fmt = lambda x: f"{x:.3g}" if isinstance(x, (int, float)) else str(x if x is not None else "")
        print(f"{area:10s} {str(r.get('task',''))[:32]:32s} {str(r.get('peer',''))[:42]:42s} {fmt(r.get('ours')):>10s} {fmt(r.get('peer_value')):>10s} {fmt(r.get('ratio')):>7s}  {r.get('target','')}")
PY
exit $status
