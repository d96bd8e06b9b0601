#!/usr/bin/env bash
# Create bench/.venv (peer tools for side-by-side benchmarks) from bench/requirements.txt if missing.
# Idempotent: if every pinned package is already importable/installed, does nothing.
# If the whole requirements file cannot be resolved at once (e.g. a pin needs a newer Python),
# installs line by line and reports the packages that could not be installed; benchmarks then
# skip the peers that are missing (they say so in their output).
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="$HERE/.venv"
REQ="$HERE/requirements.txt"
PY="${PYTHON:-python3}"

exec 9>/tmp/superionic-bench-venv.lock
flock 9

if [ ! -x "$VENV/bin/python" ]; then
  echo "bench/setup.sh: creating $VENV" >&2
  "$PY" -m venv "$VENV" || { echo "bench/setup.sh: could not create venv" >&2; exit 1; }
fi

missing=()
while IFS= read -r line; do
  pkg="${line%%#*}"; pkg="$(echo "$pkg" | xargs)"
  [ -z "$pkg" ] && continue
  name="${pkg%%[=<>!~]*}"
  if ! "$VENV/bin/python" -m pip show -q "$name" >/dev/null 2>&1; then missing+=("$pkg"); fi
done < "$REQ"

if [ ${#missing[@]} -eq 0 ]; then
  echo "bench/setup.sh: bench/.venv is complete" >&2
  exit 0
fi

echo "bench/setup.sh: installing ${missing[*]}" >&2
if ! "$VENV/bin/python" -m pip install -q "${missing[@]}" >&2; then
  echo "bench/setup.sh: resolving all at once failed; installing one by one" >&2
  failed=()
  for pkg in "${missing[@]}"; do
    "$VENV/bin/python" -m pip install -q "$pkg" >&2 || failed+=("$pkg")
  done
  if [ ${#failed[@]} -gt 0 ]; then
    echo "bench/setup.sh: could not install: ${failed[*]} (benchmarks using them will be skipped)" >&2
  fi
fi
exit 0
