// Physics sanity of the α-AgI rigid-ion model with the built-in engine (not a unit test: ~minutes).
// 5×5×5 cubic cells (250 atoms), NVT Nosé–Hoover (τ = 100 fs), dt = 10 fs, 5 ps equilibration + 40 ps production
// at 500, 600 and 800 K. Reports D_Ag and D_I (all-origins MSD, fit 1–10 ps, 5-block standard errors), the
// fraction of Ag nearest to a tetrahedral (12d) rather than an octahedral (6b) interstice and the fraction within
// 0.5 Å of a tetrahedral site (vs 0.0? for a uniform distribution), and the Arrhenius E_a of D_Ag.
// Usage: node bench/simulate/agi-physics.mjs [OUT.json]   (build first: npx tsc -p tsconfig.build.json)
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
const require = createRequire(import.meta.url);
const sim = require('../../dist/simulate/index.js');
const { meanSquaredDisplacement } = require('../../dist/transport/meanSquaredDisplacement.js');
const { arrheniusFit } = require('../../dist/transport/arrhenius.js');
const { linearFit } = require('../../dist/core/stats.js');

const SC = 5,
  A = 5.07,
  DT = 10,
  EVERY = 10,
  EQ = 500,
  PROD = 4000;
const temps = (process.env.TEMPS ?? '500,600,800').split(',').map(Number);

function diffusion(traj, species, nb = 5, t0 = 1000, t1 = 10000) {
  const sub = traj.selectAtoms(traj.indicesOf(species)),
    n = sub.nAtoms,
    dt = traj.frameInterval_fs();
  const L = Math.floor(sub.nFrames / nb),
    Ds = [];
  for (let b = 0; b < nb; b++) {
    const msd = meanSquaredDisplacement(sub.positions.subarray(b * L * 3 * n, (b + 1) * L * 3 * n), n, L, dt);
    const xs = [],
      ys = [];
    for (let m = 0; m < L; m++)
      if (msd.t_fs[m] >= t0 && msd.t_fs[m] <= Math.min(t1, 0.8 * L * dt)) {
        xs.push(msd.t_fs[m]);
        ys.push(msd.msd_A2[m]);
      }
    Ds.push((linearFit(xs, ys).slope / 6) * 0.1); // Å²/fs → cm²/s
  }
  const mean = Ds.reduce((a, b) => a + b, 0) / nb;
  const sd = Math.sqrt(Ds.reduce((a, b) => a + (b - mean) ** 2, 0) / (nb - 1));
  return { D_cm2_s: mean, D_stderr_cm2_s: sd / Math.sqrt(nb) };
}

function siteStats(traj) {
  const tet = sim.bccTetrahedralSites();
  const oct = [
    [0.5, 0.5, 0],
    [0.5, 0, 0.5],
    [0, 0.5, 0.5],
    [0.5, 0, 0],
    [0, 0.5, 0],
    [0, 0, 0.5],
  ];
  const ag = traj.indicesOf('Ag');
  let nTet = 0,
    nNear = 0,
    tot = 0;
  const dist = (f, sites) => {
    let best = Infinity;
    for (const s of sites) {
      let d2 = 0;
      for (let k = 0; k < 3; k++) {
        let d = f[k] - s[k];
        d -= Math.round(d);
        d2 += (d * A) ** 2;
      }
      best = Math.min(best, d2);
    }
    return Math.sqrt(best);
  };
  for (let fr = 0; fr < traj.nFrames; fr += 5) {
    const x = traj.framePositions(fr);
    for (const i of ag) {
      const f = [0, 1, 2].map((k) => {
        const u = x[3 * i + k] / A;
        return u - Math.floor(u);
      });
      const dt = dist(f, tet),
        dO = dist(f, oct);
      if (dt < dO) nTet++;
      if (dt < 0.5) nNear++;
      tot++;
    }
  }
  return { fractionNearestTetrahedral: nTet / tot, fractionWithin0p5A_ofTet: nNear / tot };
}

// Fraction of a uniform distribution within 0.5 Å of a tet site (12 spheres of r = 0.5 Å per cubic cell).
const uniformNear = (12 * (4 / 3) * Math.PI * 0.5 ** 3) / A ** 3;

const results = [];
for (const T of temps) {
  const sys = sim.buildAlphaAgI({ supercell: SC, a_A: A, seed: 1 });
  const t0 = Date.now();
  const r = await sim.runMolecularDynamics({
    system: sys,
    forceField: sim.agiForceField(),
    dt_fs: DT,
    steps: EQ + PROD,
    temperature_K: T,
    seed: 100 + T,
    thermostat: 'nose-hoover',
    tau_fs: 100,
    every: EVERY,
  });
  const traj = r.trajectory.sliceFrames(EQ / EVERY);
  const Tmean = r.thermo.T_K.slice(EQ / EVERY).reduce((a, b) => a + b, 0) / (r.thermo.T_K.length - EQ / EVERY);
  const row = {
    T_K: T,
    mean_T_K: Tmean,
    Ag: diffusion(traj, 'Ag'),
    I: diffusion(traj, 'I'),
    sites: siteStats(traj),
    wall_s: (Date.now() - t0) / 1000,
  };
  console.error(JSON.stringify(row));
  results.push(row);
}
const fit = arrheniusFit(
  results.map((r) => r.T_K),
  results.map((r) => r.Ag.D_cm2_s),
  'D_cm2_s',
  { relErr: results.map((r) => r.Ag.D_stderr_cm2_s / r.Ag.D_cm2_s) },
);
const out = {
  model: 'AgI rigid-ion (Vashishta–Rahman), DSF α=0.1/Å rc=12 Å',
  atoms: 250,
  dt_fs: DT,
  production_ps: (PROD * DT) / 1000,
  uniformFractionWithin0p5A: uniformNear,
  results,
  arrhenius: { Ea_eV: fit.Ea_eV, Ea_stderr_eV: fit.Ea_stderr_eV, D0_cm2_s: fit.prefactor },
};
console.log(JSON.stringify(out, null, 2));
if (process.argv[2]) writeFileSync(process.argv[2], JSON.stringify(out, null, 2));
