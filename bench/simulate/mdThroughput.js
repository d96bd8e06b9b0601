// Atom-steps per second of the built-in engine vs LAMMPS on the same α-AgI system, same model (AgI
// short range + DSF Coulomb, rc 12 Å), same thermostat (NHC), same skin (1 Å), same run. LAMMPS is set up
// three ways: as the driver's default (`hybrid/overlay table + coul/dsf`, atom sorting off: two passes over
// the 12 Å list), as a user tuning it would (one combined table per type pair, atom sorting on), and the
// latter under `mpirun -np 2`. Ours (pair table, the default; 1 thread and 2 threads) and the LAMMPS variants
// alternate, BENCH_RUNS (default 3) times. CPU time is primary (ours: process CPU of all threads, the step loop
// alone as LAMMPS's "Loop time", and setup + loop; LAMMPS: its loop time × its "% CPU use" × MPI tasks); wall clock
// beside it. The combined table's forces and trajectory are checked equal to ours in test/simulate/lammps.test.ts;
// the final temperatures of every variant are in T_end_K.
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
  const load_at_start = load();
  const variants = {
    overlay: { label: 'LAMMPS serial, hybrid/overlay table + coul/dsf, no sort', opts: {} },
    combined: { label: 'LAMMPS serial, one combined table, atom sort', opts: { pairTable: 'combined', atomSort: true } },
    np2: { label: 'LAMMPS mpirun -np 2, combined table, sort', opts: { pairTable: 'combined', atomSort: true, launcher: ['mpirun', '-np', '2', '--oversubscribe'] } },
  };
  // Ours: the engine's integrator (what runMolecularDynamics drives, energies on thermo steps only) timed in two parts:
  // setup (force field, pair table, first list and forces, velocities) and the step loop, which is what LAMMPS's
  // "Loop time" covers. "e2e" = setup + loop. process.cpuUsage counts every thread of the process (workers included).
  const oursRun = (threads) => {
    const c0 = cpu(), w0 = performance.now();
    const md = new sim.MDIntegrator({ system: sys, forceField: ff, steps, seed: 1, threads, ...task });
    md.perAtomEnergiesEvery = task.every;
    md.energyEvery = task.thermoEvery;
    const c1 = cpu(), w1 = performance.now();
    try {
      while (md.step < steps) {
        if (md.step + 1 === steps) md.energyRequested = true;
        md.advance();
      }
    } finally {
      md.close();
    }
    const c2 = cpu(), w2 = performance.now();
    return { loop: { cpu_ms: c2 - c1, wall_ms: w2 - w1 }, e2e: { cpu_ms: c2 - c0, wall_ms: w2 - w0 }, T_K: md.temperature_K };
  };
  const t = { ours: [], oursE2e: [], ours2: [], ours2E2e: [], overlay: [], combined: [], np2: [] };
  const T_end = {};
  for (let r = 0; r < runs; r++) {
    process.stderr.write(`  simulate: run ${r + 1}/${runs} (load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')})\n`);
    const o1 = oursRun(1);
    t.ours.push(o1.loop);
    t.oursE2e.push(o1.e2e);
    T_end.ours = o1.T_K;
    const o2 = oursRun(2);
    t.ours2.push(o2.loop);
    t.ours2E2e.push(o2.e2e);
    T_end.ours2 = o2.T_K;
    for (const [k, v] of Object.entries(variants)) {
      try {
        const l = await sim.runLammps(sys, ff, { kind: 'md', steps, seed: 1, ...task }, v.opts);
        t[k].push({ cpu_ms: 1e3 * (l.loopCpu_s ?? l.loopTime_s), wall_ms: 1e3 * l.loopTime_s });
        T_end[k] = l.thermo.rows.at(-1)[l.thermo.columns.indexOf('Temp')];
      } catch (e) { process.stderr.write(`  simulate: ${k} failed: ${e.message}\n`); }
    }
  }
  // rows.cjs pools {cold, warm} per process; here one process: cold = the first run (JIT compiling; LAMMPS has no JIT: its first run), warm = runs 2…
  const asRuns = (xs) => [{ cold: xs[0], warm: { cpu_ms: xs.slice(runs > 1 ? 1 : 0).map((x) => x.cpu_ms), wall_ms: xs.slice(runs > 1 ? 1 : 0).map((x) => x.wall_ms) } }];
  const rows = [];
  const add = (label, oursKey, peerKey) => {
    if (t[peerKey].length !== runs) return;
    const r = row(`MD α-AgI ${n} atoms, ${steps} steps, ours ${label}`, variants[peerKey].label, asRuns(t[oursKey]), asRuns(t[peerKey]), 1);
    r.unit = 'ms (CPU of all threads, median of runs 2…); atom-steps per CPU-second in ours_/peer_atom_steps_per_cpu_s, per wall-second in *_per_wall_s';
    r.ours_atom_steps_per_cpu_s = +(n * steps / (r.ours / 1e3)).toPrecision(3);
    r.peer_atom_steps_per_cpu_s = +(n * steps / (r.peer_value / 1e3)).toPrecision(3);
    const med = (xs) => xs.slice(1).map((x) => x.wall_ms).sort((a, b) => a - b)[(xs.length - 1) >> 1];
    r.ours_atom_steps_per_wall_s = +(n * steps / (med(t[oursKey]) / 1e3)).toPrecision(3);
    r.peer_atom_steps_per_wall_s = +(n * steps / (med(t[peerKey]) / 1e3)).toPrecision(3);
    rows.push(r);
  };
  add('1 thread, step loop (as LAMMPS Loop time)', 'ours', 'combined');
  add('1 thread, setup + loop', 'oursE2e', 'combined');
  add('1 thread, step loop', 'ours', 'overlay');
  add('2 threads, step loop', 'ours2', 'np2');
  add('2 threads, setup + loop', 'ours2E2e', 'np2');
  add('2 threads, step loop', 'ours2', 'combined');
  const res = { area: 'simulate', date: new Date().toISOString(), load_at_start, load_at_end: load(), atoms: n, steps, T_end_K: T_end, rows, raw: t };
  fs.writeFileSync(out, JSON.stringify(res, null, 2));
  console.log(JSON.stringify(rows.map((r) => [r.task.replace(/^.*ours /, ''), r.peer, r.ours_atom_steps_per_cpu_s, r.peer_atom_steps_per_cpu_s, r.ratio, r.ratio_cpu_min, r.ratio_wall]), null, 1));
}
main().catch((e) => { console.error(e); process.exit(1); });
