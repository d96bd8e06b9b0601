/**
 * Relaxation of positions and cell together (zero stress, or a target pressure) with FIRE (Bitzek et al., PRL 97,
 * 170201 (2006)) on the unit-cell-filter coordinates of ASE (Tadmor et al., Phys. Rev. B 59, 235 (1999)): the
 * deformation gradient D (current cell = reference cell · Dᵀ) scaled by c = N_atoms, and the atoms' undeformed
 * positions r₀ = D⁻¹ r. Generalised forces: atoms F·D, cell (−V σ − p V I)/c, with σ the stress (eV/Å³, ASE sign)
 * and p the target pressure. FIRE in ASE's unit-mass form (Δt₀ = 0.1, Δt_max = 1, step ≤ 0.2). Converged when
 * every atom's force and every component of the cell force is below fmax.
 *
 * Needs a potential with stress: `Potential.evaluateBatch` returning `stress_eV_A3` (the ML potentials do).
 */
import { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import type { Potential } from './forceProvider.js';
import type { MDSystem } from './mdSystem.js';

export interface CellRelaxOptions {
  /** Force tolerance on atoms and on the cell's generalised force, eV/Å (default 0.02). */
  fmax_eV_A?: number;
  maxSteps?: number;
  /** Target hydrostatic pressure, GPa (default 0). */
  pressure_GPa?: number;
  onStep?: (step: number, maxForce_eV_A: number, energy_eV: number) => void;
  /** Checked before every step: true stops the relaxation (result not converged). */
  shouldStop?: () => boolean;
}

export interface CellRelaxResult {
  system: MDSystem;
  energy_eV: number;
  energies: Float64Array;
  /** Stress at the end, Voigt xx yy zz yz xz xy, eV/Å³ (ASE sign). */
  stress_eV_A3: Float64Array;
  /** Lattice a, b, c (Å) and α, β, γ (degrees) of the relaxed cell. */
  lattice: [number, number, number, number, number, number];
  volume_A3: number;
  steps: number;
  converged: boolean;
  maxForce_eV_A: number;
}

const GPA_PER_EV_A3 = 160.21766208;

/** a, b, c (Å) and α, β, γ (degrees) of a cell matrix (rows = lattice vectors). */
export function latticeParameters(m: ArrayLike<number>): [number, number, number, number, number, number] {
  const v = [0, 1, 2].map((r) => [m[3 * r], m[3 * r + 1], m[3 * r + 2]]);
  const len = v.map((x) => Math.hypot(x[0], x[1], x[2]));
  const ang = (i: number, j: number) => (Math.acos((v[i][0] * v[j][0] + v[i][1] * v[j][1] + v[i][2] * v[j][2]) / (len[i] * len[j])) * 180) / Math.PI;
  return [len[0], len[1], len[2], ang(1, 2), ang(0, 2), ang(0, 1)];
}

function matmul(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const o = new Float64Array(9);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) o[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
  return o;
}
function transpose(a: ArrayLike<number>): Float64Array {
  return Float64Array.from([a[0], a[3], a[6], a[1], a[4], a[7], a[2], a[5], a[8]]);
}

/** Relax atoms and cell of `system` under `potential` (which must give stress). */
export function relaxCell(system: MDSystem, potential: Potential, opts: CellRelaxOptions = {}): CellRelaxResult {
  if (!potential.evaluateBatch) throw new InputError(`cell relaxation needs a potential that gives stress (${potential.description} does not)`);
  const fmax = opts.fmax_eV_A ?? 0.02,
    maxSteps = opts.maxSteps ?? 1000,
    p = (opts.pressure_GPa ?? 0) / GPA_PER_EV_A3;
  const n = system.topology.species.length,
    cf = n;
  const ref = system.cell.matrix.slice();
  const refCell = new Cell(ref);
  // Generalised coordinates: r₀ (3n, with D = I at the start) and c·D (9).
  const q = new Float64Array(3 * n + 9);
  q.set(system.positions);
  for (let k = 0; k < 3; k++) q[3 * n + 4 * k] = cf;
  const v = new Float64Array(q.length),
    g = new Float64Array(q.length);
  let energy = 0,
    energies = new Float64Array(n),
    stress = new Float64Array(6),
    cell = refCell,
    x = system.positions.slice();
  const evaluate = () => {
    const D = q.subarray(3 * n).map((t) => t / cf);
    const Dt = transpose(D);
    cell = new Cell(matmul(ref, Dt));
    x = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) for (let a = 0; a < 3; a++) x[3 * i + a] = q[3 * i] * Dt[a] + q[3 * i + 1] * Dt[3 + a] + q[3 * i + 2] * Dt[6 + a];
    const [r] = potential.evaluateBatch!([{ ...system, cell, positions: x }]);
    const s = (r as { stress_eV_A3?: Float64Array }).stress_eV_A3;
    if (!s) throw new InputError(`cell relaxation needs stress; ${potential.description} gave none`);
    energy = r.energy_eV;
    energies = r.energies;
    stress = s.slice();
    // Atoms: F·D (undeformed frame).
    for (let i = 0; i < n; i++)
      for (let a = 0; a < 3; a++) g[3 * i + a] = r.forces[3 * i] * D[a] + r.forces[3 * i + 1] * D[3 + a] + r.forces[3 * i + 2] * D[6 + a];
    const V = cell.volume;
    const sig = [s[0], s[5], s[4], s[5], s[1], s[3], s[4], s[3], s[2]];
    for (let k = 0; k < 9; k++) g[3 * n + k] = (-V * sig[k] - (k % 4 === 0 ? p * V : 0)) / cf;
    let m = 0;
    for (let i = 0; i < n + 3; i++) m = Math.max(m, Math.hypot(g[3 * i], g[3 * i + 1], g[3 * i + 2]));
    for (let k = 0; k < 9; k++) m = Math.max(m, Math.abs(g[3 * n + k]));
    return m;
  };
  let fm = evaluate(),
    step = 0,
    dt = 0.1,
    alpha = 0.1,
    nPos = 0;
  while (fm >= fmax && step < maxSteps) {
    if (opts.shouldStop?.()) break;
    step++;
    let P = 0,
      vn = 0,
      fn = 0;
    for (let k = 0; k < q.length; k++) {
      P += g[k] * v[k];
      vn += v[k] * v[k];
      fn += g[k] * g[k];
    }
    if (P > 0) {
      const mix = fn > 0 ? (alpha * Math.sqrt(vn)) / Math.sqrt(fn) : 0;
      for (let k = 0; k < q.length; k++) v[k] = (1 - alpha) * v[k] + mix * g[k];
      if (++nPos > 5) {
        dt = Math.min(dt * 1.1, 1.0);
        alpha *= 0.99;
      }
    } else {
      v.fill(0);
      dt *= 0.5;
      alpha = 0.1;
      nPos = 0;
    }
    for (let k = 0; k < q.length; k++) v[k] += dt * g[k];
    let dr2 = 0;
    for (let k = 0; k < q.length; k++) dr2 += (dt * v[k]) ** 2;
    const sc = Math.sqrt(dr2) > 0.2 ? 0.2 / Math.sqrt(dr2) : 1;
    for (let k = 0; k < q.length; k++) q[k] += sc * dt * v[k];
    fm = evaluate();
    opts.onStep?.(step, fm, energy);
  }
  return {
    system: { ...system, cell, positions: x },
    energy_eV: energy,
    energies,
    stress_eV_A3: stress,
    lattice: latticeParameters(cell.matrix),
    volume_A3: cell.volume,
    steps: step,
    converged: fm < fmax,
    maxForce_eV_A: fm,
  };
}
