/**
 * Force-field description shared by the built-in engine and the LAMMPS driver (METHODS §6).
 *
 * Short-range pair terms have one unified form that covers every model we ship:
 *   V_ab(r) = H r^(−η) + A e^(−r/ρ) − P r^(−4) − W r^(−6)        (r < cutoff_A)
 * - AgI rigid-ion model (Vashishta–Rahman type; data/README.md): H, η, P, W;
 * - Buckingham: A, ρ and C = W;
 * - Lennard-Jones: H = 4εσ¹², η = 12, W = 4εσ⁶.
 * Energies are truncated and shifted to zero at the cutoff (forces are not shifted), exactly what LAMMPS does
 * with `pair_modify shift yes` (and what our tabulated LAMMPS tables contain).
 *
 * Coulomb: q_a q_b e²/r with e² = COULOMB_EV_A, either by Ewald summation (the reference) or by the damped
 * shifted-force sum (DSF; Fennell & Gezelter, J. Chem. Phys. 124, 234104 (2006)), the fast default.
 * Default for the AgI model: DSF damping α = 0.1 Å⁻¹ with Coulomb cutoff 12 Å (short-range cutoff 10 Å).
 * Chosen by a scan against Ewald on a disordered 128-atom AgI snapshot (test/simulate/forces.test.ts): the DSF sum
 * omits Ewald's reciprocal part, so its error grows with α (relative RMS force error 6 %/10 %/18 % for
 * α = 0.1/0.2/0.3 Å⁻¹ at rc = 10 Å) and falls with rc (α = 0.1: 6.4 %, 4.1 %, 2.6 % at rc = 10, 12, 14 Å);
 * total energies agree within ~20 meV/atom. For per-atom energies (DOAS) prefer Ewald, which is exact.
 *
 * Bonded terms (LAMMPS conventions, no factor ½): bond E = K (r − r0)², angle E = K (θ − θ0)².
 * Pairs within one molecule (closest image) are excluded from the short-range terms but keep their Coulomb
 * interaction (LAMMPS `special_bonds lj 0 0 0 coul 1 1 1`).
 */
import { InputError } from '../core/errors.js';
import type { Topology } from '../core/topology.js';

/** One short-range pair term between species a and b (see the header for the formula). */
export interface PairTermSpec {
  a: string;
  b: string;
  /** Repulsion prefactor H, eV·Å^η. */
  H?: number;
  /** Integer repulsion exponent η. */
  eta?: number;
  /** Born–Mayer prefactor A, eV. */
  A?: number;
  /** Born–Mayer length ρ, Å. */
  rho?: number;
  /** Charge–dipole r⁻⁴ coefficient P, eV·Å⁴. */
  P?: number;
  /** Dispersion r⁻⁶ coefficient W (Buckingham C), eV·Å⁶. */
  W?: number;
}

export interface BondTypeSpec {
  a: string;
  b: string;
  K_eV_A2: number;
  r0_A: number;
}
export interface AngleTypeSpec {
  a: string;
  centre: string;
  b: string;
  K_eV_rad2: number;
  theta0_deg: number;
}

export type CoulombMethod = 'dsf' | 'ewald' | 'none';

export interface CoulombSpec {
  method: CoulombMethod;
  /** Real-space cutoff, Å (DSF cutoff or Ewald real-space cutoff). */
  cutoff_A: number;
  /** DSF damping α, Å⁻¹ (default 0.2). */
  alpha_per_A?: number;
  /** Ewald relative accuracy δ (default 1e-10): α = √(−ln δ)/rc, k_max = 2α√(−ln δ). */
  ewaldAccuracy?: number;
}

export interface ForceFieldSpec {
  name: string;
  /** Static charge per species, e. */
  charges: Record<string, number>;
  pairs: PairTermSpec[];
  /** Short-range cutoff, Å. */
  cutoff_A: number;
  coulomb: CoulombSpec;
  bondTypes?: BondTypeSpec[];
  angleTypes?: AngleTypeSpec[];
}

/** Force field resolved against a topology: flat per-type arrays for the kernels. */
export interface CompiledForceField {
  spec: ForceFieldSpec;
  nTypes: number;
  /** Force-field type of each atom (= topology species code). */
  type: Int32Array;
  /** Charge per atom, e. */
  charge: Float64Array;
  /** Per type pair (a·nTypes + b), PAIR_STRIDE numbers: H, η, A, 1/ρ, P, W, energy shift, active flag. */
  pair: Float64Array;
  cutoffSR: number;
  cutoffCoulomb: number;
  hasCharges: boolean;
}

export const PAIR_STRIDE = 8;

/** Energy of the unified short-range form (unshifted) at r. */
export function shortRangeEnergy(t: PairTermSpec, r: number): number {
  const H = t.H ?? 0,
    eta = t.eta ?? 0,
    A = t.A ?? 0,
    rho = t.rho ?? 1,
    P = t.P ?? 0,
    W = t.W ?? 0;
  return (H !== 0 ? H / Math.pow(r, eta) : 0) + (A !== 0 ? A * Math.exp(-r / rho) : 0) - P / r ** 4 - W / r ** 6;
}

/** −dV/dr of the unified short-range form at r (eV/Å). */
export function shortRangeForce(t: PairTermSpec, r: number): number {
  const H = t.H ?? 0,
    eta = t.eta ?? 0,
    A = t.A ?? 0,
    rho = t.rho ?? 1,
    P = t.P ?? 0,
    W = t.W ?? 0;
  return (H !== 0 ? (eta * H) / Math.pow(r, eta + 1) : 0) + (A !== 0 ? (A / rho) * Math.exp(-r / rho) : 0) - (4 * P) / r ** 5 - (6 * W) / r ** 7;
}

/**
 * Resolve a force field against a topology. Throws an InputError naming the species when an atom's species
 * has no charge or a species pair has no short-range term and no explicit `none`.
 */
export function compileForceField(spec: ForceFieldSpec, topology: Topology): CompiledForceField {
  const sym = topology.symbols;
  const n = sym.length;
  const known = new Set(Object.keys(spec.charges));
  for (const p of spec.pairs) {
    known.add(p.a);
    known.add(p.b);
  }
  const present = new Set<number>();
  for (let i = 0; i < topology.species.length; i++) present.add(topology.species[i]);
  for (const c of present) {
    if (!known.has(sym[c])) {
      throw new InputError(`species "${sym[c]}" has no parameters in force field "${spec.name}" (it knows ${[...known].join(', ')})`);
    }
  }
  if (!(spec.cutoff_A > 0)) throw new InputError(`force field "${spec.name}": short-range cutoff must be > 0 Å, got ${spec.cutoff_A}`);
  if (spec.coulomb.method !== 'none' && !(spec.coulomb.cutoff_A > 0))
    throw new InputError(`force field "${spec.name}": Coulomb cutoff must be > 0 Å`);
  const pair = new Float64Array(n * n * PAIR_STRIDE);
  for (const t of spec.pairs) {
    const a = sym.indexOf(t.a),
      b = sym.indexOf(t.b);
    if (a < 0 || b < 0) continue; // term for species absent from this system
    const eta = t.eta ?? 0;
    if (!Number.isInteger(eta) || eta < 0 || eta > 30)
      throw new InputError(`force field "${spec.name}": pair ${t.a}-${t.b} needs an integer exponent η in 0..30, got ${eta}`);
    if ((t.A ?? 0) !== 0 && !((t.rho ?? 0) > 0)) throw new InputError(`force field "${spec.name}": pair ${t.a}-${t.b} has A ≠ 0 but ρ ≤ 0`);
    const shift = shortRangeEnergy(t, spec.cutoff_A);
    for (const [x, y] of [
      [a, b],
      [b, a],
    ]) {
      const o = (x * n + y) * PAIR_STRIDE;
      pair[o] = t.H ?? 0;
      pair[o + 1] = eta;
      pair[o + 2] = t.A ?? 0;
      pair[o + 3] = (t.A ?? 0) !== 0 ? 1 / t.rho! : 0;
      pair[o + 4] = t.P ?? 0;
      pair[o + 5] = t.W ?? 0;
      pair[o + 6] = shift;
      pair[o + 7] = 1;
    }
  }
  const type = Int32Array.from(topology.species);
  const charge = new Float64Array(type.length);
  let hasCharges = false;
  for (let i = 0; i < type.length; i++) {
    const q = spec.charges[sym[type[i]]] ?? 0;
    charge[i] = q;
    if (q !== 0) hasCharges = true;
  }
  const cutoffCoulomb = spec.coulomb.method === 'none' || !hasCharges ? 0 : spec.coulomb.cutoff_A;
  return { spec, nTypes: n, type, charge, pair, cutoffSR: spec.cutoff_A, cutoffCoulomb, hasCharges };
}

/**
 * The AgI rigid-ion model (Vashishta–Rahman form; parameters from data/README.md, as published in
 * amirhajibabaei/Wurtzite): q_Ag = +0.5815 e, q_I = −0.5815 e, short-range cutoff 10 Å, Coulomb DSF α = 0.1 Å⁻¹
 * with cutoff 12 Å by default (see the header).
 */
export function agiForceField(
  opts: { coulomb?: CoulombMethod; cutoff_A?: number; coulombCutoff_A?: number; alpha_per_A?: number } = {},
): ForceFieldSpec {
  const rc = opts.cutoff_A ?? 10;
  const rcC = opts.coulombCutoff_A ?? 12;
  return {
    name: 'AgI rigid-ion (Vashishta–Rahman)',
    charges: { Ag: 0.5815, I: -0.5815 },
    pairs: [
      { a: 'Ag', b: 'Ag', H: 0.16, eta: 11 },
      { a: 'Ag', b: 'I', H: 1310.0, eta: 9, P: 14.9 },
      { a: 'I', b: 'I', H: 5328.0, eta: 7, P: 29.8, W: 84.5 },
    ],
    cutoff_A: rc,
    coulomb: { method: opts.coulomb ?? 'dsf', cutoff_A: rcC, alpha_per_A: opts.alpha_per_A ?? 0.1 },
  };
}

/**
 * Force field of the polyanion-rotor model (see polyanionRotor.ts): M⁺ cations and rigid-ish XY4²⁻ anions.
 * Charges q_M = +1, q_X = 0, q_Y = −0.5 (sum zero for M2XY4). Buckingham M–Y (A = 426.48 eV, ρ = 0.30 Å) after
 * Lewis & Catlow's Li–O term; Y–Y Born–Mayer repulsion A = 22764 eV, ρ = 0.149 Å (Lewis & Catlow's O–O
 * repulsion *without* its −C/r⁶ term: with q_Y = −½ instead of −2 the Coulomb barrier is 16× weaker and the
 * r⁻⁶ term makes the potential collapse below ~1.2 Å); soft M–X, M–M and X–Y repulsions (A = 1000, 100,
 * 1000 eV, ρ = 0.25 Å). X–Y acts between different anions only, because pairs bonded within one anion (1–2 and
 * 1–3) are excluded from the short-range terms (their Coulomb is kept). Harmonic X–Y bonds (K = 20 eV/Å², r0 = 1.5 Å)
 * and Y–X–Y angles (K = 3 eV/rad², 109.47°). Stable as a solid up to ~1800 K at a = 7.2 Å (2×2×2, 224 atoms;
 * melts near 1900 K). A teaching model for the anion-mode constraints, not a fitted material.
 */
export function rotorForceField(
  species: { M: string; X: string; Y: string } = { M: 'Li', X: 'S', Y: 'O' },
  opts: { coulomb?: CoulombMethod; cutoff_A?: number } = {},
): ForceFieldSpec {
  const { M, X, Y } = species;
  const rc = opts.cutoff_A ?? 8;
  return {
    name: `polyanion rotor ${M}2${X}${Y}4`,
    charges: { [M]: 1, [X]: 0, [Y]: -0.5 },
    pairs: [
      { a: M, b: Y, A: 426.48, rho: 0.3 },
      { a: Y, b: Y, A: 22764.0, rho: 0.149 },
      { a: X, b: Y, A: 1000.0, rho: 0.25 },
      { a: M, b: X, A: 1000.0, rho: 0.25 },
      { a: M, b: M, A: 100.0, rho: 0.25 },
    ],
    cutoff_A: rc,
    coulomb: { method: opts.coulomb ?? 'dsf', cutoff_A: rc, alpha_per_A: 0.25 },
    bondTypes: [{ a: X, b: Y, K_eV_A2: 20, r0_A: 1.5 }],
    angleTypes: [{ a: Y, centre: X, b: Y, K_eV_rad2: 3, theta0_deg: 109.4712206 }],
  };
}
