/**
 * LAMMPS data file writer (atom style atomic or charge), the input `read_data` takes and that
 * `readLammpsData` and ASE's `read_lammps_data` read back: header (atoms, atom types, box bounds
 * from 0, `xy xz yz` for a triclinic cell), `Masses` with a `# Li` label per type, `Atoms # style`,
 * and `Velocities` when the frame has them. Types are numbered in the order of the topology's
 * species. Values are converted from Å, Å/fs, e to the unit style (default metal: velocities ×1000
 * to Å/ps). The cell must be LAMMPS's restricted triclinic form (a along x, b in the xy plane:
 * zero upper-right entries); other orientations are refused rather than silently rotated.
 * Numbers are written in the shortest form that parses back to the same double.
 */
import { writeFileSync } from 'node:fs';
import { InputError } from '../core/errors.js';
import type { Frame } from '../core/frame.js';
import type { Topology } from '../core/topology.js';
import { checkOutputPath } from './fileAccess.js';
import { DEFAULT_LAMMPS_UNITS, lammpsUnitFactors } from './lammpsUnits.js';

export interface WriteLammpsDataOptions {
  /** `atomic` (default) or `charge` (needs topology.charges or frame.charges). */
  atomStyle?: 'atomic' | 'charge';
  /** Unit style (default metal). */
  units?: string;
  /** First line of the file. */
  title?: string;
}

/** The data file text of one frame. */
export function lammpsDataText(top: Topology, fr: Frame, opts: WriteLammpsDataOptions = {}): string {
  const style = opts.atomStyle ?? 'atomic';
  const u = lammpsUnitFactors(opts.units ?? DEFAULT_LAMMPS_UNITS);
  const n = top.species.length;
  if (fr.positions.length !== 3 * n)
    throw new InputError(`frame has ${fr.positions.length / 3} atoms; expected ${n} (the topology)`, { frame: fr.index });
  if (!fr.cell) throw new InputError('a LAMMPS data file needs a periodic cell; the frame has none', { frame: fr.index });
  const m = fr.cell.matrix;
  if (Math.abs(m[1]) > 1e-12 * Math.abs(m[0]) || Math.abs(m[2]) > 1e-12 * Math.abs(m[0]) || Math.abs(m[5]) > 1e-12 * Math.abs(m[4])) {
    throw new InputError('the cell is not in LAMMPS restricted triclinic form (a along x, b in the xy plane); rotate it first', { frame: fr.index });
  }
  const q = style === 'charge' ? (fr.charges ?? top.charges) : undefined;
  if (style === 'charge' && !q) throw new InputError('atom style charge needs charges (topology.charges or frame.charges)', { frame: fr.index });
  const L = 1 / u.length_A;
  const num = (x: number) => {
    if (!Number.isFinite(x)) throw new InputError(`cannot write ${x}: not finite`, { frame: fr.index });
    return String(x);
  };
  const out: string[] = [opts.title ?? 'LAMMPS data file written by superionic', '', `${n} atoms`, `${top.symbols.length} atom types`, ''];
  out.push(`0 ${num(m[0] * L)} xlo xhi`, `0 ${num(m[4] * L)} ylo yhi`, `0 ${num(m[8] * L)} zlo zhi`);
  if (m[3] !== 0 || m[6] !== 0 || m[7] !== 0) out.push(`${num(m[3] * L)} ${num(m[6] * L)} ${num(m[7] * L)} xy xz yz`);
  out.push('', 'Masses', '');
  top.symbols.forEach((s, t) => {
    const i = top.species.indexOf(t);
    out.push(`${t + 1} ${num(i >= 0 ? top.masses[i] : 0)} # ${s}`);
  });
  out.push('', `Atoms # ${style}`, '');
  for (let i = 0; i < n; i++) {
    const xyz = [0, 1, 2].map((k) => num(fr.positions[3 * i + k] * L)).join(' ');
    out.push(q ? `${i + 1} ${top.species[i] + 1} ${num(q[i] / u.charge_e)} ${xyz}` : `${i + 1} ${top.species[i] + 1} ${xyz}`);
  }
  if (fr.velocities) {
    out.push('', 'Velocities', '');
    for (let i = 0; i < n; i++) out.push(`${i + 1} ${[0, 1, 2].map((k) => num(fr.velocities![3 * i + k] / u.velocity_A_fs)).join(' ')}`);
  }
  return out.join('\n') + '\n';
}

/** Write one frame as a LAMMPS data file. */
export function writeLammpsData(path: string, top: Topology, fr: Frame, opts: WriteLammpsDataOptions = {}): void {
  checkOutputPath(path, 'a LAMMPS data file path');
  const text = lammpsDataText(top, fr, opts);
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new InputError(`cannot write the file (${(e as Error).message})`, { file: path });
  }
}
