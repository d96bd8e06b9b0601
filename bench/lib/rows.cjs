// Shared by the bench areas: turns interleaved timings of ours and a peer into one table row.
// A timing sample set is { cold: [{cpu_ms, wall_ms}, ...] (one per process), warm: {cpu_ms: [...], wall_ms: [...]} }.
// ratio = peer / ours (> 1: ours faster), on CPU time (primary: the machine is shared) and wall clock,
// median and min over all warm repetitions, and cold (each process's first call, median).
const median = (x) => { const s = [...x].sort((a, b) => a - b); const n = s.length; return n ? (n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2) : null; };
const min = (x) => (x.length ? Math.min(...x) : null);
const r3 = (x) => (x === null || !Number.isFinite(x) ? null : +x.toPrecision(3));

/** Merge the JSON outputs of several processes of one tool: cold per process, warm pooled. */
function pool(runs) {
  return {
    cold: runs.map((r) => r.cold),
    warm: { cpu_ms: runs.flatMap((r) => r.warm.cpu_ms), wall_ms: runs.flatMap((r) => r.warm.wall_ms) },
  };
}

/** One row: times in ms (CPU medians), ratios peer/ours. `extra` is merged in (checks, sizes). */
function row(task, peer, ours, theirs, target, extra = {}) {
  const o = pool(ours), p = pool(theirs);
  const ocpu = median(o.warm.cpu_ms), pcpu = median(p.warm.cpu_ms);
  return {
    task, peer, unit: 'ms (CPU, warm median)', ours: r3(ocpu), peer_value: r3(pcpu),
    ratio: r3(pcpu / ocpu),
    ratio_cpu_min: r3(min(p.warm.cpu_ms) / min(o.warm.cpu_ms)),
    ratio_wall: r3(median(p.warm.wall_ms) / median(o.warm.wall_ms)),
    ratio_cold_cpu: r3(median(p.cold.map((c) => c.cpu_ms)) / median(o.cold.map((c) => c.cpu_ms))),
    ours_cold_cpu_ms: r3(median(o.cold.map((c) => c.cpu_ms))), peer_cold_cpu_ms: r3(median(p.cold.map((c) => c.cpu_ms))),
    repetitions: { ours: o.warm.cpu_ms.length, peer: p.warm.cpu_ms.length, processes: ours.length },
    target: target ?? null, ...extra,
  };
}

/** Least-squares slope of log(t) against log(n): the scaling exponent. */
function exponent(n, t) {
  const x = n.map(Math.log), y = t.map(Math.log), k = x.length;
  const mx = x.reduce((a, b) => a + b) / k, my = y.reduce((a, b) => a + b) / k;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < k; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) ** 2; }
  return r3(sxy / sxx);
}

const load = () => require('node:os').loadavg().map((x) => +x.toFixed(2));

module.exports = { median, min, pool, row, exponent, load, r3 };
