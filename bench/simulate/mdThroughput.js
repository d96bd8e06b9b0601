// Atom-steps per second of the built-in engine vs LAMMPS serial on the same α-AgI system, same model
// (pair tables + coul/dsf, identical to the built-in DSF), same thermostat (NHC), same skin (1 Å), same run.
// Usage: node bench/simulate/mdThroughput.js OUT.json [supercell=7] [steps=400]
const path = require('node:path');
const fs = require('node:fs');
const sim = require(path.resolve(__dirname, '../../dist/simulate/index.js'));

async function main() {
  const out = process.argv[2];
  const sc = Number(process.argv[3] ?? 7), steps = Number(process.argv[4] ?? 400);
  const sys = sim.buildAlphaAgI({ supercell: sc, seed: 1 });
  const n = sys.positions.length / 3;
  const ff = sim.agiForceField();
  const task = { dt_fs: 5, temperature_K: 600, thermostat: 'nose-hoover', tau_fs: 100, every: steps, thermoEvery: 50 };
  // Warm-up (JIT) on a short run, then the timed run.
  await sim.runMolecularDynamics({ system: sys, forceField: ff, steps: 20, seed: 1, ...task, every: 20 });
  const t0 = process.hrtime.bigint();
  const ours = await sim.runMolecularDynamics({ system: sys, forceField: ff, steps, seed: 1, ...task });
  const oursS = Number(process.hrtime.bigint() - t0) / 1e9;
  const lmp = await sim.runLammps(sys, ff, { kind: 'md', steps, seed: 1, ...task });
  const lmpS = lmp.loopTime_s;
  const rows = [{
    task: `MD α-AgI ${n} atoms (DSF, rc 12 Å), ${steps} steps`, peer: 'LAMMPS serial (lmp 29Sep2021, table+coul/dsf)',
    ours: n * steps / oursS, peer_value: n * steps / lmpS, ratio: lmpS / oursS, target: 0.5, unit: 'atom-steps/s',
  }];
  const res = { area: 'simulate', rows, steps: ours.stepsDone, ours_s: oursS, lammps_loop_s: lmpS, lammps_wall_s: lmp.wallTime_s };
  fs.writeFileSync(out, JSON.stringify(res, null, 2));
  console.log(JSON.stringify(res, null, 2));
}
main().catch((e) => { console.error(e); process.exit(1); });
