#!/usr/bin/env bash
# GEMDAT benchmark (called by bench/sites/run.sh; rows merged into bench/out/sites.json): sites + transitions + jumps +
# collective jumps + activation energies on the same Li6PS5Cl trajectory and sites (GEMDAT's argyrodite 48h ×2×2×2,
# its radius; test/fixtures/gemdat/reference.json). Ours (bench/sites/gemdat_ours.mjs, GEMDAT's conventions) and GEMDAT
# (bench/sites/gemdat_peer.py) alternate in fresh processes (BENCH_RUNS, default 2; GEMDAT's collective-jump loop
# alone takes ~1 min per call), each timing its first (cold) call and BENCH_REPS (default 1) warm calls, CPU and wall,
# of the analysis on frames in memory, plus end to end (read + analysis, cold) and the process's peak RSS.
# Results are compared before the timings count (jump counts, collective pairs, edges).
# Usage: bench/sites/gemdat.sh [FILE]   (writes bench/out/sites-gemdat.json)
set -euo pipefail
cd "$(dirname "$0")/../.."
FILE="${1:-data/Li6PS5Cl_50pct_500K_XDATCAR.gz}"
RUNS="${BENCH_RUNS:-2}"; REPS="${BENCH_REPS:-1}"
PY=bench/.venv/bin/python
[ -x "$PY" ] || bash bench/setup.sh
npx tsc -p tsconfig.build.json >/dev/null || true
TMP=bench/out/sites-gemdat-runs
rm -rf "$TMP"; mkdir -p "$TMP"
for r in $(seq 1 "$RUNS"); do
  echo "  sites/gemdat: run $r (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  node bench/sites/gemdat_ours.mjs "$FILE" "$REPS" > "$TMP/ours.$r.json"
  "$PY" bench/sites/gemdat_peer.py "$FILE" "$REPS" > "$TMP/gemdat.$r.json"
done
node - "$TMP" "$RUNS" "$FILE" <<'JS'
const fs = require('node:fs'), path = require('node:path');
const { row, load, median, r3 } = require(path.resolve('bench/lib/rows.cjs'));
const [tmp, runs, file] = [process.argv[2], +process.argv[3], process.argv[4]];
const read = (tool) => Array.from({ length: runs }, (_, k) => JSON.parse(fs.readFileSync(path.join(tmp, `${tool}.${k + 1}.json`), 'utf8')));
const ours = read('ours'), peer = read('gemdat');
const o = ours[0].result, p = peer[0].result;
const same = { n_jumps: [o.n_jumps, p.n_jumps], collective_pairs: [o.n_coll_pairs, p.n_coll_pairs], edges: [o.n_edges, p.n_edges] };
if (o.n_jumps !== p.n_jumps || o.n_edges !== p.n_edges) throw new Error(`results differ: ${JSON.stringify(same)}`);
const e2e = (runsOf) => ({ cold: runsOf.map((r) => r.end_to_end.cold), warm: { cpu_ms: [], wall_ms: [] } });
const rss = (runsOf) => median(runsOf.map((r) => r.peak_rss_MB));
const memRatio = r3(rss(peer) / rss(ours));
const analysis = row('sites + transitions + jumps + collective + E_a (frames in memory)', peer[0].tool, ours, peer, null,
  { checks: same, note: 'GEMDAT collective pairs: its loop stops early (break); ours counts every pair meeting its rule' });
const endToEnd = {
  task: 'the same, end to end (read XDATCAR + analysis, cold)', peer: `${peer[0].tool} (pymatgen Xdatcar read)`, unit: 'ms (CPU, cold median)',
  ours: r3(median(ours.map((r) => r.end_to_end.cold.cpu_ms))), peer_value: r3(median(peer.map((r) => r.end_to_end.cold.cpu_ms))),
};
endToEnd.ratio = r3(endToEnd.peer_value / endToEnd.ours);
endToEnd.ratio_wall = r3(median(peer.map((r) => r.end_to_end.cold.wall_ms)) / median(ours.map((r) => r.end_to_end.cold.wall_ms)));
endToEnd.peak_rss_MB = { ours: r3(rss(ours)), peer: r3(rss(peer)) };
endToEnd.ratio_memory = memRatio;
endToEnd.processes = runs;
const out = { area: 'sites-gemdat', file, date: new Date().toISOString(), load_at_end: load(), rows: [analysis, endToEnd],
  gemdat_read_cpu_ms: r3(median(peer.map((r) => r.end_to_end.read.cpu_ms))) };
fs.writeFileSync('bench/out/sites-gemdat.json', JSON.stringify(out, null, 1) + '\n');
console.log(JSON.stringify(out.rows.map((r) => [r.task, r.ours, r.peer_value, r.ratio, r.ratio_wall, r.ratio_memory ?? null])));
JS
