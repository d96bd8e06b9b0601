/**
 * VASP OUTCAR reader (streaming; gzip transparent): one frame per ionic step.
 *
 * Species: the `POTCAR:` lines before `ions per type =` (VASP prints each one twice; the element is the
 * token after the functional, "PAW_PBE Li_sv 10Sep2004" → Li) with the counts of `ions per type`.
 * Per step: the `POSITION … TOTAL-FORCE (eV/Angst)` table (Cartesian Å and eV/Å), the last
 * `direct lattice vectors` block before it (rows a, b, c; first three columns), and the step's
 * `free  energy   TOTEN` (eV; the free energy, as in vasprun.xml's e_fr_energy and ASE's
 * free_energy) from the FREE ENERGIE block that follows the table. Frame interval POTIM (fs) when
 * IBRION = 0. The same conventions as ASE's `read_vasp_out`.
 */
import { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import type { Frame } from '../core/frame.js';
import { topologyFromSymbols } from '../core/topology.js';
import { ByteLineReader, type ByteInput } from './byteLineReader.js';
import { LineFormatReader } from './lineFormatReader.js';
import { parseNumberString } from './parseNumber.js';
import { ReadOptions, SkippedFrame } from './readOptions.js';
import { normalizeSymbol } from './speciesSymbol.js';

export class OutcarReader extends LineFormatReader {
  private cell: Cell | null = null;
  private mdStep: number | undefined;
  private constructor(r: ByteLineReader, opts: ReadOptions) {
    super(r, opts);
  }

  static async open(path: ByteInput, opts: ReadOptions): Promise<OutcarReader> {
    return LineFormatReader.openWith(
      path,
      (r) => new OutcarReader(r, opts),
      (x) => x.init(),
    );
  }

  private async lattice(frame: number): Promise<void> {
    const rows: number[] = [];
    for (let k = 0; k < 3; k++) {
      const line = this.r.lineNo;
      const t = await this.next();
      const v = (t ?? '').trim().split(/\s+/).slice(0, 3).map(parseNumberString);
      if (v.length !== 3 || !v.every(Number.isFinite))
        throw new InputError(
          `"${(t ?? '').trim().slice(0, 60)}"; expected a lattice vector (direct lattice vectors block)`,
          this.where({ frame, line }),
        );
      rows.push(...v);
    }
    this.cell = new Cell(rows, this.where({ frame }));
  }

  private async init(): Promise<void> {
    const potcars: string[] = [];
    let counts: number[] | null = null,
      ibrion: number | undefined,
      potim: number | undefined,
      sawVasp = false;
    for (;;) {
      if ((await this.r.ensureLines(1)) === 0) break;
      const t = this.r.lineText(0);
      if (/^\s*POSITION\s+TOTAL-FORCE/.test(t)) break; // the first step: left for readFrame
      this.r.consume(1);
      if (/^\s*vasp\.\d/.test(t)) sawVasp = true;
      const p = /^\s*POTCAR:\s+(\S+)\s+(\S+)/.exec(t);
      if (p && !counts) potcars.push(p[2]);
      const c = /ions per type\s*=\s*(.*)$/.exec(t);
      if (c) counts = c[1].trim().split(/\s+/).map(Number);
      const ib = /^\s*IBRION\s*=\s*(-?\d+)/.exec(t);
      if (ib) ibrion = Number(ib[1]);
      const po = /^\s*POTIM\s*=\s*([-\d.eE+]+)/.exec(t);
      if (po) potim = Number(po[1]);
      if (/direct lattice vectors/.test(t)) await this.lattice(0);
    }
    const w = this.where();
    if (!sawVasp && potcars.length === 0)
      throw new InputError('not a VASP OUTCAR: no "vasp." version line and no POTCAR: lines before the first ionic step', this.where({ line: 1 }));
    if (!counts || counts.some((x) => !Number.isInteger(x) || x <= 0))
      throw new InputError('no "ions per type =" line with positive counts before the first ionic step', w);
    let names = potcars;
    if (names.length === 2 * counts.length && names.slice(0, counts.length).every((s, i) => s === names[counts!.length + i]))
      names = names.slice(0, counts.length);
    if (names.length !== counts.length)
      throw new InputError(`${potcars.length} POTCAR: lines for ${counts.length} species (ions per type); cannot tell the species`, w);
    const symbols: string[] = [];
    names.forEach((s, k) => {
      const el = normalizeSymbol(/^[A-Za-z]{1,2}/.exec(s.split(/[_.]/)[0])?.[0] ?? s);
      for (let i = 0; i < counts![k]; i++) symbols.push(el);
    });
    this.nAtoms = symbols.length;
    this.topology = topologyFromSymbols(symbols, {}, w);
    this.mdStep = ibrion === 0 && potim !== undefined && potim > 0 ? potim : undefined;
    this.info = { source: this.r.path, format: 'outcar', timestep_fs: this.opts.timestep_fs ?? this.mdStep, unwrapped: false };
  }

  private async step(index: number, keep: boolean): Promise<Frame | null> {
    for (;;) {
      if ((await this.r.ensureLines(1)) === 0) return null;
      const t = this.r.lineText(0);
      if (/^\s*POSITION\s+TOTAL-FORCE/.test(t)) break;
      this.r.consume(1);
      if (/direct lattice vectors/.test(t)) await this.lattice(index);
    }
    const head = this.r.lineNo;
    this.r.consume(1);
    await this.next(); // dashes
    const n = this.nAtoms,
      m = this.nOut,
      map = this.map;
    const pos = keep ? new Float64Array(3 * m) : null,
      frc = keep ? new Float64Array(3 * m) : null;
    for (let i = 0; i < n; i++) {
      const line = this.r.lineNo;
      const t = await this.next();
      if (t === null)
        throw new InputError(`truncated POSITION table: ${i} of ${n} atoms before the end of the file`, this.where({ frame: index, line: head }));
      const slot = map ? map[i] : i;
      if (!pos || slot < 0) continue;
      const v = t.trim().split(/\s+/).map(parseNumberString);
      if (v.length !== 6 || !v.every(Number.isFinite))
        throw new InputError(
          `"${t.trim().slice(0, 60)}"; expected x y z fx fy fz (POSITION / TOTAL-FORCE table)`,
          this.where({ frame: index, line }),
        );
      for (let c = 0; c < 3; c++) {
        pos[3 * slot + c] = v[c];
        frc![3 * slot + c] = v[3 + c];
      }
    }
    // energy: the FREE ENERGIE block after the table (before the next table)
    let energy: number | undefined;
    for (;;) {
      if ((await this.r.ensureLines(1)) === 0) break;
      const t = this.r.lineText(0);
      if (/^\s*POSITION\s+TOTAL-FORCE/.test(t)) break;
      this.r.consume(1);
      const e = /free\s+energy\s+TOTEN\s*=\s*(\S+)\s*eV/.exec(t);
      if (e) {
        energy = parseNumberString(e[1]);
        break;
      }
    }
    if (!keep) return { index, cell: null, positions: new Float64Array(0) };
    return LineFormatReader.stepFrame(index, this.cell, pos!, {
      forces: frc,
      energy_eV: energy !== undefined && Number.isFinite(energy) ? energy : undefined,
      mdStep_fs: this.mdStep,
    });
  }

  async readFrame(index: number): Promise<Frame | null> {
    return this.step(index, true);
  }
  async skipFrame(index: number): Promise<SkippedFrame | null> {
    return (await this.step(index, false)) ? LineFormatReader.skippedStep(index, this.mdStep) : null;
  }
}
