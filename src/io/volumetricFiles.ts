/**
 * Writers for volumetric data on a periodic grid, in the two formats the ecosystem opens (VESTA,
 * OVITO, VMD, pymatgen `VolumetricData`, ASE):
 *
 *  - Gaussian CUBE: lengths in Bohr (0.529177210903 Å), grid point (i, j, k) at i·a/n_a + j·b/n_b + k·c/n_c
 *    from the origin, values z fastest, 6 per line and a new line after every z row. A density given
 *    per Å³ is written per Bohr³ (× 0.529177210903³), the atomic unit of a CUBE density.
 *  - VASP CHGCAR-style: a POSCAR header (Direct coordinates, species grouped), a blank line, n_a n_b n_c,
 *    then value × V_cell (VASP's convention: Σ data / N_grid = ∫ρ d³r), x fastest, 5 per line.
 * Pure functions returning the text; writing it to disk is the caller's.
 */
import { Cell } from '../core/cell.js';
import { element } from '../core/elements.js';
import { InputError } from '../core/errors.js';

/** Length of one Bohr in Å (CODATA 2018). */
export const BOHR_A = 0.529177210903;

/** A grid to write: shape, cell rows (Å), values in C order (z fastest), per Å³. */
export interface VolumetricData {
  shape: [number, number, number];
  cell: ArrayLike<number>;
  values: ArrayLike<number>;
}

/** Atoms to put in the file header (Cartesian positions in Å). */
export interface VolumetricAtoms {
  symbols: string[];
  positions: ArrayLike<number>;
}

function check(g: VolumetricData, atoms?: VolumetricAtoms): void {
  const [na, nb, nc] = g.shape;
  if (![na, nb, nc].every((n) => Number.isInteger(n) && n >= 1))
    throw new InputError(`volumetric grid shape must be three whole numbers ≥ 1, got ${g.shape.join(',')}`);
  if (g.values.length !== na * nb * nc)
    throw new InputError(`volumetric grid has ${g.values.length} values; expected ${na * nb * nc} (${na}×${nb}×${nc})`);
  if (g.cell.length !== 9) throw new InputError(`volumetric grid cell must have 9 numbers, got ${g.cell.length}`);
  if (atoms && atoms.positions.length !== 3 * atoms.symbols.length)
    throw new InputError(`atoms: ${atoms.symbols.length} symbols but ${atoms.positions.length / 3} positions`);
  for (let v = 0; v < g.values.length; v++)
    if (!Number.isFinite(g.values[v])) throw new InputError(`volumetric grid value ${v} is not finite (${g.values[v]})`);
}

function e(x: number, digits: number): string {
  // Fortran-like E format with a two-digit exponent at least: 1.23450E-03.
  const s = x.toExponential(digits).toUpperCase();
  const m = /E([+-])(\d+)$/.exec(s)!;
  return s.replace(/E[+-]\d+$/, `E${m[1]}${m[2].padStart(2, '0')}`);
}

/** Gaussian CUBE text of a density given per Å³ (written per Bohr³). */
export function cubeText(
  g: VolumetricData,
  atoms?: VolumetricAtoms,
  title = 'superionic density',
  comment = 'number density, atoms per Bohr^3',
): string {
  check(g, atoms);
  const [na, nb, nc] = g.shape;
  const m = g.cell;
  const f = (x: number) => (x / BOHR_A).toFixed(6).padStart(12);
  const lines: string[] = [title.replace(/\n/g, ' '), comment.replace(/\n/g, ' ')];
  const nAt = atoms ? atoms.symbols.length : 0;
  lines.push(`${String(nAt).padStart(5)}${f(0)}${f(0)}${f(0)}`);
  for (let r = 0; r < 3; r++) {
    const n = g.shape[r];
    lines.push(`${String(n).padStart(5)}${f(m[3 * r] / n)}${f(m[3 * r + 1] / n)}${f(m[3 * r + 2] / n)}`);
  }
  if (atoms) {
    atoms.symbols.forEach((s, i) => {
      const Z = element(s)?.Z;
      if (Z === undefined) throw new InputError(`CUBE atoms: "${s}" is not an element symbol`);
      lines.push(
        `${String(Z).padStart(5)}${f(Z * BOHR_A)}${f(atoms.positions[3 * i])}${f(atoms.positions[3 * i + 1])}${f(atoms.positions[3 * i + 2])}`,
      );
    });
  }
  const toBohr3 = BOHR_A ** 3;
  const row: string[] = [];
  for (let i = 0; i < na; i++)
    for (let j = 0; j < nb; j++) {
      row.length = 0;
      for (let k = 0; k < nc; k++) {
        row.push(' ' + e(g.values[(i * nb + j) * nc + k] * toBohr3, 5));
        if (row.length === 6) {
          lines.push(row.join(''));
          row.length = 0;
        }
      }
      if (row.length) lines.push(row.join(''));
    }
  return lines.join('\n') + '\n';
}

/** VASP CHGCAR-style text of a density given per Å³ (data = ρ·V_cell, x fastest). Atoms are required (VASP readers need them). */
export function chgcarText(g: VolumetricData, atoms: VolumetricAtoms, title = 'superionic density'): string {
  check(g, atoms);
  if (atoms.symbols.length === 0) throw new InputError('a CHGCAR needs at least one atom in its header');
  const [na, nb, nc] = g.shape;
  const cell = new Cell(Array.from(g.cell));
  const order: string[] = [];
  for (const s of atoms.symbols) if (!order.includes(s)) order.push(s);
  const lines: string[] = [title.replace(/\n/g, ' '), '   1.00000000000000'];
  for (let r = 0; r < 3; r++) lines.push([0, 1, 2].map((k) => g.cell[3 * r + k].toFixed(12).padStart(22)).join(''));
  lines.push(order.map((s) => s.padStart(5)).join(''));
  lines.push(order.map((s) => String(atoms.symbols.filter((x) => x === s).length).padStart(6)).join(''));
  lines.push('Direct');
  const frac = cell.toFractional(Float64Array.from(atoms.positions));
  for (const s of order) {
    atoms.symbols.forEach((x, i) => {
      if (x !== s) return;
      lines.push([0, 1, 2].map((k) => (frac[3 * i + k] - Math.floor(frac[3 * i + k])).toFixed(8).padStart(12)).join(''));
    });
  }
  lines.push('');
  lines.push(`${String(na).padStart(5)}${String(nb).padStart(5)}${String(nc).padStart(5)}`);
  const V = cell.volume;
  const row: string[] = [];
  for (let k = 0; k < nc; k++)
    for (let j = 0; j < nb; j++)
      for (let i = 0; i < na; i++) {
        row.push(' ' + e(g.values[(i * nb + j) * nc + k] * V, 11));
        if (row.length === 5) {
          lines.push(row.join(''));
          row.length = 0;
        }
      }
  if (row.length) lines.push(row.join(''));
  return lines.join('\n') + '\n';
}
