// Li3YCl6 (P-3m1, Wang 2023) with CHGNet: short but honest. Not a unit test (tens of minutes on a shared machine).
// Needs .venv-ml (npm run setup:ml) and dist/ (npx tsc -p tsconfig.build.json). Torch threads = SUPERIONIC_ML_THREADS
// or 1 (on a loaded 2-core machine 2 threads were 20× slower than 1: OpenMP threads spin against other jobs).
//
//   prep OUTDIR          — build the ordered 1×1×2 cell (60 atoms), relax atoms + cell (fmax 0.05 eV/Å) → OUTDIR/relaxed.vasp
//   md OUTDIR T [STEPS]  — Nosé–Hoover NVT at T K, dt 2 fs, τ 100 fs, from the relaxed cell (seed 1), frames every 20 fs
//                          → OUTDIR/lyc_TK.extxyz; Li and Cl D* with error and the run's resolution from `superionic msd`
//                          (first 0.5 ps dropped as equilibration); 8 snapshots of the production part FIRE-relaxed at
//                          fixed cell (fmax 0.05 eV/Å) → per-Li site energies and Cl coordination (Oct = 6 Cl within 3.0 Å,
//                          Tet = 4) → OUTDIR/md_TK.json
//   neb OUTDIR           — Oct–Tet–Oct hop in the ordered cell: the Li on 6h (1/3, 0, ½) of the lower cell moves in plane to
//                          the empty octahedral site (2/3, 0, ½); ends FIRE-relaxed (0.02 eV/Å), CI-NEB 5 images, fmax 0.05
//                          → OUTDIR/neb.json, OUTDIR/neb.extxyz
//   doas OUTDIR T1 T2    — DOAS of the relaxed Li states of both temperatures on one reference (lowest state), per class
//                          (Oct/Tet/other) → OUTDIR/doas.json
// Usage: nice -n 10 node bench/simulate/li3ycl6-chgnet.mjs prep|md|neb|doas OUTDIR [...]
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { anionShell, octahedralHop, readCell, symbolsOf } from './li3ycl6Common.mjs';
const require = createRequire(import.meta.url);
const sim = require('../../dist/simulate/index.js');
const io = require('../../dist/io/index.js');
const doas = require('../../dist/doas/index.js');
const root = new URL('../..', import.meta.url).pathname;

const [phase, outdir, ...rest] = process.argv.slice(2);
if (!phase || !outdir) {
  console.error('usage: li3ycl6-chgnet.mjs prep|md|neb|doas OUTDIR [...]');
  process.exit(2);
}
mkdirSync(outdir, { recursive: true });
const threads = Number(process.env.SUPERIONIC_ML_THREADS ?? 1);
const log = (...a) => console.error(new Date().toISOString().slice(11, 19), ...a);
const DT = 2,
  EVERY = 10;

const readRelaxed = () => readCell(join(outdir, 'relaxed.vasp'));

/** Number of Cl within rc of each Li (minimum image). */
const clCoordination = (sys, rc = 3.0) => {
  const sym = symbolsOf(sys);
  return sym.flatMap((e, i) => (e === 'Li' ? [anionShell(sys, i, { Cl: rc }, sys.positions, sym).length] : []));
};
const classOf = (c) => (c === 6 ? 'Oct' : c === 4 ? 'Tet' : `other(${c} Cl)`);

/**
 * FIRE-relax nSnap evenly spaced frames of the production part (frames from `first`) and list every Li's
 * relaxed site energy and Cl coordination (`converged` added per state when `withConverged`).
 */
function relaxedSnapshotStates(t, first, nSnap, fire, withConverged) {
  const nProd = t.nFrames - first,
    states = [];
  for (let k = 0; k < nSnap; k++) {
    const f = first + Math.round(((k + 0.5) * nProd) / nSnap);
    const s = { topology: t.topology, cell: t.cell(f), positions: t.framePositions(f).slice() };
    const r = sim.relaxFIRE(s, pot, fire(k));
    const relaxed = { ...s, positions: r.positions };
    const coord = clCoordination(relaxed);
    const sym = symbolsOf(s);
    let q = 0;
    for (let i = 0; i < sym.length; i++)
      if (sym[i] === 'Li')
        states.push(
          withConverged
            ? { frame: f, energy_eV: r.energies[i], cl: coord[q++], converged: r.converged }
            : { frame: f, energy_eV: r.energies[i], cl: coord[q++] },
        );
    log(`snapshot ${k + 1}/${nSnap} frame ${f}: ${r.steps} FIRE steps, converged ${r.converged}, max|F| ${r.maxForce_eV_A.toFixed(3)}`);
  }
  return states;
}

/** The Li and Cl transport of a run from the CLI's `msd --json` results. */
const transportOf = (li, cl) => ({
  Li: {
    D_cm2_s: li.D_cm2_s,
    D_stderr_cm2_s: li.D_stderr_cm2_s,
    D_block_stderr_cm2_s: li.D_block_stderr_cm2_s,
    fit_window_fs: li.fit_window_fs,
    measurable: li.measurable,
    measurable_reason: li.measurable_reason ?? null,
    resolved: li.run_resolves_D,
    D_min_cm2_s: li.run_resolution_D_cm2_s,
    resolution_reason: li.run_resolution_reason ?? null,
    msd_final_A2: li.msd_A2?.[li.msd_A2.length - 1] ?? null,
  },
  Cl: {
    D_cm2_s: cl.D_cm2_s,
    D_stderr_cm2_s: cl.D_stderr_cm2_s,
    resolved: cl.run_resolves_D,
    msd_final_A2: cl.msd_A2?.[cl.msd_A2.length - 1] ?? null,
  },
});

function cli(args) {
  const r = execFileSync(process.execPath, [join(root, 'bin', 'superionic.js'), ...args, '--json'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 26,
  });
  return JSON.parse(r);
}

const pot = sim.openMLPotential('chgnet', { threads });
log('model', pot.description, 'threads', threads);
try {
  if (phase === 'prep') {
    const sys = sim.buildMaterial('li3ycl6', { supercell: [1, 1, 2] });
    const t0 = Date.now();
    const r = sim.relaxCell(sys, pot, {
      fmax_eV_A: 0.05,
      maxSteps: 400,
      onStep: (s, f) => {
        if (s % 10 === 0) log('cell relax', s, f.toFixed(3));
      },
    });
    io.writePoscar(
      join(outdir, 'relaxed.vasp'),
      r.system.topology,
      r.system.cell,
      r.system.positions,
      'Li3YCl6 1x1x2 relaxed with ' + pot.description,
    );
    const res = {
      potential: pot.description,
      atoms: 60,
      converged: r.converged,
      steps: r.steps,
      lattice: r.lattice,
      experiment: [11.21, 11.21, 12.08],
      wall_s: (Date.now() - t0) / 1000,
    };
    res.deviation_pct = r.lattice.slice(0, 3).map((v, k) => (100 * (v - res.experiment[k])) / res.experiment[k]);
    writeFileSync(join(outdir, 'prep.json'), JSON.stringify(res, null, 1));
    log(res);
  } else if (phase === 'md') {
    const T = Number(rest[0]),
      steps = Number(rest[1] ?? 1500),
      equil = 250;
    const sys = await readRelaxed();
    const file = join(outdir, `lyc_${T}K.extxyz`);
    const t0 = Date.now();
    const run = await sim.runMolecularDynamics({
      system: sys,
      forceField: pot,
      dt_fs: DT,
      steps,
      temperature_K: T,
      seed: 1,
      thermostat: 'nose-hoover',
      tau_fs: 100,
      every: EVERY,
      keepTrajectory: true,
      extxyzPath: file,
      progressInterval_ms: 60_000,
      onProgress: (p) => log(`md ${T} K step ${p.step}/${p.steps} T=${p.T_K.toFixed(0)} K ${p.atomStepsPerSecond.toFixed(1)} atom-steps/s`),
    });
    const mdWall = (Date.now() - t0) / 1000;
    const ec = sim.energyConservation(run.thermo, 60, DT);
    const meanT = run.thermo.T_K.slice(Math.floor((run.thermo.T_K.length * equil) / steps)).reduce((a, b, _, x) => a + b / x.length, 0);
    // Transport from the production part (frames after the equilibration), by the CLI's msd (errors, resolution).
    const t = run.trajectory;
    const first = Math.round(equil / EVERY);
    const prod = join(outdir, `lyc_${T}K_production.extxyz`);
    await io.writeExtxyz(prod, t.sliceFrames(first));
    const li = cli(['msd', prod, '--species', 'Li', '--temperature', String(T)]);
    const cl = cli(['msd', prod, '--species', 'Cl', '--temperature', String(T)]);
    // Relaxed snapshots for the DOAS.
    const nSnap = 8;
    const t1 = Date.now();
    const states = relaxedSnapshotStates(t, first, nSnap, () => ({ fmax_eV_A: 0.05, maxSteps: 400 }), false);
    const res = {
      potential: pot.description,
      T_K: T,
      atoms: 60,
      dt_fs: DT,
      steps: run.stepsDone,
      equilibration_steps: equil,
      production_ps: ((steps - equil) * DT) / 1000,
      mean_T_K: meanT,
      md_wall_s: mdWall,
      relax_wall_s: (Date.now() - t1) / 1000,
      conserved_drift_meV_atom_ps: ec.drift_meV_atom_ps,
      time_step_ok: ec.acceptable,
      ...transportOf(li, cl),
      snapshots: nSnap,
      states,
    };
    writeFileSync(join(outdir, `md_${T}K.json`), JSON.stringify(res, null, 1));
    log({
      T,
      Li_D: res.Li.D_cm2_s,
      Li_err: res.Li.D_stderr_cm2_s,
      resolved: res.Li.resolved,
      D_min: res.Li.D_min_cm2_s,
      Cl_D: res.Cl.D_cm2_s,
      classes: states.reduce((m, s) => ({ ...m, [classOf(s.cl)]: (m[classOf(s.cl)] ?? 0) + 1 }), {}),
    });
  } else if (phase === 'analyze') {
    // The frames an md run wrote so far (the run may have been stopped): same analysis as 'md' without the thermo log.
    const T = Number(rest[0]),
      equilFrames = 25,
      nSnap = Number(rest[1] ?? 4),
      fmaxSnap = Number(process.env.SNAP_FMAX ?? 0.05);
    const t = await io.readTrajectory(join(outdir, `lyc_${T}K.extxyz`));
    const prod = join(outdir, `lyc_${T}K_production.extxyz`);
    await io.writeExtxyz(prod, t.sliceFrames(equilFrames));
    const li = cli(['msd', prod, '--species', 'Li', '--temperature', String(T)]);
    const cl = cli(['msd', prod, '--species', 'Cl', '--temperature', String(T)]);
    const nProd = t.nFrames - equilFrames;
    let Tsum = 0;
    for (let f = equilFrames; f < t.nFrames; f++) {
      const v = t.velocities ? t.velocities.subarray(f * 180, (f + 1) * 180) : null;
      if (v) {
        let ke = 0;
        for (let i = 0; i < 60; i++) ke += 0.5 * t.topology.masses[i] * (v[3 * i] ** 2 + v[3 * i + 1] ** 2 + v[3 * i + 2] ** 2);
        Tsum += (2 * ke * 103.6427) / (3 * 60 * 8.617333e-5 * nProd);
      }
    }
    const t1 = Date.now();
    const states = relaxedSnapshotStates(
      t,
      equilFrames,
      nSnap,
      (k) => ({
        fmax_eV_A: fmaxSnap,
        maxSteps: 300,
        onStep: (q, fm) => {
          if (q % 20 === 0) log('snapshot', k, q, fm.toFixed(3));
        },
      }),
      true,
    );
    const res = {
      potential: pot.description,
      T_K: T,
      atoms: 60,
      dt_fs: DT,
      frames: t.nFrames,
      frame_interval_fs: DT * EVERY,
      equilibration_ps: (equilFrames * DT * EVERY) / 1000,
      production_ps: ((nProd - 1) * DT * EVERY) / 1000,
      mean_T_K_production: t.velocities ? Tsum : null,
      snapshot_fmax_eV_A: fmaxSnap,
      relax_wall_s: (Date.now() - t1) / 1000,
      ...transportOf(li, cl),
      snapshots: nSnap,
      states,
    };
    writeFileSync(join(outdir, `md_${T}K.json`), JSON.stringify(res, null, 1));
    log({
      T,
      frames: t.nFrames,
      Li_D: res.Li.D_cm2_s,
      Li_err: res.Li.D_stderr_cm2_s,
      resolved: res.Li.resolved,
      D_min: res.Li.D_min_cm2_s,
      Cl_D: res.Cl.D_cm2_s,
      classes: states.reduce((m, s) => ({ ...m, [classOf(s.cl)]: (m[classOf(s.cl)] ?? 0) + 1 }), {}),
    });
  } else if (phase === 'neb') {
    const sys = await readRelaxed();
    const sym = symbolsOf(sys);
    const { mover, final: fin } = octahedralHop(sys);
    const t0 = Date.now();
    const endFmax = Number(process.env.NEB_END_FMAX ?? 0.02),
      nebFmax = Number(process.env.NEB_FMAX ?? 0.05),
      nImages = Number(process.env.NEB_IMAGES ?? 5),
      nebSteps = Number(process.env.NEB_STEPS ?? 250);
    const onEnd = (label) => (s, f) => {
      if (s % 10 === 0) log('relax', label, s, f.toFixed(3));
    };
    const ri = sim.relaxFIRE(sys, pot, { fmax_eV_A: endFmax, maxSteps: 1000, onStep: onEnd('initial') });
    const rf = sim.relaxFIRE({ ...sys, positions: fin }, pot, { fmax_eV_A: endFmax, maxSteps: 1000, onStep: onEnd('final') });
    log('ends relaxed', ri.converged, ri.steps, rf.converged, rf.steps, 'E_final − E_initial', (rf.energy_eV - ri.energy_eV).toFixed(3));
    const r = sim.nudgedElasticBand({ ...sys, positions: ri.positions }, { ...sys, positions: rf.positions }, pot, {
      images: nImages,
      fmax_eV_A: nebFmax,
      maxSteps: nebSteps,
      springConstant_eV_A2: 0.1,
      onStep: (s, f, E) => {
        if (s % 5 === 0) log('neb', s, f.toFixed(3), (Math.max(...E) - E[0]).toFixed(3));
      },
    });
    await io.writeExtxyz(join(outdir, 'neb.extxyz'), r.images);
    // Cl coordination of the mover along the band (Oct = 6, Tet = 4).
    const coordAlong = [];
    for (let k = 0; k < r.images.nFrames; k++) coordAlong.push(anionShell(sys, mover, { Cl: 3.0 }, r.images.framePositions(k), sym).length);
    const res = {
      potential: pot.description,
      hop: 'Li 6h (1/3,0,1/2) → empty octahedral (2/3,0,1/2), in plane, ordered 1×1×2 cell (60 atoms)',
      mover,
      ends_converged: [ri.converged, rf.converged],
      reaction_energy_eV: rf.energy_eV - ri.energy_eV,
      converged: r.converged,
      steps: r.steps,
      max_force_eV_A: r.maxForce_eV_A,
      barrier_eV: r.barrier_eV,
      reverse_barrier_eV: r.reverseBarrier_eV,
      saddle_image: r.saddleImage,
      energies_eV: Array.from(r.energies_eV),
      path_length_A: Array.from(r.pathLength_A),
      mover_cl_coordination: coordAlong,
      images: nImages,
      fmax_eV_A: nebFmax,
      end_fmax_eV_A: endFmax,
      published_eV: 0.46,
      wall_s: (Date.now() - t0) / 1000,
    };
    writeFileSync(join(outdir, 'neb.json'), JSON.stringify(res, null, 1));
    log(res);
  } else if (phase === 'neb-tet') {
    // The straight in-plane path between the two octahedra keeps the mirror symmetry of the layer (forces normal to it
    // vanish), so the band crosses the shared Cl–Cl edge instead of visiting a tetrahedral site. Oct–Tet–Oct instead:
    // the Li is put at the centre of a tetrahedron sharing faces with both octahedra (4 Cl: the shared edge + one more
    // vertex of each octahedron), relaxed there (a metastable Tet state if it stays 4-coordinated), and the two halves
    // Oct→Tet and Tet→Oct are CI-NEB bands; barrier = the highest image of both relative to the initial Oct state.
    const neb = JSON.parse(readFileSync(join(outdir, 'neb.json'), 'utf8'));
    const sys = await readRelaxed(),
      sym = symbolsOf(sys),
      mover = neb.mover;
    const ends = await io.readTrajectory(join(outdir, 'neb.extxyz'));
    const xi = ends.framePositions(0).slice(),
      xf = ends.framePositions(ends.nFrames - 1).slice();
    const mid = [0, 1, 2].map((k) => (xi[3 * mover + k] + xf[3 * mover + k]) / 2);
    const d = new Float64Array(3);
    const vec = (a, b) => {
      sys.cell.minimumImage(b[0] - a[0], b[1] - a[1], b[2] - a[2], d, 0);
      return [d[0], d[1], d[2]];
    };
    const cl = [];
    for (let j = 0; j < sym.length; j++) if (sym[j] === 'Cl') cl.push(j);
    const P = (x, j) => [x[3 * j], x[3 * j + 1], x[3 * j + 2]];
    // Cl within 3.2 Å of the Li in each octahedron.
    const shell = (x) => cl.filter((j) => Math.hypot(...vec(P(x, mover), P(x, j))) < 3.2);
    const oi = shell(xi),
      of = shell(xf),
      edge = oi.filter((j) => of.includes(j));
    if (edge.length !== 2) throw new Error(`expected a shared edge of 2 Cl, got ${edge.length}`);
    const tets = [];
    for (const a of oi)
      for (const b of of) {
        if (edge.includes(a) || edge.includes(b)) continue;
        const q = [edge[0], edge[1], a, b].map((j) => vec(mid, P(xi, j)));
        const span = Math.max(...q.flatMap((u, m) => q.map((v) => Math.hypot(u[0] - v[0], u[1] - v[1], u[2] - v[2]))));
        if (span > 4.4) continue; // not a tetrahedron of neighbouring Cl
        const c = [0, 1, 2].map((k) => mid[k] + (q[0][k] + q[1][k] + q[2][k] + q[3][k]) / 4);
        tets.push({ c, vertices: [edge[0], edge[1], a, b], span });
      }
    if (!tets.length) throw new Error('no tetrahedron shares faces with both octahedra');
    tets.sort((u, v) => u.span - v.span);
    const tet = tets[0];
    const xt = xi.slice();
    for (let k = 0; k < 3; k++) xt[3 * mover + k] = tet.c[k];
    const t0 = Date.now();
    const nebFmax = Number(process.env.NEB_FMAX ?? 0.05),
      nImages = Number(process.env.NEB_IMAGES ?? 3),
      nebSteps = Number(process.env.NEB_STEPS ?? 150);
    const rt = sim.relaxFIRE({ ...sys, positions: xt }, pot, {
      fmax_eV_A: 0.05,
      maxSteps: 600,
      onStep: (q, f) => {
        if (q % 10 === 0) log('relax tet', q, f.toFixed(3));
      },
    });
    const cn = shell(rt.positions).length;
    const [e0] = pot.evaluateBatch([{ ...sys, positions: xi }]);
    log('tet relaxed', rt.converged, rt.steps, 'Cl within 3.2 Å:', cn, 'E_tet − E_oct', (rt.energy_eV - e0.energy_eV).toFixed(3));
    const halves = [];
    for (const [a, b] of [
      [xi, rt.positions],
      [rt.positions, xf],
    ]) {
      const r = sim.nudgedElasticBand({ ...sys, positions: a }, { ...sys, positions: b }, pot, {
        images: nImages,
        fmax_eV_A: nebFmax,
        maxSteps: nebSteps,
        springConstant_eV_A2: 0.1,
        onStep: (q, f, E) => {
          if (q % 5 === 0) log('neb half', halves.length + 1, q, f.toFixed(3), (Math.max(...E) - E[0]).toFixed(3));
        },
      });
      halves.push(r);
    }
    const Eoct = e0.energy_eV;
    const abs = halves.map((r, h) => Array.from(r.energies_eV, (e) => e + (h === 0 ? 0 : halves[0].energies_eV[halves[0].energies_eV.length - 1])));
    const profile = [...abs[0], ...abs[1].slice(1)];
    const res = {
      potential: pot.description,
      hop: neb.hop + ' via the tetrahedral site sharing faces with both octahedra',
      mover,
      tet_centre_A: tet.c,
      tet_relaxed_converged: rt.converged,
      tet_cl_within_3p2_A: cn,
      E_tet_minus_oct_eV: rt.energy_eV - Eoct,
      halves: halves.map((r) => ({
        converged: r.converged,
        steps: r.steps,
        max_force_eV_A: r.maxForce_eV_A,
        barrier_eV: r.barrier_eV,
        reverse_barrier_eV: r.reverseBarrier_eV,
        energies_eV: Array.from(r.energies_eV),
      })),
      profile_eV: profile,
      barrier_eV: Math.max(...profile),
      images_per_half: nImages,
      fmax_eV_A: nebFmax,
      published_eV: 0.46,
      wall_s: (Date.now() - t0) / 1000,
    };
    const imgs = [...halves[0].images.frames(), ...[...halves[1].images.frames()].slice(1)];
    await io.writeExtxyz(join(outdir, 'neb_tet.extxyz'), imgs, sys.topology);
    writeFileSync(join(outdir, 'neb_tet.json'), JSON.stringify(res, null, 1));
    log(res);
  } else if (phase === 'doas') {
    const runs = rest.map((T) => JSON.parse(readFileSync(join(outdir, `md_${T}K.json`), 'utf8')));
    const input = runs.map((r) => ({
      temperature_K: r.T_K,
      energies_eV: r.states.map((s) => s.energy_eV),
      classes: r.states.map((s) => classOf(s.cl)),
      source: `md_${r.T_K}K`,
    }));
    const d = doas.densityOfAtomisticStates(input, { binWidth_eV: 0.02 });
    const res = {
      reference_eV: d.reference_eV,
      series: d.series.map((s) => ({
        T_K: s.temperature_K,
        states: s.count,
        mean_eV: s.mean_eV,
        width_eV: s.width_eV,
        classes: Object.fromEntries(
          Object.entries(s.classes).map(([k, c]) => [
            k,
            { count: c.count, fraction: c.fraction, peak_eV: c.peak_eV, mean_eV: c.mean_eV, width_eV: c.width_eV, few_states: c.few_states },
          ]),
        ),
      })),
    };
    writeFileSync(join(outdir, 'doas.json'), JSON.stringify(res, null, 1));
    console.log(JSON.stringify(res, null, 1));
  } else throw new Error(`unknown phase ${phase}`);
} finally {
  pot.close();
}
