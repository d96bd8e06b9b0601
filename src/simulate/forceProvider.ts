/**
 * Force providers: what the engine's integrators, thermostats, FIRE, NEB and the UC/RC/RTC/RTVC anion
 * constraints take forces from. A provider is bound to one system (atoms, cell) and maps positions x to
 * forces F = −∂E/∂x, per-atom energies E_i (Σ_i E_i = E) and the virial W = Σ_i r_i·F_i (for pressure
 * P = (2 KE + W)/(3V)). Two kinds:
 *   - a built-in force field (`ForceFieldSpec`, evaluated by ForceComputer: pair + Coulomb + bonded terms);
 *   - a potential (`Potential`: anything with `bind(system)`), e.g. a machine-learned interatomic potential
 *     (src/simulate/ml/mlPotential.ts: CHGNet, SevenNet in a Python worker).
 * The built-in path is unchanged: `createForceProvider(system, spec)` is `new ForceComputer(system, spec)`.
 */
import type { Cell } from '../core/cell.js';
import { ForceComputer, ForceComputerOptions } from './forceComputer.js';
import type { ForceFieldSpec } from './forceField.js';
import type { MDSystem } from './mdSystem.js';

/** Energy and virial of a provider's last evaluation, eV. */
export interface ProviderTerms {
  total_eV: number;
  /** Virial W = Σ r·F, eV (for a periodic ML potential: −V·tr σ with σ the stress, eV/Å³). */
  virial_eV: number;
}

/** A force provider bound to one system (fixed atoms and cell). */
export interface ForceProvider {
  readonly nAtoms: number;
  readonly cell: Cell;
  /** Step counter for error messages (set by the engine). */
  step: number;
  readonly last: ProviderTerms;
  /**
   * Forces (eV/Å) into `f` and per-atom energies (eV) into `pe` at positions `x` (3N, Å); returns the
   * potential energy, eV. With `perAtom` false a provider may leave `pe` untouched. With `energy` false (and
   * `perAtom` false) a provider may skip energy and virial: `last` and the return value are then those of its
   * last evaluation with energy (the built-in pair table does, as LAMMPS on steps without thermo output).
   */
  compute(x: Float64Array, f: Float64Array, pe: Float64Array, perAtom?: boolean, energy?: boolean): number;
  /** Release what the provider holds beyond memory (worker threads); optional. */
  close?(): void;
}

/** A potential that can be bound to systems: the interface external (e.g. ML) potentials implement. */
export interface Potential {
  /** Name with version, e.g. "chgnet 0.3.0 (chgnet 0.4.2)", carried into results. */
  readonly description: string;
  bind(system: MDSystem, opts?: ForceComputerOptions): ForceProvider;
  /**
   * Energies and forces of several structures in one call (relaxations of many frames, NEB images).
   * Optional: without it callers evaluate one bound provider per structure.
   */
  evaluateBatch?(
    systems: MDSystem[],
  ): { energy_eV: number; forces: Float64Array; energies: Float64Array; virial_eV: number; stress_eV_A3?: Float64Array }[];
}

/** What the engine accepts as the source of forces. */
export type ForceSource = ForceFieldSpec | Potential;

/** True when `s` is a bindable potential rather than a built-in force-field description. */
export function isPotential(s: ForceSource): s is Potential {
  return typeof (s as Potential).bind === 'function';
}

/** A provider for `system` from a force field (built-in ForceComputer) or a potential (its `bind`). */
export function createForceProvider(system: MDSystem, source: ForceSource, opts: ForceComputerOptions = {}): ForceProvider {
  return isPotential(source) ? source.bind(system, opts) : new ForceComputer(system, source, opts);
}

/** Name of a force source for results ("built-in force field" or the potential's description). */
export function forceSourceDescription(source: ForceSource): string {
  return isPotential(source) ? source.description : 'built-in force field';
}
