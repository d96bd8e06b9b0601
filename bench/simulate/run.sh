#!/usr/bin/env bash
# Simulate benchmark: atom-steps/s of the built-in MD engine vs LAMMPS serial (/usr/bin/lmp) on the same
# α-AgI system (7×7×7 cells = 1372 atoms; model, thermostat, skin and run identical). Writes bench/out/simulate.json.
# ratio = LAMMPS time / our time (> 1: ours faster), CPU and wall; LAMMPS as the driver default, with one combined table + sorting, and mpirun -np 2.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
mkdir -p "$ROOT/bench/out"
(cd "$ROOT" && npx tsc -p tsconfig.build.json >/dev/null) || echo "bench/simulate: tsc reported errors (others' files?); using dist/ as built" >&2
node "$HERE/mdThroughput.js" "$ROOT/bench/out/simulate.json" "${SUPERCELL:-7}" "${STEPS:-400}"
