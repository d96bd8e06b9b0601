/**
 * FIRE static relaxation at fixed cell (Bitzek, Koskinen, Gähler, Moseler & Gumbsch, PRL 97, 170201 (2006)),
 * for DOAS (Wang 2023: per-atom energies of relaxed snapshots). Parameters as in the paper: N_min = 5,
 * f_inc = 1.1, f_dec = 0.5, α_start = 0.1, f_α = 0.99, Δt_max = 10 Δt₀. Semi-implicit Euler MD with the
 * atoms' masses; mixing v ← (1−α) v + α |v| F̂ while P = F·v > 0, else v = 0, Δt ← f_dec Δt, α ← α_start.
 * Converged when max_i |F_i| < fmax. Anion-mode constraints apply as in MD (RTVC molecules stay frozen).
 */
import { InputError } from '../core/errors.js';
import { Trajectory } from '../core/trajectory.js';
import { EV_PER_A_AMU_IN_A_PER_FS2 } from '../core/units.js';
import { AnionConstraintMode, AnionConstraints } from './anionConstraints.js';
import type { ForceComputerOptions } from './forceComputer.js';
import { createForceProvider, ForceSource } from './forceProvider.js';
import type { MDSystem } from './mdSystem.js';

export interface FireOptions extends ForceComputerOptions {
  /** Force tolerance, eV/Å (default 1e-3). */
  fmax_eV_A?: number;
  maxSteps?: number;
  /** Initial time step, fs (default 1). */
  dt_fs?: number;
  constraint?: { mode: AnionConstraintMode; molecules?: ArrayLike<number> };
  /** Called after every step with the largest atomic force (eV/Å) and the energy (eV). */
  onStep?: (step: number, maxForce_eV_A: number, energy_eV: number) => void;
  /** Checked before every step: true stops the relaxation (result not converged). */
  shouldStop?: () => boolean;
}

export interface FireResult {
  positions: Float64Array;
  energy_eV: number;
  /** Per-atom energies of the relaxed structure, eV. */
  energies: Float64Array;
  forces: Float64Array;
  maxForce_eV_A: number;
  steps: number;
  converged: boolean;
}

export function relaxFIRE(system: MDSystem, forceField: ForceSource, opts: FireOptions = {}): FireResult {
  const fmax = opts.fmax_eV_A ?? 1e-3,
    maxSteps = opts.maxSteps ?? 5000;
  if (!(fmax > 0)) throw new InputError(`FIRE force tolerance must be > 0 eV/Å, got ${fmax}`);
  const fc = createForceProvider(system, forceField, opts);
  const n = fc.nAtoms;
  const x = system.positions.slice(),
    v = new Float64Array(3 * n),
    f = new Float64Array(3 * n),
    pe = new Float64Array(n);
  const cons = new AnionConstraints(opts.constraint?.mode ?? 'UC', system, opts.constraint?.molecules);
  const inv = new Float64Array(n);
  for (let i = 0; i < n; i++) inv[i] = cons.frozen[i] ? 0 : EV_PER_A_AMU_IN_A_PER_FS2 / system.topology.masses[i];
  let dt = opts.dt_fs ?? 1;
  const dtMax = 10 * dt,
    Nmin = 5,
    finc = 1.1,
    fdec = 0.5,
    aStart = 0.1,
    fa = 0.99;
  let alpha = aStart,
    nPos = 0;
  let energy = fc.compute(x, f, pe);
  cons.projectForces(f);
  const maxForce = () => {
    let m = 0;
    for (let i = 0; i < n; i++) m = Math.max(m, f[3 * i] * f[3 * i] + f[3 * i + 1] * f[3 * i + 1] + f[3 * i + 2] * f[3 * i + 2]);
    return Math.sqrt(m);
  };
  let fm = maxForce(),
    step = 0;
  while (fm >= fmax && step < maxSteps) {
    if (opts.shouldStop?.()) break;
    step++;
    let P = 0,
      vn = 0,
      fn = 0;
    for (let k = 0; k < 3 * n; k++) {
      P += f[k] * v[k];
      vn += v[k] * v[k];
      fn += f[k] * f[k];
    }
    if (P > 0) {
      const mix = fn > 0 ? (alpha * Math.sqrt(vn)) / Math.sqrt(fn) : 0;
      for (let k = 0; k < 3 * n; k++) v[k] = (1 - alpha) * v[k] + mix * f[k];
      if (++nPos > Nmin) {
        dt = Math.min(dt * finc, dtMax);
        alpha *= fa;
      }
    } else {
      v.fill(0);
      dt *= fdec;
      alpha = aStart;
      nPos = 0;
    }
    for (let i = 0; i < n; i++) {
      const c = dt * inv[i];
      for (let d = 0; d < 3; d++) {
        v[3 * i + d] += c * f[3 * i + d];
        x[3 * i + d] += dt * v[3 * i + d];
      }
    }
    cons.restore(x);
    fc.step = step;
    energy = fc.compute(x, f, pe);
    cons.projectForces(f);
    cons.projectVelocities(v);
    fm = maxForce();
    opts.onStep?.(step, fm, energy);
  }
  return { positions: x, energy_eV: energy, energies: pe.slice(), forces: f.slice(), maxForce_eV_A: fm, steps: step, converged: fm < fmax };
}

/**
 * Relax every frame of a trajectory at its own cell (FIRE) and return the relaxed frames with per-atom energies
 * and forces: the input of a DOAS analysis (Wang 2023). `template` supplies molecules/bonds/angles if any.
 */
export function relaxTrajectoryFrames(
  traj: Trajectory,
  forceField: ForceSource,
  opts: FireOptions & { template?: MDSystem; onFrame?: (f: number, r: FireResult) => void } = {},
): Trajectory {
  const n = traj.nAtoms,
    nf = traj.nFrames;
  const positions = new Float64Array(nf * 3 * n),
    energies = new Float64Array(nf * n),
    forces = new Float64Array(nf * 3 * n),
    fe = new Float64Array(nf);
  for (let f = 0; f < nf; f++) {
    const sys: MDSystem = { ...(opts.template ?? {}), topology: traj.topology, cell: traj.cell(f), positions: traj.framePositions(f).slice() };
    const r = relaxFIRE(sys, forceField, opts);
    if (!r.converged)
      throw new InputError(
        `FIRE did not reach ${opts.fmax_eV_A ?? 1e-3} eV/Å in ${r.steps} steps (max |F| = ${r.maxForce_eV_A.toExponential(2)} eV/Å)`,
        { file: traj.info.source, frame: f },
      );
    positions.set(r.positions, f * 3 * n);
    energies.set(r.energies, f * n);
    forces.set(r.forces, f * 3 * n);
    fe[f] = r.energy_eV;
    opts.onFrame?.(f, r);
  }
  return new Trajectory({
    topology: traj.topology,
    nFrames: nf,
    positions,
    cells: traj.cells,
    times_fs: traj.times_fs,
    energies,
    forces,
    frameEnergies_eV: fe,
    info: { ...traj.info, format: 'fire-relaxed' },
  });
}
