/**
 * Physical bounds on what a trajectory file may contain. A corrupted frame (a flipped byte, a
 * crashed run's half-written line, `1e300` or Fortran `1D300`) is still a finite number, and one
 * such coordinate silently poisons a whole species' MSD; so every reader checks what it read
 * against bounds no real simulation comes near, and refuses the file with an InputError naming
 * file, frame and line:
 *
 * - |x|, |y|, |z| ≤ {@link MAX_COORDINATE_A} = 1e6 Å (a 100 µm box; unwrapped runs drift ~100 Å);
 * - cell volume ≥ {@link MIN_VOLUME_PER_ATOM_A3} = 1 Å³ per atom (solids have 10–30; 1 Å³ is
 *   denser than any matter at GPa) and ≤ {@link MAX_CELL_VOLUME_A3} = 1e9 Å³ (a (1 µm)³ box);
 * - lattice vectors right-handed (a·(b×c) > 0, as VASP, LAMMPS and ASE write them; a left-handed or
 *   inverted box is a sign error);
 * - a frame interval between {@link MIN_FRAME_INTERVAL_FS} and {@link MAX_FRAME_INTERVAL_FS}.
 */
import type { Cell } from '../core/cell.js';
import { InputError, InputErrorLocation } from '../core/errors.js';
import { FRAME_INTERVAL_RANGE_FS } from '../core/frameInterval.js';

/** Largest |coordinate| accepted from a file, Å. */
export const MAX_COORDINATE_A = 1e6;
/** Smallest cell volume per atom accepted, Å³. */
export const MIN_VOLUME_PER_ATOM_A3 = 1;
/** Largest cell volume accepted, Å³. */
export const MAX_CELL_VOLUME_A3 = 1e9;
/** Smallest frame interval / time step accepted, fs (1 as). */
export const MIN_FRAME_INTERVAL_FS = FRAME_INTERVAL_RANGE_FS[0];
/** Largest frame interval accepted, fs (100 ns between stored frames). */
export const MAX_FRAME_INTERVAL_FS = FRAME_INTERVAL_RANGE_FS[1];

/** Signed triple product a·(b×c) of a row-major 3×3 matrix. */
export function tripleProduct(m: ArrayLike<number>): number {
  return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
}

/**
 * Refuse a cell no real structure has: left-handed (negative triple product), volume below
 * 1 Å³ per atom (`nAtoms` > 0) or above 1e9 Å³.
 */
export function checkCellPlausible(cell: Cell, nAtoms: number, where: InputErrorLocation): void {
  const det = tripleProduct(cell.matrix);
  if (det < 0) {
    throw new InputError(
      `lattice vectors are left-handed (a·(b×c) = ${det.toPrecision(4)} Å³ < 0; an inverted box?); expected a right-handed cell`,
      where,
    );
  }
  const v = cell.volume;
  if (v > MAX_CELL_VOLUME_A3) {
    throw new InputError(
      `cell volume ${v.toPrecision(4)} Å³ is above ${MAX_CELL_VOLUME_A3} Å³; expected a simulation cell (corrupt lattice or scale factor?)`,
      where,
    );
  }
  if (nAtoms > 0 && v < MIN_VOLUME_PER_ATOM_A3 * nAtoms) {
    throw new InputError(
      `cell volume ${v.toPrecision(4)} Å³ is below ${MIN_VOLUME_PER_ATOM_A3} Å³ per atom for ${nAtoms} atoms; expected a physical density (corrupt lattice or scale factor?)`,
      where,
    );
  }
}

/** Index of the first atom (xyz triple) with a coordinate beyond {@link MAX_COORDINATE_A}, or −1. */
export function firstImplausibleAtom(pos: ArrayLike<number>): number {
  for (let i = 0; i < pos.length; i++) {
    const v = pos[i];
    if (!(v <= MAX_COORDINATE_A && v >= -MAX_COORDINATE_A)) return Math.floor(i / 3);
  }
  return -1;
}

/** The error for the atom at `slot` of `pos` (atom `atom` of the file) whose coordinates are out of bounds. */
export function implausibleCoordinateError(pos: ArrayLike<number>, slot: number, atom: number, where: InputErrorLocation): InputError {
  const xyz = [pos[3 * slot], pos[3 * slot + 1], pos[3 * slot + 2]].map((v) => v.toPrecision(4)).join(' ');
  return new InputError(
    `atom ${atom} is at (${xyz}) Å, beyond ±${MAX_COORDINATE_A} Å; a corrupted coordinate? expected positions inside a simulation cell`,
    where,
  );
}

/** Throw unless `dt_fs` is a frame interval in [{@link MIN_FRAME_INTERVAL_FS}, {@link MAX_FRAME_INTERVAL_FS}] fs. */
export function checkFrameInterval(dt_fs: number, what: string, where: InputErrorLocation = {}): number {
  if (!(Number.isFinite(dt_fs) && dt_fs > 0)) throw new InputError(`${what} must be a positive number of fs, got ${dt_fs}`, where);
  if (dt_fs < MIN_FRAME_INTERVAL_FS || dt_fs > MAX_FRAME_INTERVAL_FS) {
    throw new InputError(
      `${what} ${dt_fs} fs is outside [${MIN_FRAME_INTERVAL_FS}, ${MAX_FRAME_INTERVAL_FS}] fs; expected an MD frame interval in fs (not ps or s)`,
      where,
    );
  }
  return dt_fs;
}
