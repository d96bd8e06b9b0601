/**
 * CP2K trajectory `<project>-pos-1.xyz`: XYZ frames whose comment line reads
 * `i =       10, time =        5.000, E =     -1234.5678` (step, time in fs, potential energy in
 * Hartree → eV with 27.211386245988 eV/Ha, CODATA 2018). The file has no cell: it comes from the
 * `cell` option, from a CP2K `.cell` file (`cellFile`, or `<project>-1.cell` next to the
 * positions when present), matched to each frame by step number (or by time); a `.cell` file of
 * one row applies to all frames.
 */
import { Cell } from '../core/cell.js';
import { InputError, InputErrorLocation } from '../core/errors.js';
import { CommentInfo, ExtxyzReader } from './extxyz.js';
import { parseNumberString } from './parseNumber.js';
import { LineFormatReader } from './lineFormatReader.js';
import { ReadOptions } from './readOptions.js';
import { type ByteInput, readWholeInput, sourceName } from './byteSource.js';
import { nodeFs } from './nodeModules.js';
import { latin1 } from './byteLineReader.js';

/** eV per Hartree (CODATA 2018). */
export const EV_PER_HARTREE = 27.211386245988;

const CP2K_COMMENT = /\bi\s*=\s*(-?\d+)\s*,\s*time\s*=\s*([^,\s]+)\s*,\s*E\s*=\s*([^,\s]+)/i;

/** A CP2K `.cell` file: one row per printed step. */
export interface Cp2kCellTable {
  steps: Float64Array;
  times_fs: Float64Array;
  /** 9 numbers per row (rows A, B, C), Å. */
  cells: Float64Array;
}

/** Parse a CP2K `.cell` file (`# Step Time [fs] Ax Ay Az Bx By Bz Cx Cy Cz Volume [Angstrom^3]`), by its path or from its bytes. */
export async function readCp2kCellFile(input: ByteInput): Promise<Cp2kCellTable> {
  const path = sourceName(input);
  const text = latin1(await readWholeInput(input, 'a CP2K .cell file'));
  const steps: number[] = [],
    times: number[] = [],
    cells: number[] = [];
  text.split('\n').forEach((l, k) => {
    const t = l.trim();
    if (!t || t.startsWith('#')) return;
    const v = t.split(/\s+/).map(parseNumberString);
    if (v.length < 11 || v.slice(0, 11).some((x) => !Number.isFinite(x))) {
      throw new InputError(`"${t.slice(0, 60)}"; expected Step Time Ax Ay Az Bx By Bz Cx Cy Cz [Volume]`, { file: path, line: k + 1 });
    }
    steps.push(v[0]);
    times.push(v[1]);
    cells.push(...v.slice(2, 11));
    new Cell(v.slice(2, 11), { file: path, line: k + 1 });
  });
  if (steps.length === 0) throw new InputError('cell file has no data rows; expected Step Time Ax Ay Az Bx By Bz Cx Cy Cz Volume', { file: path });
  return { steps: Float64Array.from(steps), times_fs: Float64Array.from(times), cells: Float64Array.from(cells) };
}

/** `<project>-pos-1.xyz[.gz]` → `<project>-1.cell` if that file exists. */
export function defaultCp2kCellFile(posPath: string): string | undefined {
  const m = /^(.*)-pos-(\d+)\.xyz(\.gz)?$/i.exec(posPath);
  if (!m) return undefined;
  for (const c of [`${m[1]}-${m[2]}.cell`, `${m[1]}-${m[2]}.cell.gz`]) if (nodeFs().existsSync(c)) return c;
  return undefined;
}

export class Cp2kXyzReader extends ExtxyzReader {
  protected override format = 'cp2k-xyz';
  private table: Cp2kCellTable | null = null;
  private byStep = new Map<number, number>();
  private tableCells: (Cell | undefined)[] = [];
  private cellPath = '';

  /**
   * Open a CP2K positions file by its path or from its bytes ({@link ByteInput}); the cell comes from
   * `cell`, `cellFile` or, for a path, the `<project>-1.cell` beside it.
   */
  static override async open(input: ByteInput, opts: ReadOptions): Promise<Cp2kXyzReader> {
    const path = typeof input === 'string' ? input : input.name;
    return LineFormatReader.openWith(
      input,
      (r) => new Cp2kXyzReader(r, opts),
      async (x) => {
        if (!opts.cell) {
          const cf = opts.cellFile ?? (typeof input === 'string' ? defaultCp2kCellFile(input) : undefined);
          if (!cf) {
            throw new InputError(
              'CP2K position files carry no cell (missing cell); expected the cell option (rows a, b, c in Å) or a CP2K .cell file (cellFile)',
              { file: path },
            );
          }
          x.cellPath = sourceName(cf);
          x.table = await readCp2kCellFile(cf);
          x.table.steps.forEach((s, k) => x.byStep.set(s, k));
        }
        await x.init();
      },
    );
  }

  private cellForStep(step: number, time: number, frame: number, where: InputErrorLocation): Cell {
    const t = this.table!;
    let k = this.byStep.get(step);
    if (k === undefined && t.steps.length === 1) k = 0;
    if (k === undefined) {
      for (let j = 0; j < t.times_fs.length; j++)
        if (Math.abs(t.times_fs[j] - time) <= 1e-6 * Math.max(1, Math.abs(time))) {
          k = j;
          break;
        }
    }
    if (k === undefined) {
      throw new InputError(`no cell for step ${step} (time ${time} fs) in ${this.cellPath}; expected a row with that step`, { ...where, frame });
    }
    let c = this.tableCells[k];
    if (!c) c = this.tableCells[k] = new Cell(t.cells.subarray(9 * k, 9 * k + 9), { file: this.cellPath, frame });
    return c;
  }

  protected override interpretComment(comment: string, frame: number, where: InputErrorLocation): CommentInfo {
    const m = CP2K_COMMENT.exec(comment);
    if (!m) {
      throw new InputError(`comment line "${comment.trim().slice(0, 60)}"; expected CP2K's "i = STEP, time = FS, E = HARTREE"`, where);
    }
    const step = Number(m[1]),
      time = parseNumberString(m[2]),
      eHa = parseNumberString(m[3]);
    if (!Number.isFinite(time) || !Number.isFinite(eHa)) {
      throw new InputError(`comment line "${comment.trim().slice(0, 60)}" has a non-numeric time or energy; expected numbers`, where);
    }
    const cell = this.table ? this.cellForStep(step, time, frame, where) : this.optCell;
    return { properties: 'species:S:1:pos:R:3', cell, time_fs: time, energy_eV: eHa * EV_PER_HARTREE };
  }
}
