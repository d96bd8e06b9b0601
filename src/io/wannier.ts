/**
 * Wannier-centre readers (for anion polarization, Wood 2021).
 *
 * Both Wannier90 (`seedname_centres.xyz`, written with `write_xyz = .true.`) and CP2K
 * (`&LOCALIZE / &PRINT / &WANNIER_CENTERS` with `IONS+CENTERS`, XYZ format) write plain XYZ blocks:
 * a count line, a comment line, then `symbol x y z` lines (Å), where the Wannier centres carry the
 * symbol `X` and the atoms their element symbols. CP2K appends one block per MD step. Neither file
 * holds the cell: the caller gives it.
 */
import { InputError } from '../core/errors.js';
import { readWholeFile } from './fileAccess.js';

export interface WannierFrame {
  /** 0-based block index in the file. */
  index: number;
  /** The block's comment line. */
  comment: string;
  /** Wannier-centre positions, Å, 3 per centre. */
  centres: Float64Array;
  /** Atom symbols (all non-`X` entries), in file order. */
  atomSymbols: string[];
  /** Atom positions, Å, 3 per atom. */
  atomPositions: Float64Array;
}

/** Parse the text of a Wannier-centre XYZ file (one or more blocks). */
export function parseWannierCentresXyz(text: string, source = '<text>', centreSymbol = 'X'): WannierFrame[] {
  const lines = text.split(/\r?\n/);
  const frames: WannierFrame[] = [];
  let ln = 0;
  while (ln < lines.length) {
    if (lines[ln].trim() === '') {
      ln++;
      continue;
    }
    const where = { file: source, frame: frames.length, line: ln + 1 };
    const count = Number(lines[ln].trim());
    if (!Number.isInteger(count) || count < 1) {
      throw new InputError(`expected the number of entries (a whole number ≥ 1) of an XYZ block, got "${lines[ln].trim()}"`, where);
    }
    const comment = lines[ln + 1] ?? '';
    const centres: number[] = [],
      atoms: number[] = [],
      symbols: string[] = [];
    for (let k = 0; k < count; k++) {
      const lineNo = ln + 2 + k;
      const raw = lines[lineNo];
      if (raw === undefined || raw.trim() === '') {
        throw new InputError(`XYZ block announces ${count} entries but has only ${k} (the file ends or a blank line follows)`, {
          ...where,
          line: lineNo + 1,
        });
      }
      const t = raw.trim().split(/\s+/);
      const xyz = [Number(t[1]), Number(t[2]), Number(t[3])];
      if (t.length < 4 || xyz.some((v) => !Number.isFinite(v))) {
        throw new InputError(`expected "symbol x y z" with three numbers (Å), got "${raw.trim()}"`, { ...where, line: lineNo + 1 });
      }
      if (t[0] === centreSymbol) centres.push(...xyz);
      else {
        symbols.push(t[0]);
        atoms.push(...xyz);
      }
    }
    frames.push({
      index: frames.length,
      comment,
      centres: Float64Array.from(centres),
      atomSymbols: symbols,
      atomPositions: Float64Array.from(atoms),
    });
    ln += 2 + count;
  }
  if (frames.length === 0) throw new InputError('no XYZ block found; expected a Wannier-centre .xyz file', { file: source });
  return frames;
}

/** Read a Wannier90 `_centres.xyz` or CP2K Wannier-centre `.xyz` file (`.gz` transparent). */
export function readWannierCentres(path: string, centreSymbol = 'X'): WannierFrame[] {
  const buf = readWholeFile(path, 'a Wannier-centre .xyz file');
  return parseWannierCentresXyz(buf.toString('utf8'), path, centreSymbol);
}
