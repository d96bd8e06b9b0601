// Our side of the transport benchmark: parse throughput and end-to-end MSD + D (stream → series →
// FFT MSD → fit), on the compiled library in dist/. Writes the MSD curves (Float64, little-endian)
// beside the JSON so peers.py can compare them. usage: node ours.js FILE OUTDIR
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const dist = path.resolve(__dirname, '../../dist');
const { openTrajectory } = require(path.join(dist, 'io/index.js'));
const { collectTransportSeries, diffusionFromSeries } = require(path.join(dist, 'transport/index.js'));

async function main() {
  const [file, outDir] = process.argv.slice(2);
  const bytes = fs.statSync(file).size;
  // 1. Parse: every frame, every atom (positions, species, cell, time).
  // Wall clock, and this process's CPU time (what "one core" delivers when the machine is shared).
  const cpu = (c0) => { const c = process.cpuUsage(c0); return (c.user + c.system) / 1e6; };
  let t0 = performance.now(), c0 = process.cpuUsage(), n = 0;
  for await (const fr of await openTrajectory(file)) { if (fr.positions.length) n++; }
  const parse_s = (performance.now() - t0) / 1000, parse_cpu_s = cpu(c0);
  // 1b. Parse only the Li lines (what the MSD without drift correction needs).
  t0 = performance.now(); c0 = process.cpuUsage();
  for await (const fr of await openTrajectory(file, { atoms: 'Li' })) { if (fr.positions.length) n++; }
  const parse_li_s = (performance.now() - t0) / 1000, parse_li_cpu_s = cpu(c0);
  // 2. End to end (as `superionic msd FILE --species Li`): parse the Li lines only, all-origins FFT
  // MSD, D over 10 %–80 %, block errors, charge MSD.
  t0 = performance.now(); c0 = process.cpuUsage();
  const series = await collectTransportSeries(await openTrajectory(file, { atoms: 'Li' }), 'Li');
  const r = diffusionFromSeries(series, {});
  const e2e_s = (performance.now() - t0) / 1000, e2e_cpu_s = cpu(c0);
  // 2b. The same analysis parsing every atom (as MDAnalysis does), for a like-for-like read.
  t0 = performance.now();
  diffusionFromSeries(await collectTransportSeries(await openTrajectory(file), 'Li'), {});
  const e2e_all_atoms_s = (performance.now() - t0) / 1000;
  // 3. Same with equal-weight framework drift correction (the kinisi / pymatgen convention): every
  // atom is parsed (the framework centre of mass needs them).
  t0 = performance.now();
  const seriesEq = await collectTransportSeries(await openTrajectory(file), 'Li', { frameworkWeights: 'equal' });
  const rd = diffusionFromSeries(seriesEq, { drift: true });
  const e2e_drift_s = (performance.now() - t0) / 1000;
  // MSD only (already-read series): the analysis cost without parsing.
  t0 = performance.now();
  diffusionFromSeries(series, {});
  const analysis_s = (performance.now() - t0) / 1000;
  fs.writeFileSync(path.join(outDir, 'ours_msd.f64'), Buffer.from(r.msd.msd_A2.buffer));
  fs.writeFileSync(path.join(outDir, 'ours_msd_drift.f64'), Buffer.from(rd.msd.msd_A2.buffer));
  const out = {
    frames: r.nFrames, bytes, parse_s, parse_MB_s: bytes / 1e6 / parse_s, parse_li_s, parse_li_MB_s: bytes / 1e6 / parse_li_s,
    parse_cpu_MB_s: bytes / 1e6 / parse_cpu_s, parse_li_cpu_MB_s: bytes / 1e6 / parse_li_cpu_s, e2e_s, e2e_cpu_s, e2e_all_atoms_s, e2e_drift_s, analysis_s,
    D_cm2_s: r.D_cm2_s, D_stderr_cm2_s: r.D_stderr_cm2_s, D_drift_cm2_s: rd.D_cm2_s,
    fit_window_fs: r.fit_window_fs, dt_fs: r.dt_fs, n_ions: r.nIons,
  };
  fs.writeFileSync(path.join(outDir, 'ours.json'), JSON.stringify(out, null, 1));
  process.stdout.write(JSON.stringify(out) + '\n');
}
main().catch((e) => { console.error(e); process.exit(1); });
