/**
 * The built-in MD engine (METHODS §6): velocity Verlet; NVE, NVT by a Nosé–Hoover chain (noseHooverChain.ts)
 * or Langevin BAOAB (langevinThermostat.ts); seeded Maxwell–Boltzmann start with zero total momentum;
 * anion-mode constraints (anionConstraints.ts) applied every step; degrees of freedom
 * N_f = 3 N_free − 3 (total momentum) − constraints.
 *
 * Velocity-Verlet step (with constraints):  [NHC ½]  v += ½Δt F/m;  x += Δt v;  restore constrained molecules;
 * F = F(x), project F;  v += ½Δt F/m, project v;  [NHC ½].
 * Langevin BAOAB: B, A(½Δt), O, project v and remove total momentum, A(½Δt), restore, F, B.
 *
 * Output: frames every `every` steps (positions unwrapped, velocities, per-atom energies) in memory and/or
 * streamed to extended XYZ; a thermo log; progress callback; clean stop by AbortSignal or `shouldStop`.
 * The step loop allocates nothing (the Verlet list reallocates only if it grows).
 */
import { defaultProgress } from '../core/progress.js';
import { InputError } from '../core/errors.js';
import { Trajectory } from '../core/trajectory.js';
import { EV_PER_A_AMU_IN_A_PER_FS2, KB_EV_PER_K } from '../core/units.js';
import { AnionConstraintMode, AnionConstraints } from './anionConstraints.js';
import { ExtxyzFrameWriter } from './extxyzFrameWriter.js';
import type { ForceComputerOptions } from './forceComputer.js';
import { createForceProvider, ForceProvider, ForceSource } from './forceProvider.js';
import { kineticEnergy, maxwellBoltzmannVelocities, removeTotalMomentum } from './initialVelocities.js';
import { LangevinThermostat } from './langevinThermostat.js';
import type { MDSystem } from './mdSystem.js';
import { NoseHooverChain } from './noseHooverChain.js';
import { emptyThermoLog, EV_PER_A3_TO_BAR, ThermoLog } from './thermoLog.js';
import { withKind } from '../core/resultKind.js';

export type ThermostatKind = 'none' | 'nose-hoover' | 'langevin';

export interface MDProgress {
  step: number;
  steps: number;
  t_fs: number;
  T_K: number;
  potential_eV: number;
  conserved_eV: number;
  atomStepsPerSecond: number;
}

export interface MDRunOptions extends ForceComputerOptions {
  system: MDSystem;
  /** Source of forces: a built-in force field, or a potential (e.g. `await mlPotential('chgnet')`). */
  forceField: ForceSource;
  /** Time step, fs. */
  dt_fs: number;
  steps: number;
  /** Target (and initial) temperature, K. */
  temperature_K: number;
  /** Seed of the initial velocities and of the Langevin noise. */
  seed: number;
  /** 'nose-hoover' (default), 'langevin', or 'none' (NVE). */
  thermostat?: ThermostatKind;
  /** Thermostat time constant, fs (NHC period / Langevin damping; default 100). */
  tau_fs?: number;
  /** NHC chain length (default 3). */
  chainLength?: number;
  /** 'maxwell-boltzmann' (default unless the system has velocities) or 'keep' (use system.velocities). */
  initialVelocities?: 'maxwell-boltzmann' | 'keep';
  /** Initial temperature, K (default temperature_K). */
  initialTemperature_K?: number;
  constraint?: { mode: AnionConstraintMode; molecules?: ArrayLike<number> };
  /** Store/write a frame every `every` steps (default 10); frame 0 is the start. */
  every?: number;
  /** Log thermo every n steps (default `every`). */
  thermoEvery?: number;
  /** Keep frames in memory (default true). */
  keepTrajectory?: boolean;
  /** Stream frames to this extended-XYZ file. */
  extxyzPath?: string;
  /**
   * Called with the step, time, T and energies every `progressInterval_ms`. Without it, a run in
   * a notebook shows the kernel's default progress display once it has run 2 s (src/core/progress.ts).
   */
  onProgress?: (p: MDProgress) => void;
  /** Minimum time between progress callbacks, ms (default 500). */
  progressInterval_ms?: number;
  signal?: AbortSignal;
  shouldStop?: () => boolean;
  /** Abort as "blown up" when T exceeds this, K (default max(20 T, 20000 K)). */
  maxTemperature_K?: number;
}

export interface MDRunResult {
  /** What this result is ('md'): `show(result)` draws its card and plot by it. Non-enumerable: not in JSON or spreads (core/resultKind.ts). */
  readonly kind?: 'md';
  trajectory: Trajectory | null;
  thermo: ThermoLog;
  /** Final positions (unwrapped) and velocities. */
  final: MDSystem;
  stepsDone: number;
  stopped: boolean;
  degreesOfFreedom: number;
  wallTime_s: number;
}

/** The engine's state, steppable one step at a time (runMolecularDynamics drives it). */
export class MDIntegrator {
  readonly n: number;
  readonly x: Float64Array;
  readonly v: Float64Array;
  readonly f: Float64Array;
  /** Per-atom energies, eV: current on steps that are multiples of `perAtomEnergiesEvery` (else those of the last such step). */
  readonly pe: Float64Array;
  readonly masses: Float64Array;
  readonly accel: Float64Array;
  readonly forces: ForceProvider;
  readonly constraints: AnionConstraints;
  readonly dof: number;
  readonly dt: number;
  readonly thermostat: ThermostatKind;
  readonly nhc: NoseHooverChain | null;
  readonly langevin: LangevinThermostat | null;
  potential = 0;
  kinetic = 0;
  /** Heat added by a Langevin thermostat (eV), subtracted in the conserved quantity. */
  heat = 0;
  step = 0;
  /** Per-atom energies `pe` are computed on steps that are multiples of this (runMolecularDynamics: its frame interval). */
  perAtomEnergiesEvery = 1;
  /**
   * The potential energy (and virial) is computed on steps that are multiples of this or of `perAtomEnergiesEvery`,
   * and when `energyRequested` is set (runMolecularDynamics: its thermo interval and progress reports). In between,
   * `potential` keeps its last value; only force providers that can skip energies (the pair table) use it.
   */
  energyEvery = 1;
  /** Compute the energy at the next step regardless of `energyEvery` (reset after that step). */
  energyRequested = false;
  private readonly maxT: number;

  constructor(readonly opts: MDRunOptions) {
    const sys = opts.system;
    if (!(opts.dt_fs > 0) || !Number.isFinite(opts.dt_fs)) throw new InputError(`time step must be a positive number of fs, got ${opts.dt_fs}`);
    if (!(opts.temperature_K >= 0)) throw new InputError(`temperature must be ≥ 0 K, got ${opts.temperature_K}`);
    if (!Number.isInteger(opts.steps) || opts.steps < 0) throw new InputError(`steps must be a non-negative integer, got ${opts.steps}`);
    this.forces = createForceProvider(sys, opts.forceField, opts);
    this.n = this.forces.nAtoms;
    const n = this.n;
    this.x = sys.positions.slice();
    this.v = new Float64Array(3 * n);
    this.f = new Float64Array(3 * n);
    this.pe = new Float64Array(n);
    this.masses = sys.topology.masses;
    this.dt = opts.dt_fs;
    this.constraints = new AnionConstraints(opts.constraint?.mode ?? 'UC', sys, opts.constraint?.molecules);
    const frozen = this.constraints.frozen;
    let nFree = 0;
    for (let i = 0; i < n; i++) if (!frozen[i]) nFree++;
    const removed = this.constraints.mode === 'RTVC' ? 0 : this.constraints.removedDegreesOfFreedom;
    this.dof = 3 * nFree - 3 - removed;
    if (this.dof < 1) throw new InputError(`no degrees of freedom left (${3 * nFree} − 3 − ${removed})`);
    this.accel = new Float64Array(n);
    for (let i = 0; i < n; i++) this.accel[i] = frozen[i] ? 0 : EV_PER_A_AMU_IN_A_PER_FS2 / this.masses[i];
    this.thermostat = opts.thermostat ?? 'nose-hoover';
    const tau = opts.tau_fs ?? 100;
    if (this.thermostat !== 'none' && !(tau > 0)) throw new InputError(`thermostat time constant must be > 0 fs, got ${tau}`);
    if (this.thermostat === 'nose-hoover' && !(opts.temperature_K > 0)) {
      throw new InputError(
        `a Nosé–Hoover thermostat needs a target temperature > 0 K (its masses scale with k_B·T), got ${opts.temperature_K} K; use thermostat 'none' or 'langevin' to start at rest`,
      );
    }
    this.nhc = this.thermostat === 'nose-hoover' ? new NoseHooverChain(this.dof, opts.temperature_K, tau, opts.chainLength ?? 3) : null;
    this.langevin =
      this.thermostat === 'langevin' ? new LangevinThermostat(opts.temperature_K, tau, this.dt, this.masses, opts.seed + 7919, frozen) : null;
    this.maxT = opts.maxTemperature_K ?? Math.max(20 * opts.temperature_K, 20000);

    // Initial velocities.
    const keep = (opts.initialVelocities ?? (sys.velocities ? 'keep' : 'maxwell-boltzmann')) === 'keep';
    if (keep) {
      if (!sys.velocities) throw new InputError('initialVelocities "keep" but the system has no velocities');
      this.v.set(sys.velocities);
    } else {
      maxwellBoltzmannVelocities(this.masses, opts.initialTemperature_K ?? opts.temperature_K, opts.seed, frozen, this.v);
    }
    this.constraints.restore(this.x);
    this.constraints.projectVelocities(this.v);
    removeTotalMomentum(this.v, this.masses, this.constraints.translationFixed);
    if (!keep) {
      const T0 = opts.initialTemperature_K ?? opts.temperature_K;
      const ke = kineticEnergy(this.v, this.masses);
      const target = 0.5 * this.dof * KB_EV_PER_K * T0;
      const s = ke > 0 ? Math.sqrt(target / ke) : 0;
      for (let k = 0; k < 3 * n; k++) this.v[k] *= s;
    }
    this.forces.step = 0;
    this.potential = this.forces.compute(this.x, this.f, this.pe);
    this.constraints.projectForces(this.f);
    this.kinetic = kineticEnergy(this.v, this.masses);
  }

  /** Release the force provider's worker threads (if any); the integrator cannot step afterwards. */
  close(): void {
    this.forces.close?.();
  }

  get temperature_K(): number {
    return (2 * this.kinetic) / (this.dof * KB_EV_PER_K);
  }

  get conserved_eV(): number {
    return this.kinetic + this.potential + (this.nhc ? this.nhc.energy() : 0) - this.heat;
  }

  get pressure_bar(): number {
    return ((2 * this.kinetic + this.forces.last.virial_eV) / (3 * this.forces.cell.volume)) * EV_PER_A3_TO_BAR;
  }

  private kick(h: number): void {
    const v = this.v,
      f = this.f,
      a = this.accel;
    for (let i = 0, n = this.n; i < n; i++) {
      const c = h * a[i];
      v[3 * i] += c * f[3 * i];
      v[3 * i + 1] += c * f[3 * i + 1];
      v[3 * i + 2] += c * f[3 * i + 2];
    }
  }

  private drift(h: number): void {
    const x = this.x,
      v = this.v;
    for (let k = 0, m = x.length; k < m; k++) x[k] += h * v[k];
  }

  private scale(s: number): void {
    const v = this.v;
    for (let k = 0, m = v.length; k < m; k++) v[k] *= s;
  }

  private computeForces(): void {
    this.constraints.restore(this.x);
    this.forces.step = this.step;
    const perAtom = this.step % this.perAtomEnergiesEvery === 0;
    const energy = perAtom || this.energyRequested || this.step % this.energyEvery === 0;
    this.energyRequested = false;
    this.potential = this.forces.compute(this.x, this.f, this.pe, perAtom, energy);
    this.constraints.projectForces(this.f);
  }

  /** Advance one time step. */
  advance(): void {
    const dt = this.dt,
      c = this.constraints;
    this.step++;
    if (this.langevin) {
      this.kick(0.5 * dt);
      this.drift(0.5 * dt);
      const ke0 = kineticEnergy(this.v, this.masses);
      this.langevin.apply(this.v);
      c.projectVelocities(this.v);
      removeTotalMomentum(this.v, this.masses, c.translationFixed);
      this.heat += kineticEnergy(this.v, this.masses) - ke0;
      this.drift(0.5 * dt);
      this.computeForces();
      this.kick(0.5 * dt);
      c.projectVelocities(this.v);
    } else {
      if (this.nhc) this.scale(this.nhc.halfStep(kineticEnergy(this.v, this.masses), dt));
      this.kick(0.5 * dt);
      this.drift(dt);
      this.computeForces();
      this.kick(0.5 * dt);
      c.projectVelocities(this.v);
      if (this.nhc) this.scale(this.nhc.halfStep(kineticEnergy(this.v, this.masses), dt));
    }
    this.kinetic = kineticEnergy(this.v, this.masses);
    const T = this.temperature_K;
    if (!(T <= this.maxT)) {
      throw new InputError(
        `the run blew up at step ${this.step} (t = ${(this.step * dt).toFixed(1)} fs): temperature ${T.toExponential(3)} K exceeds ${this.maxT} K; reduce the time step (now ${dt} fs)`,
      );
    }
  }
}

/** Run MD; resolves when done or stopped (by `signal` / `shouldStop`). */
export async function runMolecularDynamics(opts: MDRunOptions): Promise<MDRunResult> {
  const wall0 = Date.now();
  const md = new MDIntegrator(opts);
  try {
    return await runIntegrator(md, opts, wall0);
  } finally {
    md.close();
  }
}

async function runIntegrator(md: MDIntegrator, opts: MDRunOptions, wall0: number): Promise<MDRunResult> {
  const n = md.n,
    steps = opts.steps,
    every = opts.every ?? 10,
    thermoEvery = opts.thermoEvery ?? every;
  if (!(Number.isInteger(every) && every >= 1)) throw new InputError(`--every must be a positive integer, got ${every}`);
  md.perAtomEnergiesEvery = every; // frames (the only readers of md.pe) are written every `every` steps
  if (!(Number.isInteger(thermoEvery) && thermoEvery >= 1)) throw new InputError(`thermoEvery must be a positive integer, got ${thermoEvery}`);
  md.energyEvery = thermoEvery; // the thermo log, frames (every) and progress reports (requested) read the energy
  const keep = opts.keepTrajectory ?? true;
  const maxFrames = Math.floor(steps / every) + 1;
  const pos = keep ? new Float64Array(maxFrames * 3 * n) : null;
  const vel = keep ? new Float64Array(maxFrames * 3 * n) : null;
  const ene = keep ? new Float64Array(maxFrames * n) : null;
  const times = keep ? new Float64Array(maxFrames) : null;
  const fe = keep ? new Float64Array(maxFrames) : null;
  let nFrames = 0;
  const writer = opts.extxyzPath ? new ExtxyzFrameWriter(opts.extxyzPath, opts.system.topology, opts.system.cell) : null;
  const thermo = emptyThermoLog();
  const record = () => {
    const t = md.step * md.dt;
    if (md.step % every === 0) {
      if (keep) {
        pos!.set(md.x, nFrames * 3 * n);
        vel!.set(md.v, nFrames * 3 * n);
        ene!.set(md.pe, nFrames * n);
        times![nFrames] = t;
        fe![nFrames] = md.potential;
      }
      nFrames++;
      writer?.write(t, md.potential, md.x, md.v, md.pe);
    }
    if (md.step % thermoEvery === 0) {
      thermo.t_fs.push(t);
      thermo.T_K.push(md.temperature_K);
      thermo.potential_eV.push(md.potential);
      thermo.kinetic_eV.push(md.kinetic);
      thermo.conserved_eV.push(md.conserved_eV);
      thermo.pressure_bar.push(md.pressure_bar);
    }
  };
  let stopped = false;
  const interval = opts.progressInterval_ms ?? 500;
  let lastReport = Date.now();
  const fallback = opts.onProgress ? null : defaultProgress(`MD: ${steps} steps of ${md.dt} fs at ${opts.temperature_K ?? '?'} K, ${n} atoms`, steps);
  const report = () => {
    opts.onProgress?.({
      step: md.step,
      steps,
      t_fs: md.step * md.dt,
      T_K: md.temperature_K,
      potential_eV: md.potential,
      conserved_eV: md.conserved_eV,
      atomStepsPerSecond: (n * md.step) / Math.max(1e-3, (Date.now() - wall0) / 1000),
    });
    fallback?.update(md.step, steps, `T = ${md.temperature_K.toFixed(0)} K, ${((md.step * md.dt) / 1000).toFixed(2)} ps`);
  };
  try {
    record();
    while (md.step < steps) {
      if (opts.signal?.aborted || opts.shouldStop?.()) {
        stopped = true;
        break;
      }
      // A progress report (every 16 steps at most) and the last step show the energy: ask for it on those steps.
      const due = ((md.step + 1) & 15) === 0 && Date.now() - lastReport >= interval;
      if (due || md.step + 1 === steps) md.energyRequested = true;
      md.advance();
      record();
      if (due) {
        lastReport = Date.now();
        report();
        await new Promise((r) => setImmediate(r)); // let signals and timers run
      }
    }
    report();
    fallback?.done(stopped ? 'stopped' : 'done');
  } finally {
    writer?.close();
  }
  const sys = opts.system;
  const trajectory = keep
    ? new Trajectory({
        topology: sys.topology,
        nFrames,
        positions: pos!.slice(0, nFrames * 3 * n),
        cells: repeatCell(sys.cell.matrix, nFrames),
        times_fs: times!.slice(0, nFrames),
        velocities: vel!.slice(0, nFrames * 3 * n),
        energies: ene!.slice(0, nFrames * n),
        frameEnergies_eV: fe!.slice(0, nFrames),
        info: { source: 'builtin-md', format: 'builtin-md', timestep_fs: every * md.dt, unwrapped: true },
      })
    : null;
  return withKind(
    {
      trajectory,
      thermo,
      stepsDone: md.step,
      stopped,
      degreesOfFreedom: md.dof,
      wallTime_s: (Date.now() - wall0) / 1000,
      final: { ...sys, positions: md.x.slice(), velocities: md.v.slice() },
    },
    'md',
  );
}

function repeatCell(m: Float64Array, nFrames: number): Float64Array {
  const out = new Float64Array(9 * nFrames);
  for (let f = 0; f < nFrames; f++) out.set(m, 9 * f);
  return out;
}
