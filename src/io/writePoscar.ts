/**
 * VASP POSCAR writer (VASP 5 format): comment, scale 1, the three lattice vectors (rows, Å), species names,
 * counts, `Cartesian`, then the positions (Å). POSCAR lists atoms grouped by species, so atoms are written
 * grouped in the order each species first appears (stable within a species); `poscarOrder` gives that order
 * (the identity when the atoms are already grouped, as the builders make them). Numbers are written in the
 * shortest form that parses back to the same double, so the file read back (format 'poscar') reproduces the
 * cell and positions exactly.
 */
import { writeFileSync } from 'node:fs';
import type { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import type { Topology } from '../core/topology.js';
import { checkOutputPath } from './fileAccess.js';

/** The order atoms are written in: grouped by species, species in order of first appearance. */
export function poscarOrder(topology: Topology): Int32Array {
  const sp = topology.species,
    firstSeen: number[] = [];
  for (let i = 0; i < sp.length; i++) if (!firstSeen.includes(sp[i])) firstSeen.push(sp[i]);
  const order = new Int32Array(sp.length);
  let k = 0;
  for (const s of firstSeen) for (let i = 0; i < sp.length; i++) if (sp[i] === s) order[k++] = i;
  return order;
}

function num(x: number, what: string): string {
  if (!Number.isFinite(x)) throw new InputError(`cannot write POSCAR: ${what} ${x} is not finite`);
  return String(x);
}

/** A structure as POSCAR text. */
export function poscarText(topology: Topology, cell: Cell, positions: ArrayLike<number>, comment = 'written by superionic'): string {
  const n = topology.species.length;
  if (positions.length !== 3 * n) throw new InputError(`POSCAR: ${positions.length / 3} positions for ${n} atoms`);
  const order = poscarOrder(topology);
  const names: string[] = [],
    counts: number[] = [];
  for (const i of order) {
    const s = topology.symbols[topology.species[i]];
    if (names[names.length - 1] === s) counts[counts.length - 1]++;
    else {
      names.push(s);
      counts.push(1);
    }
  }
  const m = cell.matrix;
  const lines = [comment.replace(/\n/g, ' '), '1.0'];
  for (let r = 0; r < 3; r++) lines.push(`  ${num(m[3 * r], 'cell')} ${num(m[3 * r + 1], 'cell')} ${num(m[3 * r + 2], 'cell')}`);
  lines.push('  ' + names.join(' '), '  ' + counts.join(' '), 'Cartesian');
  for (const i of order) lines.push(`  ${num(positions[3 * i], 'x')} ${num(positions[3 * i + 1], 'y')} ${num(positions[3 * i + 2], 'z')}`);
  return lines.join('\n') + '\n';
}

/** Write a structure to a POSCAR file (atoms grouped by species; see `poscarOrder`). */
export function writePoscar(path: string, topology: Topology, cell: Cell, positions: ArrayLike<number>, comment?: string): void {
  checkOutputPath(path, 'a POSCAR file path');
  writeFileSync(path, poscarText(topology, cell, positions, comment));
}
