// ML potentials on this machine (not a unit test: minutes). Needs .venv-ml (npm run setup:ml) and dist/ (npx tsc -p tsconfig.build.json).
//   lattice   — each builder of the papers' materials relaxed (atoms + cell, FIRE, fmax 0.02 eV/Å) with CHGNet:
//               relaxed a, b, c vs experiment (%), volume change.
//   speed     — steps/s and atom-steps/s of NVE MD with CHGNet and SevenNet-0 at 120–432 atoms (after SPEED_WARMUP = 3
//               warm-up steps, SPEED_STEPS timed; torch threads = SUPERIONIC_ML_THREADS or 2; the 1-min load average is
//               recorded with each row: on a shared machine the numbers are contention, not the model).
//   routes    — the three routes on γ-Li3PS4 2×2×2 (128 atoms) and 3×3×2 (288): engine + CHGNet, LAMMPS + CHGNet (fix
//               external, runLammpsML) and engine + SevenNet-0; NVE at 1 fs, ROUTE_STEPS timed steps (default 5) after 2
//               warm-up steps (LAMMPS: its loop time, after the setup evaluation); wall and CPU seconds per step (CPU of
//               node + the model's Python process; for LAMMPS its loop time × "% CPU use") and atom-steps per second.
//   drift     — NVE energy drift with CHGNet at DRIFT_DT = 1,2 fs over DRIFT_FS = 500 fs on cubic Na3PS4 2×2×2 (128 atoms)
//               or, with DRIFT_SYSTEM=li3ycl6, on Li3YCl6 (30 atoms, velocities drawn at 600 K), meV/atom/ps.
// Usage: nice -n 10 node bench/simulate/ml-potentials.mjs [lattice,speed,routes,drift] [OUT.json]
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
const require = createRequire(import.meta.url);
const sim = require('../../dist/simulate/index.js');

const parts = (process.argv[2] ?? 'lattice,speed,drift').split(',');
const out = process.argv[3];
const threads = Number(process.env.SUPERIONIC_ML_THREADS ?? 2);
const results = { threads };
const log = (...a) => console.error(...a);

const chgnet = sim.openMLPotential('chgnet', { threads });
results.chgnet = chgnet.description;
try {
  if (parts.includes('lattice')) {
    results.lattice = [];
    for (const name of Object.keys(sim.PAPER_MATERIALS)) {
      const d = sim.materialDescription(name);
      const sys = sim.buildMaterial(name);
      const t0 = Date.now();
      const r = sim.relaxCell(sys, chgnet, { fmax_eV_A: 0.02, maxSteps: 600 });
      const sc = d.defaultSupercell ?? [1, 1, 1];
      const [a, b, c] = r.lattice.slice(0, 3).map((v, k) => v / sc[k]); // per conventional cell
      const row = {
        material: name,
        spaceGroup: d.spaceGroup,
        atoms: sys.topology.species.length,
        supercell: sc,
        experiment: d.lattice.slice(0, 3),
        relaxed: [a, b, c, ...r.lattice.slice(3)].map((v) => +v.toFixed(4)),
        error_pct: [a, b, c].map((v, k) => +((100 * (v - d.lattice[k])) / d.lattice[k]).toFixed(2)),
        volume_change_pct: +((100 * (r.volume_A3 - sys.cell.volume)) / sys.cell.volume).toFixed(2),
        converged: r.converged,
        steps: r.steps,
        wall_s: (Date.now() - t0) / 1000,
      };
      // Largest displacement of an atom from its built site (after removing the homogeneous strain).
      const inv = r.system.cell.inverse,
        m0 = sys.cell.matrix;
      let maxd = 0;
      for (let i = 0; i < row.atoms; i++) {
        const x = r.system.positions.subarray(3 * i, 3 * i + 3);
        const f = [0, 1, 2].map((k) => x[0] * inv[k] + x[1] * inv[3 + k] + x[2] * inv[6 + k]);
        const x0 = sys.positions.subarray(3 * i, 3 * i + 3);
        const f0 = [0, 1, 2].map((k) => x0[0] * sys.cell.inverse[k] + x0[1] * sys.cell.inverse[3 + k] + x0[2] * sys.cell.inverse[6 + k]);
        const df = f.map((v, k) => v - f0[k] - Math.round(v - f0[k]));
        const dx = [0, 1, 2].map((k) => df[0] * m0[k] + df[1] * m0[3 + k] + df[2] * m0[6 + k]);
        maxd = Math.max(maxd, Math.hypot(...dx));
      }
      row.max_site_displacement_A = +maxd.toFixed(3);
      log('lattice', row);
      results.lattice.push(row);
    }
  }
  if (parts.includes('speed')) {
    results.speed = [];
    const sevenn = sim.openMLPotential('sevenn-0', { threads });
    results.sevenn = sevenn.description;
    try {
      for (const [name, sc] of [
        ['li3ycl6', [2, 2, 1]],
        ['na3ps4-cubic', [2, 2, 2]],
        ['li3ycl6', [2, 2, 2]],
        ['na3ps4-cubic', [3, 3, 3]],
      ]) {
        const sys = sim.buildMaterial(name, { supercell: sc });
        const n = sys.topology.species.length;
        for (const [label, pot] of [
          ['chgnet', chgnet],
          ['sevenn-0', sevenn],
        ]) {
          const steps = Number(process.env.SPEED_STEPS ?? (n > 300 ? 6 : 10)),
            warm = Number(process.env.SPEED_WARMUP ?? 3);
          const md = new sim.MDIntegrator({
            system: sys,
            forceField: pot,
            dt_fs: 1,
            steps: steps + warm,
            temperature_K: 300,
            seed: 1,
            thermostat: 'none',
          });
          for (let s = 0; s < warm; s++) md.advance();
          const t0 = process.hrtime.bigint();
          for (let s = 0; s < steps; s++) md.advance();
          const sec = Number(process.hrtime.bigint() - t0) / 1e9;
          const row = {
            model: label,
            material: name,
            atoms: n,
            steps,
            load_average_1min: +require('node:os').loadavg()[0].toFixed(1),
            steps_per_s: +(steps / sec).toFixed(3),
            atom_steps_per_s: +((n * steps) / sec).toFixed(1),
            ms_per_atom_step: +((1000 * sec) / (n * steps)).toFixed(3),
            ten_ps_at_1fs_h: +(10000 / (steps / sec) / 3600).toFixed(1),
          };
          log('speed', row);
          results.speed.push(row);
        }
      }
    } finally {
      sevenn.close();
    }
  }
  if (parts.includes('routes')) {
    results.routes = [];
    const os = require('node:os');
    /** CPU seconds of this process's children that run `match` (the model workers), from /proc. */
    const childCpu = (match) => {
      let s = 0;
      for (const d of readdirSync('/proc')) {
        if (!/^\d+$/.test(d)) continue;
        try {
          const st = readFileSync(`/proc/${d}/stat`, 'utf8');
          const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
          if (Number(f[1]) !== process.pid || !readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(match)) continue;
          s += (Number(f[11]) + Number(f[12])) / 100; // utime + stime in clock ticks (USER_HZ = 100 on Linux)
        } catch {
          /* the process ended */
        }
      }
      return s;
    };
    const sevenn = sim.openMLPotential('sevenn-0', { threads });
    results.sevenn = sevenn.description;
    const steps = Number(process.env.ROUTE_STEPS ?? 5),
      warm = 2;
    try {
      for (const sc of [
        [2, 2, 2],
        [3, 3, 2],
      ]) {
        const sys = sim.buildMaterial('li3ps4-gamma', { supercell: sc });
        const n = sys.topology.species.length;
        const row = (route, wall, cpu) => {
          const r = {
            route,
            material: `li3ps4-gamma ${sc.join('x')}`,
            atoms: n,
            steps,
            threads,
            load_average_1min: +os.loadavg()[0].toFixed(1),
            wall_s_per_step: +wall.toFixed(3),
            cpu_s_per_step: +cpu.toFixed(3),
            atom_steps_per_wall_s: +(n / wall).toFixed(1),
            atom_steps_per_cpu_s: +(n / cpu).toFixed(1),
            ms_wall_per_atom_step: +((1000 * wall) / n).toFixed(2),
          };
          log('routes', r);
          results.routes.push(r);
        };
        for (const [label, pot] of [
          ['engine + chgnet', chgnet],
          ['engine + sevenn-0', sevenn],
        ]) {
          const md = new sim.MDIntegrator({
            system: sys,
            forceField: pot,
            dt_fs: 1,
            steps: steps + warm,
            temperature_K: 300,
            seed: 1,
            thermostat: 'none',
          });
          for (let s = 0; s < warm; s++) md.advance();
          const c0 = process.cpuUsage(),
            p0 = childCpu('ml_worker.py'),
            t0 = process.hrtime.bigint();
          for (let s = 0; s < steps; s++) md.advance();
          const wall = Number(process.hrtime.bigint() - t0) / 1e9;
          const cu = process.cpuUsage(c0);
          const cpu = (cu.user + cu.system) / 1e6 + childCpu('ml_worker.py') - p0;
          row(label, wall / steps, cpu / steps);
        }
        const l = await sim.runLammpsML(
          sys,
          'chgnet',
          { kind: 'md', steps, dt_fs: 1, temperature_K: 300, seed: 1, thermostat: 'none', every: steps },
          { threads },
        );
        row('lammps + chgnet', l.loopTime_s / steps, l.loopCpu_s / steps);
      }
    } finally {
      sevenn.close();
    }
  }
  if (parts.includes('drift')) {
    results.drift = [];
    // DRIFT_SYSTEM=li3ycl6 (30 atoms, 600 K) or the default cubic Na3PS4 2×2×2 (128 atoms, 300 K); DRIFT_DT=1,2.
    const li = process.env.DRIFT_SYSTEM === 'li3ycl6';
    const sys = li ? sim.buildMaterial('li3ycl6') : sim.buildMaterial('na3ps4-cubic', { supercell: 2 });
    const T0 = li ? 600 : 300;
    const relaxed = sim.relaxFIRE(sys, chgnet, { fmax_eV_A: 0.05, maxSteps: 500 });
    for (const dt of (process.env.DRIFT_DT ?? '1,2').split(',').map(Number)) {
      const steps = Math.round(Number(process.env.DRIFT_FS ?? 500) / dt);
      const t0 = Date.now();
      const run = await sim.runMolecularDynamics({
        system: { ...sys, positions: relaxed.positions },
        forceField: chgnet,
        dt_fs: dt,
        steps,
        temperature_K: T0,
        seed: 7,
        thermostat: 'none',
        every: 10,
        thermoEvery: 1,
        keepTrajectory: false,
      });
      const ec = sim.energyConservation(run.thermo, sys.topology.species.length, dt);
      const row = {
        system: li ? 'li3ycl6' : 'na3ps4-cubic 2x2x2',
        dt_fs: dt,
        steps,
        atoms: sys.topology.species.length,
        T_K: T0,
        mean_T_K: run.thermo.T_K.reduce((a, b) => a + b, 0) / run.thermo.T_K.length,
        drift_meV_atom_ps: ec.drift_meV_atom_ps,
        fluctuation_ratio: ec.fluctuation_ratio,
        wall_s: (Date.now() - t0) / 1000,
      };
      log('drift', row);
      results.drift.push(row);
    }
  }
} finally {
  chgnet.close();
}
const text = JSON.stringify(results, null, 2);
if (out) writeFileSync(out, text + '\n');
console.log(text);
