// Wang 2023 on the real material through the ML-potential route: Li3YCl6 (P-3m1) and Li3YBr1.5Cl4.5 (seeded 25 % Br)
// with CHGNet. The runs behind notebooks/papers/wang-2023-li3ycl6.ipynb, which loads the JSON this script writes
// (production: the committed notebooks/papers/wang-2023-li3ycl6-runs/; SUPERIONIC_PROFILE=short: a tiny run the
// notebook makes itself in a temporary folder, a few MD and FIRE steps). Needs dist/ (npm run build) and the ML
// environment (.venv-ml or SUPERIONIC_ML_PYTHON). Torch threads: SUPERIONIC_ML_THREADS or 1.
//
//   prep SYSTEM OUTDIR         — build SYSTEM (li3ycl6 | li3ybr1.5cl4.5) as the 1×1×2 cell (60 atoms), relax atoms + cell
//                                (FIRE, fmax 0.05 eV/Å) → SYSTEM_relaxed.vasp, SYSTEM_prep.json (lattice vs experiment)
//   md SYSTEM OUTDIR T         — Nosé–Hoover NVT at T K from the relaxed cell (seed 1), dt 2 fs, τ 100 fs, a frame every
//                                20 fs → SYSTEM_TK.extxyz (streamed: a stopped run keeps its frames), SYSTEM_TK_md.json
//   analyze SYSTEM OUTDIR T    — from SYSTEM_TK.extxyz: the first 0.5 ps dropped; Li and anion tracer D* with error,
//                                `measurable` and the run's resolution D_min (analyseDiffusion); N_SNAP snapshots spread
//                                over the production part FIRE-relaxed at fixed cell (fmax 0.05 eV/Å) → per-Li CHGNet site
//                                energy, anion coordination (X within 3.0 Å for Cl, 3.2 Å for Br: 6 = Oct, 4 = Tet), the
//                                number of Br among them and the site key (the sorted indices of those anions: a hop is a
//                                change of key) → SYSTEM_TK.json
//   neb OUTDIR                 — Oct–Tet–Oct hop in the ordered Li3YCl6 cell: the Li on 6h (1/3, 0, ½) moves to the empty
//                                octahedral site (2/3, 0, ½) through the tetrahedron that shares faces with both octahedra;
//                                ends and the Tet state FIRE-relaxed, the halves Oct→Tet and Tet→Oct as CI-NEB bands
//                                → neb.json (profile, barrier), neb.extxyz (the images of the whole path)
// Usage: nice -n 10 node bench/simulate/wang-2023-li3ycl6.mjs prep|md|analyze|neb ...
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { anionShell, octahedralHop, readCell, symbolsOf } from './li3ycl6Common.mjs';
const require = createRequire(import.meta.url);
const sim = require('../../dist/simulate/index.js');
const io = require('../../dist/io/index.js');
const transport = require('../../dist/transport/index.js');

const SHORT = process.env.SUPERIONIC_PROFILE === 'short';
/** Run lengths: production (committed) and short (npm test: a few steps of everything). */
const P = SHORT
  ? { prepSteps: 3, mdSteps: 24, equilFrames: 3, every: 2, nSnap: 3, snapMaxSteps: 5, endSteps: 5, tetSteps: 5, nebImages: 1, nebSteps: 3 }
  : {
      prepSteps: 400,
      mdSteps: Number(process.env.MD_STEPS ?? 1500),
      equilFrames: 25,
      every: 10,
      nSnap: Number(process.env.N_SNAP ?? 8),
      snapMaxSteps: 400,
      endSteps: 1000,
      tetSteps: 600,
      nebImages: 3,
      nebSteps: 150,
    };
const DT = 2,
  SUPERCELL = [1, 1, 2];
const CUTOFF_A = { Cl: 3.0, Br: 3.2 };
const EXPERIMENT = { li3ycl6: { lattice: [11.21, 11.21, 12.08], source: 'Bohnsack 1997 (P-3m1, a = 11.21, c = 6.04 Å; doubled along c)' } };

const [phase0, ...args] = process.argv.slice(2);
const usage = 'usage: wang-2023-li3ycl6.mjs prep SYSTEM OUTDIR | md SYSTEM OUTDIR T | analyze SYSTEM OUTDIR T | neb OUTDIR | all OUTDIR';
const log = (...a) => console.error(new Date().toISOString().slice(11, 19), ...a);
const fail = (msg) => {
  console.error(msg);
  process.exit(2);
};
if (!phase0) fail(usage);
const [system0, outdir, Tstr] = phase0 === 'neb' || phase0 === 'all' ? ['li3ycl6', args[0]] : args;
if (!outdir || !['li3ycl6', 'li3ybr1.5cl4.5'].includes(system0)) fail(usage);
if ((phase0 === 'md' || phase0 === 'analyze') && !(Number(Tstr) > 0)) fail(`${phase0}: temperature must be a positive number of K, got ${Tstr}`);
mkdirSync(outdir, { recursive: true });
/** `all`: every phase in one process (one CHGNet worker): the notebook's short profile. */
const T_LYC = [300, 600, 900],
  T_LYBC = [900];
const plan =
  phase0 === 'all'
    ? [
        ['prep', 'li3ycl6'],
        ['prep', 'li3ybr1.5cl4.5'],
        ...T_LYC.map((T) => ['md', 'li3ycl6', T]),
        ...T_LYBC.map((T) => ['md', 'li3ybr1.5cl4.5', T]),
        ...T_LYC.map((T) => ['analyze', 'li3ycl6', T]),
        ...T_LYBC.map((T) => ['analyze', 'li3ybr1.5cl4.5', T]),
        ['neb', 'li3ycl6'],
      ]
    : [[phase0, system0, Number(Tstr)]];
const threads = Number(process.env.SUPERIONIC_ML_THREADS ?? 1);

async function readRelaxed(name) {
  const f = join(outdir, `${name}_relaxed.vasp`);
  if (!existsSync(f)) fail(`${f} missing: run the prep phase first`);
  return readCell(f);
}

/** Per Li: the anions (Cl, Br) within their cutoff, as sorted indices, and how many are Br. */
function liSites(sys) {
  const sym = symbolsOf(sys);
  return sym.flatMap((e, i) => {
    if (e !== 'Li') return [];
    const shell = anionShell(sys, i, CUTOFF_A, sys.positions, sym);
    return [{ atom: i, cn: shell.length, nBr: shell.filter((j) => sym[j] === 'Br').length, key: shell.join('-') }];
  });
}

function diffusionSummary(d) {
  return {
    D_cm2_s: d.D_cm2_s,
    D_uncertainty_cm2_s: d.D_uncertainty_cm2_s,
    measurable: d.measurable,
    measurable_reason: d.measurable_reason ?? null,
    resolved: d.run_resolution.resolved,
    D_min_cm2_s: d.run_resolution.D_min_cm2_s,
    fit_window_fs: d.fit_window_fs,
    linearity: d.linearity?.regime ?? null,
    msd_t_fs: Array.from(d.msd.t_fs),
    msd_A2: Array.from(d.msd.msd_A2),
  };
}

const pot = sim.openMLPotential('chgnet', { threads });
log('model', pot.description, 'threads', threads, 'profile', SHORT ? 'short' : 'production');
async function runPhase(phase, system, T) {
  if (phase === 'prep') {
    const sys = sim.buildMaterial(system, { supercell: SUPERCELL, seed: 1 });
    const t0 = Date.now();
    const r = sim.relaxCell(sys, pot, {
      fmax_eV_A: 0.05,
      maxSteps: P.prepSteps,
      onStep: (s, f) => {
        if (s % 10 === 0) log('cell relax', s, f.toFixed(3));
      },
    });
    io.writePoscar(
      join(outdir, `${system}_relaxed.vasp`),
      r.system.topology,
      r.system.cell,
      r.system.positions,
      `${system} 1x1x2 relaxed with ${pot.description}`,
    );
    const exp = EXPERIMENT[system] ?? null;
    const res = {
      system,
      potential: pot.description,
      atoms: sys.topology.species.length,
      composition: Object.fromEntries(sys.topology.symbols.map((s, k) => [s, sys.topology.species.filter((x) => x === k).length])),
      converged: r.converged,
      steps: r.steps,
      lattice: r.lattice,
      volume_A3: r.volume_A3,
      experiment: exp,
      wall_s: (Date.now() - t0) / 1000,
      deviation_pct: exp ? exp.lattice.map((v, k) => (100 * (r.lattice[k] - v)) / v) : null,
    };
    writeFileSync(join(outdir, `${system}_prep.json`), JSON.stringify(res, null, 1));
    log(res);
  } else if (phase === 'md') {
    const sys = await readRelaxed(system);
    const file = join(outdir, `${system}_${T}K.extxyz`);
    const t0 = Date.now();
    const run = await sim.runMolecularDynamics({
      system: sys,
      forceField: pot,
      dt_fs: DT,
      steps: P.mdSteps,
      temperature_K: T,
      seed: 1,
      thermostat: 'nose-hoover',
      tau_fs: 100,
      every: P.every,
      extxyzPath: file,
      progressInterval_ms: 60_000,
      onProgress: (p) => log(`md ${system} ${T} K step ${p.step}/${p.steps} T=${p.T_K.toFixed(0)} K ${p.atomStepsPerSecond.toFixed(1)} atom-steps/s`),
    });
    const n = sys.topology.species.length;
    const ec = sim.energyConservation(run.thermo, n, DT);
    const res = {
      system,
      potential: pot.description,
      T_K: T,
      atoms: n,
      dt_fs: DT,
      steps: run.stepsDone,
      every: P.every,
      md_wall_s: (Date.now() - t0) / 1000,
      conserved_drift_meV_atom_ps: ec.drift_meV_atom_ps,
      time_step_ok: ec.acceptable,
    };
    writeFileSync(join(outdir, `${system}_${T}K_md.json`), JSON.stringify(res, null, 1));
    log(res);
  } else if (phase === 'analyze') {
    const t = await io.readTrajectory(join(outdir, `${system}_${T}K.extxyz`));
    const frameFs = t.times_fs && t.nFrames > 1 ? t.times_fs[1] - t.times_fs[0] : DT * P.every;
    if (t.nFrames < P.equilFrames + 3) fail(`${system} ${T} K: ${t.nFrames} frames, need > ${P.equilFrames + 2}`);
    const prod = t.sliceFrames(P.equilFrames);
    const anions = system === 'li3ycl6' ? ['Cl'] : ['Cl', 'Br'];
    const li = await transport.analyseDiffusion(prod, 'Li', { temperature_K: T, drift: true, framework: ['Y', ...anions] });
    const an = await transport.analyseDiffusion(prod, anions, { temperature_K: T });
    // Mean kinetic temperature of the production frames (velocities are written with every frame).
    let Tsum = 0;
    const nAt = t.nAtoms;
    if (t.velocities)
      for (let f = P.equilFrames; f < t.nFrames; f++) {
        const v = t.velocities.subarray(f * 3 * nAt, (f + 1) * 3 * nAt);
        let ke = 0;
        for (let i = 0; i < nAt; i++) ke += 0.5 * t.topology.masses[i] * (v[3 * i] ** 2 + v[3 * i + 1] ** 2 + v[3 * i + 2] ** 2);
        Tsum += (2 * ke * 103.6427) / (3 * nAt * 8.617333e-5);
      }
    const nProd = t.nFrames - P.equilFrames,
      states = [],
      snaps = [],
      t1 = Date.now();
    for (let k = 0; k < P.nSnap; k++) {
      const f = P.equilFrames + Math.min(nProd - 1, Math.round(((k + 0.5) * nProd) / P.nSnap));
      const s = { topology: t.topology, cell: t.cell(f), positions: t.framePositions(f).slice() };
      const r = sim.relaxFIRE(s, pot, { fmax_eV_A: 0.05, maxSteps: P.snapMaxSteps });
      for (const site of liSites({ ...s, positions: r.positions })) states.push({ snapshot: k, ...site, energy_eV: r.energies[site.atom] });
      snaps.push({
        frame: f,
        time_fs: t.times_fs ? t.times_fs[f] : null,
        fire_steps: r.steps,
        converged: r.converged,
        max_force_eV_A: r.maxForce_eV_A,
        total_eV: r.energy_eV,
      });
      log(
        `${system} ${T} K snapshot ${k + 1}/${P.nSnap} frame ${f}: ${r.steps} FIRE steps, converged ${r.converged}, max|F| ${r.maxForce_eV_A.toFixed(3)}`,
      );
    }
    const mdMeta = existsSync(join(outdir, `${system}_${T}K_md.json`))
      ? JSON.parse(readFileSync(join(outdir, `${system}_${T}K_md.json`), 'utf8'))
      : null;
    const res = {
      system,
      potential: pot.description,
      T_K: T,
      atoms: nAt,
      nLi: t.topology.species.filter((k) => t.topology.symbols[k] === 'Li').length,
      frames: t.nFrames,
      frame_interval_fs: frameFs,
      equilibration_frames: P.equilFrames,
      production_frames: nProd,
      production_ps: frameFs ? ((nProd - 1) * frameFs) / 1000 : null,
      mean_T_K_production: t.velocities ? Tsum / nProd : null,
      md: mdMeta,
      Li: diffusionSummary(li),
      anions: { species: anions, ...diffusionSummary(an) },
      snapshot_fmax_eV_A: 0.05,
      relax_wall_s: (Date.now() - t1) / 1000,
      snapshots: snaps,
      states,
    };
    writeFileSync(join(outdir, `${system}_${T}K.json`), JSON.stringify(res, null, 1));
    const classes = states.reduce((m, s) => ({ ...m, [s.cn]: (m[s.cn] ?? 0) + 1 }), {});
    log({
      system,
      T,
      frames: t.nFrames,
      Li_D: li.D_cm2_s,
      err: li.D_uncertainty_cm2_s,
      resolved: li.run_resolution.resolved,
      D_min: li.run_resolution.D_min_cm2_s,
      anion_D: an.D_cm2_s,
      coordination: classes,
    });
  } else if (phase === 'neb') {
    const sys = await readRelaxed('li3ycl6');
    const sym = symbolsOf(sys);
    const { mover, final: fin } = octahedralHop(sys);
    const t0 = Date.now();
    const ri = sim.relaxFIRE(sys, pot, { fmax_eV_A: 0.05, maxSteps: P.endSteps });
    const rf = sim.relaxFIRE({ ...sys, positions: fin }, pot, { fmax_eV_A: 0.05, maxSteps: P.endSteps });
    const xi = ri.positions,
      xf = rf.positions;
    log('ends relaxed', ri.converged, ri.steps, rf.converged, rf.steps);
    // The tetrahedron sharing a face with each octahedron: the shared Cl–Cl edge + one more vertex of each.
    const d = new Float64Array(3);
    const vec = (a, b) => {
      sys.cell.minimumImage(b[0] - a[0], b[1] - a[1], b[2] - a[2], d, 0);
      return [d[0], d[1], d[2]];
    };
    const Pt = (x, j) => [x[3 * j], x[3 * j + 1], x[3 * j + 2]];
    const shell = (x) => anionShell(sys, mover, { Cl: 3.2 }, x, sym);
    const mid = [0, 1, 2].map((k) => (xi[3 * mover + k] + xf[3 * mover + k]) / 2);
    const oi = shell(xi),
      of = shell(xf),
      edge = oi.filter((j) => of.includes(j));
    if (edge.length !== 2) throw new Error(`expected a shared edge of 2 Cl, got ${edge.length}`);
    const tets = [];
    for (const a of oi)
      for (const b of of) {
        if (edge.includes(a) || edge.includes(b)) continue;
        const q = [edge[0], edge[1], a, b].map((j) => vec(mid, Pt(xi, j)));
        const span = Math.max(...q.flatMap((u) => q.map((v) => Math.hypot(u[0] - v[0], u[1] - v[1], u[2] - v[2]))));
        if (span > 4.4) continue; // not a tetrahedron of neighbouring Cl
        tets.push({ c: [0, 1, 2].map((k) => mid[k] + (q[0][k] + q[1][k] + q[2][k] + q[3][k]) / 4), span });
      }
    if (!tets.length) throw new Error('no tetrahedron shares faces with both octahedra');
    tets.sort((u, v) => u.span - v.span);
    const xt = xi.slice();
    for (let k = 0; k < 3; k++) xt[3 * mover + k] = tets[0].c[k];
    const rt = sim.relaxFIRE({ ...sys, positions: xt }, pot, { fmax_eV_A: 0.05, maxSteps: P.tetSteps });
    const tetCn = shell(rt.positions).length;
    log('tet relaxed', rt.converged, rt.steps, 'Cl within 3.2 Å:', tetCn, 'E_tet − E_oct', (rt.energy_eV - ri.energy_eV).toFixed(3));
    const halves = [];
    for (const [a, b] of [
      [xi, rt.positions],
      [rt.positions, xf],
    ]) {
      halves.push(
        sim.nudgedElasticBand({ ...sys, positions: a }, { ...sys, positions: b }, pot, {
          images: P.nebImages,
          fmax_eV_A: 0.1,
          maxSteps: P.nebSteps,
          springConstant_eV_A2: 0.1,
          onStep: (q, f, E) => {
            if (q % 5 === 0) log('neb half', halves.length + 1, q, f.toFixed(3), (Math.max(...E) - E[0]).toFixed(3));
          },
        }),
      );
    }
    const shift = halves[0].energies_eV[halves[0].energies_eV.length - 1];
    const profile = [
      ...Array.from(halves[0].energies_eV),
      ...Array.from(halves[1].energies_eV)
        .slice(1)
        .map((e) => e + shift),
    ];
    const imgs = [...halves[0].images.frames(), ...[...halves[1].images.frames()].slice(1)];
    await io.writeExtxyz(join(outdir, 'neb.extxyz'), imgs, sys.topology);
    const cnAlong = imgs.map((fr) => shell(fr.positions).length);
    const res = {
      potential: pot.description,
      hop: 'Li 6h (1/3, 0, 1/2) → empty octahedral (2/3, 0, 1/2) via the tetrahedron sharing faces with both octahedra, ordered 1×1×2 cell (60 atoms)',
      mover,
      ends_converged: [ri.converged, rf.converged],
      reaction_energy_eV: rf.energy_eV - ri.energy_eV,
      tet_converged: rt.converged,
      tet_cl_within_3p2_A: tetCn,
      E_tet_minus_oct_eV: rt.energy_eV - ri.energy_eV,
      halves: halves.map((r) => ({
        converged: r.converged,
        steps: r.steps,
        max_force_eV_A: r.maxForce_eV_A,
        barrier_eV: r.barrier_eV,
        reverse_barrier_eV: r.reverseBarrier_eV,
      })),
      profile_eV: profile,
      mover_cl_within_3p2_A: cnAlong,
      barrier_eV: Math.max(...profile),
      images_per_half: P.nebImages,
      fmax_eV_A: 0.1,
      published_eV: 0.46,
      wall_s: (Date.now() - t0) / 1000,
    };
    writeFileSync(join(outdir, 'neb.json'), JSON.stringify(res, null, 1));
    log(res);
  } else fail(`unknown phase ${phase}\n${usage}`);
}

try {
  for (const [phase, system, T] of plan) await runPhase(phase, system, T);
} finally {
  pot.close();
}
