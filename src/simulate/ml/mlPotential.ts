/**
 * Universal machine-learned interatomic potentials as force providers: CHGNet (Deng et al., Nat. Mach. Intell.
 * 5, 1031 (2023); energies are sums of per-atom site energies) and SevenNet-0 (Park et al., J. Chem. Theory
 * Comput. 20, 4857 (2024)), evaluated by their own ASE calculators in a persistent Python worker
 * (python/ml_worker.py) in the project's ML environment (.venv-ml, made by `npm run setup:ml`).
 *
 * One worker per MLPotential, started by `openMLPotential` and stopped by `close()` (also at process exit).
 * `bind(system)` gives the engine a ForceProvider: MD (any thermostat, UC/RC/RTC/RTVC), FIRE, NEB and DOAS
 * relaxations then run on the model. Virial for the pressure: W = −V·(σxx + σyy + σzz).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Cell } from '../../core/cell.js';
import { element } from '../../core/elements.js';
import { InputError } from '../../core/errors.js';
import type { Topology } from '../../core/topology.js';
import type { ForceComputerOptions } from '../forceComputer.js';
import type { ForceProvider, Potential, ProviderTerms } from '../forceProvider.js';
import type { MDSystem } from '../mdSystem.js';
import { decodeEvaluateReply, decodeGreeting, encodeEvaluateRequest, WorkerFrame, WorkerInfo, WorkerResult } from './mlWorkerProtocol.js';
import { SyncWorkerProcess } from './syncWorkerProcess.js';

/** Model names the worker knows. */
export const ML_MODELS = ['chgnet', 'chgnet-0.3.0', 'chgnet-0.2.0', 'chgnet-r2scan', 'sevenn-0'] as const;
export type MLModelName = (typeof ML_MODELS)[number];

/** The repository root (this file is src/simulate/ml or dist/simulate/ml). */
export function packageRoot(): string {
  return resolve(__dirname, '..', '..', '..');
}

/** Python of the ML environment: $SUPERIONIC_ML_PYTHON, else <repo>/.venv-ml/bin/python. */
export function mlPython(): string {
  return process.env.SUPERIONIC_ML_PYTHON || join(packageRoot(), '.venv-ml', 'bin', 'python');
}

export interface MLPotentialOptions {
  /** Torch threads in the worker (default: torch's choice). */
  threads?: number;
  /** 'cpu' or 'cuda' (default: cuda when available). */
  device?: string;
  /** Longest wait for one answer, ms (default 600 000). */
  timeout_ms?: number;
}

/** A full evaluation of one structure. */
export interface MLEvaluation extends WorkerResult {
  /** Virial W = −V tr σ, eV. */
  virial_eV: number;
}

export class MLPotential implements Potential {
  readonly description: string;
  private closed = false;
  private readonly onExit = () => this.close();

  private constructor(
    private readonly proc: SyncWorkerProcess,
    readonly info: WorkerInfo,
    private readonly opts: MLPotentialOptions,
  ) {
    this.description = `${info.model} ${info.model_version} (${info.package} ${info.package_version}, torch ${info.torch_version}, ${info.device})`;
    process.once('exit', this.onExit);
  }

  /** Start a worker for `model` (blocks while the model loads, a few seconds). */
  static open(model: string, opts: MLPotentialOptions = {}): MLPotential {
    if (!(ML_MODELS as readonly string[]).includes(model))
      throw new InputError(`unknown ML model "${model}"; expected one of ${ML_MODELS.join(', ')}`);
    const python = mlPython();
    if (!existsSync(python)) {
      throw new InputError(
        `the ML environment is missing (no ${python}); create it with \`npm run setup:ml\` in the superionic checkout, or set SUPERIONIC_ML_PYTHON`,
      );
    }
    const script = join(packageRoot(), 'python', 'ml_worker.py');
    const env = { ...process.env };
    if (opts.threads) env.SUPERIONIC_ML_THREADS = String(opts.threads);
    if (opts.device) env.SUPERIONIC_ML_DEVICE = opts.device;
    const proc = new SyncWorkerProcess({ command: python, args: [script, model], env, name: `the ${model} worker` });
    let info: WorkerInfo;
    try {
      info = decodeGreeting(proc.receive(opts.timeout_ms ?? 600_000));
    } catch (e) {
      proc.close(1000);
      throw e;
    }
    return new MLPotential(proc, info, opts);
  }

  /** Atomic numbers the model knows. */
  get elements(): number[] {
    return this.info.elements;
  }

  private check(): void {
    if (this.closed) throw new InputError(`the ${this.info.model} worker was closed`);
  }

  /** Evaluate several structures in one round trip. */
  evaluateFrames(frames: WorkerFrame[]): MLEvaluation[] {
    this.check();
    const res = decodeEvaluateReply(
      this.proc.request(encodeEvaluateRequest(frames), this.opts.timeout_ms),
      frames.map((f) => f.Z.length),
    );
    return res.map((r, k) => ({ ...r, virial_eV: -volumeOf(frames[k].cell) * (r.stress_eV_A3[0] + r.stress_eV_A3[1] + r.stress_eV_A3[2]) }));
  }

  /** Energies, forces, per-atom energies and virial of systems (Potential.evaluateBatch). */
  evaluateBatch(systems: MDSystem[]): MLEvaluation[] {
    return this.evaluateFrames(systems.map((s) => ({ Z: atomicNumbers(s.topology), cell: s.cell.matrix, positions: s.positions })));
  }

  bind(system: MDSystem, _opts?: ForceComputerOptions): ForceProvider {
    this.check();
    return new MLForceProvider(this, system);
  }

  /** Shut the worker down (idempotent). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    process.removeListener('exit', this.onExit);
    this.proc.close();
  }
}

/** Atomic numbers of a topology's atoms; an unknown symbol is an InputError. */
export function atomicNumbers(top: Topology): Int32Array {
  const zs = top.symbols.map((s) => {
    const e = element(s);
    if (!e) throw new InputError(`species "${s}" is not an element the ML potential can take`);
    return e.Z;
  });
  const out = new Int32Array(top.species.length);
  for (let i = 0; i < out.length; i++) out[i] = zs[top.species[i]];
  return out;
}

function volumeOf(m: Float64Array): number {
  return Math.abs(m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]));
}

/** An MLPotential bound to one system (fixed cell and atoms). */
class MLForceProvider implements ForceProvider {
  readonly nAtoms: number;
  readonly cell: Cell;
  step = -1;
  readonly last: ProviderTerms & { stress_eV_A3: Float64Array } = { total_eV: 0, virial_eV: 0, stress_eV_A3: new Float64Array(6) };
  private readonly frame: WorkerFrame;

  constructor(
    private readonly potential: MLPotential,
    system: MDSystem,
  ) {
    this.nAtoms = system.topology.species.length;
    this.cell = system.cell;
    const Z = atomicNumbers(system.topology);
    const known = new Set(potential.elements);
    const bad = [...new Set(system.topology.symbols.filter((s, k) => system.topology.species.includes(k) && !known.has(element(s)!.Z)))];
    if (bad.length) throw new InputError(`${potential.info.model} does not know element(s) ${bad.join(', ')}`);
    this.frame = { Z, cell: system.cell.matrix, positions: system.positions };
  }

  compute(x: Float64Array, f: Float64Array, pe: Float64Array, perAtom = true): number {
    let r: MLEvaluation;
    try {
      [r] = this.potential.evaluateFrames([{ ...this.frame, positions: x }]);
    } catch (e) {
      if (e instanceof InputError && this.step >= 0) throw new InputError(`step ${this.step}: ${e.message}`);
      throw e;
    }
    if (!Number.isFinite(r.energy_eV))
      throw new InputError(`potential energy is not finite${this.step >= 0 ? ` at step ${this.step}` : ''}: the run blew up`);
    f.set(r.forces);
    if (perAtom) pe.set(r.energies);
    this.last.total_eV = r.energy_eV;
    this.last.virial_eV = r.virial_eV;
    this.last.stress_eV_A3.set(r.stress_eV_A3);
    return r.energy_eV;
  }
}

/** Start an ML potential worker by model name (`chgnet`, `chgnet-0.2.0`, `sevenn-0`, …). */
export function openMLPotential(model: string, opts: MLPotentialOptions = {}): MLPotential {
  return MLPotential.open(model, opts);
}
