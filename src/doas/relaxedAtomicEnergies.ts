/**
 * Per-atom energies of relaxed MD snapshots for the DOAS (Wang, Liu & Mo, Angew. Chem. 2023): each
 * snapshot is relaxed statically at fixed cell with FIRE (any force source: a built-in force field or a potential
 * such as CHGNet, whose energy is a sum of per-atom site energies) (src/simulate/fireRelaxation.ts) until
 * max_i |F_i| < fmax, which removes the thermal vibration and leaves the ion in the local minimum of
 * its state; the potential then partitions the energy per atom (E = Σ_i E_i, pair energies split
 * half–half, Coulomb self/reciprocal terms per atom as the engine defines them). The per-atom energies
 * of the mobile species, pooled over snapshots, are the DOAS input (`densityOfAtomisticStates`).
 */
import { InputError } from '../core/errors.js';
import type { Frame, SourceInfo } from '../core/frame.js';
import type { Topology } from '../core/topology.js';
import { indicesOf } from '../core/topology.js';
import { Trajectory } from '../core/trajectory.js';
import { relaxFIRE } from '../simulate/fireRelaxation.js';
import type { ForceSource } from '../simulate/forceProvider.js';

export interface RelaxedEnergyOptions {
  /** Force tolerance of the relaxation, eV/Å (default 0.01). */
  fmax?: number;
  /** FIRE step limit per snapshot (default 3000). */
  maxSteps?: number;
  /** Species whose per-atom energies are returned in `mobile_eV` (e.g. "Ag"). */
  species?: string;
  /** Throw if a snapshot does not reach fmax (default true). */
  requireConvergence?: boolean;
  /** Called after each snapshot. */
  onProgress?: (done: number, total: number) => void;
}

export interface RelaxedEnergies {
  /** Relaxed snapshots with per-atom energies (`energies`) and totals (`frameEnergies_eV`); the frames' times are kept. */
  relaxed: Trajectory;
  /** Energies of the `species` atoms, frame-major (snapshot × ion), eV (empty if no species given). */
  mobile_eV: Float64Array;
  /** Total potential energy of each relaxed snapshot, eV. */
  total_eV: Float64Array;
  /** Largest residual force of each snapshot, eV/Å. */
  maxForce_eV_A: Float64Array;
  /** FIRE steps of each snapshot. */
  steps: Int32Array;
  fmax_eV_A: number;
}

/** One snapshot FIRE-relaxed at fixed cell (a frame with the relaxed positions and per-atom `energies`), its total energy, residual force and steps. */
export function relaxSnapshot(
  fr: Frame,
  topology: Topology,
  potential: ForceSource,
  opts: Pick<RelaxedEnergyOptions, 'fmax' | 'maxSteps' | 'requireConvergence'> = {},
  source?: string,
): { frame: Frame; positions: Float64Array; energies: Float64Array; energy_eV: number; maxForce_eV_A: number; steps: number } {
  const fmax = opts.fmax ?? 0.01;
  if (!fr.cell) throw new InputError('static relaxation needs a periodic cell; the snapshot has none', { file: source, frame: fr.index });
  const res = relaxFIRE({ topology, cell: fr.cell, positions: Float64Array.from(fr.positions) }, potential, {
    fmax_eV_A: fmax,
    maxSteps: opts.maxSteps ?? 3000,
  });
  if (!res.converged && opts.requireConvergence !== false) {
    throw new InputError(
      `FIRE did not reach max |F| < ${fmax} eV/Å in ${res.steps} steps (max |F| = ${res.maxForce_eV_A.toExponential(2)} eV/Å); raise maxSteps or fmax`,
      { file: source, frame: fr.index },
    );
  }
  const frame: Frame = {
    index: fr.index,
    time_fs: fr.time_fs,
    cell: fr.cell,
    positions: res.positions,
    energies: res.energies,
    energy_eV: res.energy_eV,
  };
  return { frame, positions: res.positions, energies: res.energies, energy_eV: res.energy_eV, maxForce_eV_A: res.maxForce_eV_A, steps: res.steps };
}

/** FIRE-relax every snapshot at fixed cell and return its per-atom energies (see the header). */
export function relaxedAtomicEnergies(
  frames: Trajectory | { topology: Topology; frames: Frame[]; info?: SourceInfo },
  potential: ForceSource,
  opts: RelaxedEnergyOptions = {},
): RelaxedEnergies {
  const list: Frame[] = frames instanceof Trajectory ? Array.from(frames.frames()) : frames.frames;
  const topology = frames.topology;
  const traj = { topology, nAtoms: topology.species.length, info: frames.info ?? { source: 'snapshots', unwrapped: true } };
  if (list.length === 0) throw new InputError('relaxed atomic energies: no snapshots given', { file: traj.info.source });
  const fmax = opts.fmax ?? 0.01;
  if (!(fmax > 0)) throw new InputError(`force tolerance must be a positive number of eV/Å, got ${fmax}`);
  const n = traj.nAtoms,
    F = list.length;
  const mobile = opts.species ? indicesOf(topology, opts.species, { file: traj.info.source }) : new Int32Array(0);
  const positions = new Float64Array(F * 3 * n),
    energies = new Float64Array(F * n),
    cells = new Float64Array(9 * F);
  const total = new Float64Array(F),
    maxF = new Float64Array(F),
    steps = new Int32Array(F);
  const mobile_eV = new Float64Array(F * mobile.length);
  list.forEach((fr, f) => {
    const res = relaxSnapshot(fr, topology, potential, { ...opts, fmax }, traj.info.source);
    positions.set(res.positions, f * 3 * n);
    energies.set(res.energies, f * n);
    cells.set(res.frame.cell!.matrix, 9 * f);
    total[f] = res.energy_eV;
    maxF[f] = res.maxForce_eV_A;
    steps[f] = res.steps;
    for (let k = 0; k < mobile.length; k++) mobile_eV[f * mobile.length + k] = res.energies[mobile[k]];
    opts.onProgress?.(f + 1, F);
  });
  const times = list.every((fr) => fr.time_fs !== undefined) ? Float64Array.from(list, (fr) => fr.time_fs!) : undefined;
  const relaxed = new Trajectory({
    topology,
    nFrames: F,
    positions,
    cells,
    energies,
    frameEnergies_eV: total.slice(),
    times_fs: times,
    info: { ...traj.info, source: `${traj.info.source ?? 'snapshots'} (FIRE-relaxed, fmax ${fmax} eV/Å)`, unwrapped: true },
  });
  return { relaxed, mobile_eV, total_eV: total, maxForce_eV_A: maxF, steps, fmax_eV_A: fmax };
}
