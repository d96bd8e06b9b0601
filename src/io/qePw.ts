/**
 * Quantum ESPRESSO pw.x output (scf, relax, vc-relax, md, vc-md), read as ASE's `read_espresso_out`:
 * a configuration is the structure at each "Program PWSCF" start (alat from celldm(1), crystal
 * axes a(i) in alat, `tau` positions in alat) or each later `ATOMIC_POSITIONS (alat|bohr|angstrom|
 * crystal)` block, with a `CELL_PARAMETERS (alat= …|bohr|angstrom)` block just before it replacing
 * the cell; its results are the `!    total energy` (Ry) and `Forces acting on atoms` (Ry/Bohr)
 * that follow before the next configuration. Configurations without results (the final
 * coordinates a relax reprints, the positions an MD run prints after its last step) are not frames.
 * Converted with QE's CODATA 2006 constants as ASE does (Bohr 0.52917720835 Å, Ry 13.6056919328 eV). Species from the labels' leading letters ("Si1" → Si). Streaming: one
 * configuration is held until the next begins.
 */
import { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import type { Frame } from '../core/frame.js';
import { topologyFromSymbols } from '../core/topology.js';
import { ByteLineReader, type ByteInput } from './byteLineReader.js';
import { LineFormatReader } from './lineFormatReader.js';
import { parseNumberString } from './parseNumber.js';
import { ReadOptions, SkippedFrame } from './readOptions.js';
import { BOHR_A } from './qeCp.js';
import { normalizeSymbol } from './speciesSymbol.js';

/** Rydberg in eV, QE's CODATA 2006 (as ASE's read_espresso_out). */
export const RY_EV = 13.605691932782346;

interface Config {
  cell: Cell;
  positions: Float64Array;
  energy?: number;
  forces?: Float64Array;
  line: number;
}

const nums = (s: string) => (s.match(/[-+]?(?:\d+\.?\d*|\.\d+)(?:[eEdD][-+]?\d+)?/g) ?? []).map((x) => parseNumberString(x.replace(/[dD]/, 'e')));

export class QePwReader extends LineFormatReader {
  private alat = 0; // Å
  private cell: Cell | null = null;
  private symbols: string[] = [];
  private pending: Config | null = null;
  private pendingCell: Cell | null = null;
  private eof = false;
  private constructor(r: ByteLineReader, opts: ReadOptions) {
    super(r, opts);
  }

  static async open(path: ByteInput, opts: ReadOptions): Promise<QePwReader> {
    return LineFormatReader.openWith(
      path,
      (r) => new QePwReader(r, opts),
      (x) => x.init(),
    );
  }

  private bad(what: string, line: number): InputError {
    return new InputError(what, this.where({ line }));
  }

  /** Parse a "Program PWSCF" start block up to the tau table; returns its configuration. */
  private async start(line0: number): Promise<Config> {
    let nat = -1;
    const axes: number[] = [];
    for (;;) {
      const line = this.r.lineNo;
      const t = await this.next();
      if (t === null) throw this.bad('the file ends inside the pw.x header; expected the atomic positions (tau) table', line0);
      let m = /lattice\s+parameter\s+\(alat\)\s*=\s*(\S+)\s*a\.u\./.exec(t);
      if (m) this.alat = parseNumberString(m[1]) * BOHR_A;
      m = /celldm\(1\)\s*=\s*(\S+)/.exec(t); // alat with more digits than the "lattice parameter" line (as ASE)
      if (m && parseNumberString(m[1]) > 0) this.alat = parseNumberString(m[1]) * BOHR_A;
      m = /number\s+of\s+atoms\/cell\s*=\s*(\d+)/.exec(t);
      if (m) nat = Number(m[1]);
      if (/^\s*a\([123]\)\s*=\s*\(/.test(t)) axes.push(...nums(t.slice(t.indexOf('=') + 1)).slice(0, 3));
      if (/site\s+n\.\s+atom\s+positions\s+\(alat\s+units\)/.test(t)) {
        if (nat <= 0 || axes.length !== 9 || !(this.alat > 0))
          throw this.bad('pw.x header without "number of atoms/cell", the crystal axes a(1..3) or the lattice parameter before the positions', line);
        this.cell = new Cell(
          axes.map((x) => x * this.alat),
          this.where({ line }),
        );
        const pos = new Float64Array(3 * nat),
          syms: string[] = [];
        for (let i = 0; i < nat; i++) {
          const l = this.r.lineNo,
            u = await this.next();
          const mm = u === null ? null : /^\s*\d+\s+(\S+)\s+tau\(\s*\d+\)\s*=\s*\((.*)\)/.exec(u);
          if (!mm) throw this.bad(`"${(u ?? '').trim().slice(0, 60)}"; expected "n  label  tau(n) = ( x y z )"`, l);
          syms.push(mm[1]);
          const v = nums(mm[2]);
          for (let c = 0; c < 3; c++) pos[3 * i + c] = v[c] * this.alat;
        }
        const symbols = syms.map((s) => normalizeSymbol(/^[A-Za-z]{1,2}/.exec(s)?.[0] ?? s));
        if (this.symbols.length && (symbols.length !== this.symbols.length || symbols.some((s, i) => s !== this.symbols[i])))
          throw this.bad('a later pw.x run in this file has other atoms; expected the same atoms', line0);
        this.symbols = symbols;
        return { cell: this.cell, positions: pos, line: line0 };
      }
    }
  }

  private async positionsCard(header: string, line0: number): Promise<Config> {
    const unit = (/\(\s*(\w+)/.exec(header)?.[1] ?? /ATOMIC_POSITIONS\s+\{?(\w+)/.exec(header)?.[1] ?? 'alat').toLowerCase();
    const cell = this.pendingCell ?? this.cell!;
    this.pendingCell = null;
    this.cell = cell;
    const n = this.symbols.length,
      pos = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) {
      const l = this.r.lineNo,
        t = await this.next();
      const tok = (t ?? '').trim().split(/\s+/);
      const v = tok.slice(1, 4).map(parseNumberString);
      if (t === null || v.length !== 3 || !v.every(Number.isFinite))
        throw this.bad(`"${(t ?? '').trim().slice(0, 60)}"; expected "label x y z" (${n} atoms in ATOMIC_POSITIONS)`, l);
      for (let c = 0; c < 3; c++) pos[3 * i + c] = v[c];
    }
    if (unit === 'crystal') cell.toCartesian(pos, pos);
    else {
      const f = unit === 'angstrom' ? 1 : unit === 'bohr' ? BOHR_A : unit === 'alat' ? this.alat : NaN;
      if (!Number.isFinite(f)) throw this.bad(`ATOMIC_POSITIONS in "${unit}"; expected alat, bohr, angstrom or crystal`, line0);
      for (let i = 0; i < pos.length; i++) pos[i] *= f;
    }
    return { cell, positions: pos, line: line0 };
  }

  private async cellCard(header: string, line0: number): Promise<void> {
    const rows: number[] = [];
    for (let k = 0; k < 3; k++) {
      const l = this.r.lineNo,
        t = await this.next();
      const v = nums(t ?? '');
      if (v.length < 3) throw this.bad('expected three numbers per CELL_PARAMETERS row', l);
      rows.push(...v.slice(0, 3));
    }
    let f: number;
    const m = /alat\s*=\s*([-\d.eE+]+)/.exec(header);
    if (m) {
      this.alat = parseNumberString(m[1]) * BOHR_A;
      f = this.alat;
    } else if (/angstrom/i.test(header)) f = 1;
    else if (/bohr/i.test(header)) f = BOHR_A;
    else if (/alat/i.test(header)) f = this.alat;
    else throw this.bad(`CELL_PARAMETERS units "${header.trim()}"; expected alat, bohr or angstrom`, line0);
    this.pendingCell = new Cell(
      rows.map((x) => x * f),
      this.where({ line: line0 }),
    );
  }

  private async forces(line0: number): Promise<Float64Array> {
    const n = this.symbols.length,
      out = new Float64Array(3 * n);
    let i = 0;
    while (i < n) {
      const l = this.r.lineNo,
        t = await this.next();
      if (t === null) throw this.bad(`truncated forces: ${i} of ${n} atoms`, line0);
      const m = /^\s*atom\s+(\d+)\s+type\s+\d+\s+force\s*=(.*)$/.exec(t);
      if (!m) {
        if (i === 0 && t.trim() === '') continue;
        if (i === 0 && /negative rho|^\s*$/.test(t)) continue;
        throw this.bad(`"${t.trim().slice(0, 60)}"; expected "atom N type T force = fx fy fz"`, l);
      }
      const v = nums(m[2]);
      for (let c = 0; c < 3; c++) out[3 * i + c] = (v[c] * RY_EV) / BOHR_A;
      i++;
    }
    return out;
  }

  /** Advance to the next configuration; returns the previous one (with its results) or null at the end. */
  private async advance(): Promise<Config | null> {
    for (;;) {
      if (this.eof) {
        const p = this.pending;
        this.pending = null;
        return p;
      }
      const line = this.r.lineNo;
      const t = await this.next();
      if (t === null) {
        this.eof = true;
        continue;
      }
      let cfg: Config | null = null;
      if (/Program\s+PWSCF/.test(t)) cfg = await this.start(line);
      else if (/^\s*ATOMIC_POSITIONS/.test(t)) cfg = await this.positionsCard(t, line);
      else if (/^\s*CELL_PARAMETERS/.test(t)) {
        await this.cellCard(t, line);
        continue;
      } else if (/^\s*!\s+total\s+energy/.test(t) && this.pending) {
        const v = nums(t.slice(t.indexOf('=') + 1));
        this.pending.energy = v[0] * RY_EV;
        continue;
      } else if (/Forces\s+acting\s+on\s+atoms/.test(t) && this.pending) {
        this.pending.forces = await this.forces(line);
        continue;
      }
      if (cfg) {
        const prev = this.pending;
        this.pending = cfg;
        if (prev && (prev.energy !== undefined || prev.forces)) return prev;
      }
    }
  }

  private async init(): Promise<void> {
    const first = await this.advance();
    if (first === null && !this.pending) throw new InputError('no "Program PWSCF" start found; expected a pw.x output file', this.where({ line: 1 }));
    if (this.symbols.length === 0)
      throw new InputError(
        'no "Program PWSCF" header with the atoms (number of atoms/cell, site n. … tau) before the first positions; expected a pw.x output file',
        this.where({ line: 1 }),
      );
    // advance() returns a configuration only when the next one begins; keep it for readFrame
    this.held = first;
    this.nAtoms = this.symbols.length;
    this.topology = topologyFromSymbols(this.symbols, {}, this.where());
    this.info = { source: this.r.path, format: 'qe-pw', timestep_fs: this.opts.timestep_fs, unwrapped: true };
  }

  private held: Config | null = null;

  private async take(): Promise<Config | null> {
    if (this.held) {
      const h = this.held;
      this.held = null;
      return h;
    }
    const c = await this.advance();
    return c && (c.energy !== undefined || c.forces) ? c : null;
  }

  async readFrame(index: number): Promise<Frame | null> {
    const c = await this.take();
    if (!c) return null;
    const map = this.map,
      m = this.nOut;
    const pick = (a: Float64Array) => {
      if (!map) return a;
      const o = new Float64Array(3 * m);
      for (let i = 0; i < this.nAtoms; i++) if (map[i] >= 0) for (let k = 0; k < 3; k++) o[3 * map[i] + k] = a[3 * i + k];
      return o;
    };
    return LineFormatReader.stepFrame(index, c.cell, pick(c.positions), { forces: c.forces ? pick(c.forces) : null, energy_eV: c.energy });
  }

  async skipFrame(): Promise<SkippedFrame | null> {
    return (await this.take()) ? {} : null;
  }
}
