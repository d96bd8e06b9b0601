/**
 * Species symbols as the reference readers accept them.
 *
 * - Case: ASE capitalises symbols read from (ext)XYZ files (`LI` → `Li`, `CL` → `Cl`, `CA` → `Ca`,
 *   ase.io.extxyz `s.capitalize()`); a label that is an element symbol in any case is read as
 *   that element. Labels that are not elements in any case are kept as written (a mass must then
 *   be given for them).
 * - Dummy atoms: `X` (ASE's Z = 0, mass 1.0) is in the element table.
 * - From a mass: LAMMPS dumps that carry only a `mass` column name the element whose standard
 *   atomic mass lies within 0.01 amu (and no other element's does); anything else is refused.
 */
import { element, elementTable } from '../core/elements.js';
import { InputError, InputErrorLocation } from '../core/errors.js';

/** The element symbol a label names, case-insensitively (`LI` → `Li`); the label itself if none. */
export function normalizeSymbol(label: string): string {
  if (element(label)) return label;
  const cap = label.length ? label[0].toUpperCase() + label.slice(1).toLowerCase() : label;
  return element(cap) ? cap : label;
}

/** Tolerance for naming an element from its mass, amu. */
export const MASS_MATCH_TOL_AMU = 0.01;

/** The element whose standard mass is within {@link MASS_MATCH_TOL_AMU} of `mass` (InputError if none or several). */
export function elementFromMass(mass: number, where: InputErrorLocation = {}): string {
  const hits = elementTable().filter((e) => e.Z > 0 && Math.abs(e.mass - mass) <= MASS_MATCH_TOL_AMU);
  if (hits.length !== 1) {
    throw new InputError(
      `mass ${mass} amu ${hits.length ? `matches ${hits.map((h) => h.symbol).join(' and ')}` : "is no element's standard atomic mass"} within ${MASS_MATCH_TOL_AMU} amu; expected a type or element column, or --types`,
      where,
    );
  }
  return hits[0].symbol;
}
