// Atom-steps per second of the built-in engine vs LAMMPS on the same α-AgI system, same model (AgI
// short range + DSF Coulomb, rc 12 Å), same thermostat (NHC), same skin (1 Å), same run. LAMMPS is set up
// three ways: as the driver's default (`hybrid/overlay table + coul/dsf`, atom sorting off: two passes over
// the 12 Å list), as a user tuning it would (one combined table per type pair, atom sorting on), and the
// latter under `mpirun -np 2`. Ours and the LAMMPS variants alternate, BENCH_RUNS (default 3) times.
// CPU time is primary (ours: process CPU of the run, setup included; LAMMPS: its loop time × its "% CPU
// use" × MPI tasks); wall clock beside it. The combined table's forces and trajectory are checked equal to
// ours in test/simulate/lammps.test.ts.
// Usage: node bench/simulate/mdThroughput.js OUT.json [supercell=7] [steps=400]
const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');
const sim = require(path.resolve(__dirname, '../../dist/simulate/index.js'));
const { row, load } = require(path.resolve(__dirname, '../lib/rows.cjs'));

async function main() {
  const out = process.argv[2];
  const sc = Number(process.argv[3] ?? 7), steps = Number(process.argv[4] ?? 400), runs = Number(process.env.BENCH_RUNS ?? 3);
  const sys = sim.buildAlphaAgI({ supercell: sc, seed: 1 });
  const n = sys.positions.length / 3;
  const ff = sim.agiForceField();
  const task = { dt_fs: 5, temperature_K: 600, thermostat: 'nose-hoover', tau_fs: 100, every: steps, thermoEvery: 50 };
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3; };
  const variants = {
    overlay: { label: 'LAMMPS serial, hybrid/overlay table + coul/dsf, no sort', opts: {} },
    combined: { label: 'LAMMPS serial, one combined table, atom sort', opts: { pairTable: 'combined', atomSort: true } },
    np2: { label: 'LAMMPS mpirun -np 2, combined table, sort', opts: { pairTable: 'combined', atomSort: true, launcher: ['mpirun', '-np', '2', '--oversubscribe'] } },
  };
  const t = { ours: [], oursTable: [], overlay: [], combined: [], np2: [] };
  let oursFirst = null;
  for (let r = 0; r < runs; r++) {
    process.stderr.write(`  simulate: run ${r + 1}/${runs} (load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')})\n`);
    const c0 = cpu(), w0 = performance.now();
    await sim.runMolecularDynamics({ system: sys, forceField: ff, steps, seed: 1, ...task });
    const s = { cpu_ms: cpu() - c0, wall_ms: performance.now() - w0 };
    if (r === 0) oursFirst = s; // the first run in this process: JIT compiling (cold)
    t.ours.push(s);
    // Ours with the opt-in pair table (src/simulate/tabulatedPairForces.ts: cubic, 2,000 nodes; forces only between
    // thermo steps), the same fold LAMMPS's combined table does.
    const c1 = cpu(), w1 = performance.now();
    await sim.runMolecularDynamics({ system: sys, forceField: ff, steps, seed: 1, pairTable: true, ...task });
    t.oursTable.push({ cpu_ms: cpu() - c1, wall_ms: performance.now() - w1 });
    for (const [k, v] of Object.entries(variants)) {
      try {
        const l = await sim.runLammps(sys, ff, { kind: 'md', steps, seed: 1, ...task }, v.opts);
        t[k].push({ cpu_ms: 1e3 * (l.loopCpu_s ?? l.loopTime_s), wall_ms: 1e3 * l.loopTime_s });
      } catch (e) { process.stderr.write(`  simulate: ${k} failed: ${e.message}\n`); }
    }
  }
  // rows.cjs pools {cold, warm} per process; here one process: cold = our first run (LAMMPS has no JIT: its first run), warm = runs 2…
  const asRuns = (xs) => [{ cold: xs[0], warm: { cpu_ms: xs.slice(runs > 1 ? 1 : 0).map((x) => x.cpu_ms), wall_ms: xs.slice(runs > 1 ? 1 : 0).map((x) => x.wall_ms) } }];
  const rows = [];
  for (const [k, v] of Object.entries(variants)) {
    if (t[k].length !== runs) continue;
    const r = row(`MD α-AgI ${n} atoms, ${steps} steps (time)`, v.label, asRuns(t.ours), asRuns(t[k]), 1);
    r.unit = 'ms (CPU, median of runs 2…); atom-steps/s per CPU-second in ours_/peer_atom_steps_per_cpu_s';
    r.ours_atom_steps_per_cpu_s = +(n * steps / (r.ours / 1e3)).toPrecision(3);
    r.peer_atom_steps_per_cpu_s = +(n * steps / (r.peer_value / 1e3)).toPrecision(3);
    rows.push(r);
  }
  for (const k of ['combined', 'np2']) {
    if (t[k].length !== runs) continue;
    const r = row(`MD α-AgI ${n} atoms, ${steps} steps, ours with pairTable (1 core)`, variants[k].label, asRuns(t.oursTable), asRuns(t[k]), 1);
    r.ours_atom_steps_per_cpu_s = +(n * steps / (r.ours / 1e3)).toPrecision(3);
    r.peer_atom_steps_per_cpu_s = +(n * steps / (r.peer_value / 1e3)).toPrecision(3);
    rows.push(r);
  }
  const res = { area: 'simulate', date: new Date().toISOString(), load_at_end: load(), atoms: n, steps, rows, raw: t };
  fs.writeFileSync(out, JSON.stringify(res, null, 2));
  console.log(JSON.stringify(rows.map((r) => [r.peer, r.ours_atom_steps_per_cpu_s, r.peer_atom_steps_per_cpu_s, r.ratio, r.ratio_wall])));
}
main().catch((e) => { console.error(e); process.exit(1); });
