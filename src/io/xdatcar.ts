/**
 * VASP XDATCAR reader (and single-structure POSCAR/CONTCAR).
 *
 * Header: title, scale (negative = target volume in Å³; or three per-axis factors), three lattice
 * lines, species line (VASP 5; VASP 4 files lack it: species must then be given as `typeMap`,
 * never guessed from the free-text title), counts line. The species and counts lines are authoritative: the title of real files
 * may list species in another order ("Li192 P32 S160 Cl32" over "Li Cl S P"). Frames start with
 * "Direct configuration= N" (fractional) or "Cartesian configuration= N" (Å, scaled); variable-cell
 * runs repeat the header before each frame. The file carries no frame interval (give
 * `timestep_fs`), and positions are wrapped into the cell (`info.unwrapped = false`).
 */
import { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import type { Frame } from '../core/frame.js';
import { topologyFromSymbols } from '../core/topology.js';
import { ByteLineReader, GzipStreamError, type ByteInput } from './byteLineReader.js';
import { LineFormatReader } from './lineFormatReader.js';
import { numEnd, parseNumberAt, parseNumberString, skipBlanks, tokenText } from './parseNumber.js';
import { checkCellPlausible } from './plausibleInput.js';
import { ReadOptions, SkippedFrame } from './readOptions.js';

const CONFIG_RE = /^\s*(direct|cartesian)\b.*configuration/i;

interface VaspHeader {
  cell: Cell;
  /** Factor applied to Cartesian coordinates (per axis). */
  scale: [number, number, number];
  symbols: string[];
  counts: number[];
}

export class XdatcarReader extends LineFormatReader {
  private header!: VaspHeader;
  private done = false;
  /** The file's own label of the last frame started ("Direct configuration= 30"), for messages. */
  private config: { index: number; label: string } | null = null;
  private prevConfig: { index: number; label: string } | null = null;
  /** The number N of the last "Direct configuration= N" (must increase). */
  private lastConfigNumber: number | undefined;
  private constructor(
    r: ByteLineReader,
    opts: ReadOptions,
    private readonly single: boolean,
  ) {
    super(r, opts);
  }

  /** Open an XDATCAR (single=false) or a POSCAR/CONTCAR (single=true). */
  static async open(path: ByteInput, opts: ReadOptions, single = false): Promise<XdatcarReader> {
    const file = typeof path === 'string' ? path : path.name;
    return LineFormatReader.openWith(
      path,
      (r) => new XdatcarReader(r, opts, single),
      async (x) => {
        if ((await x.r.ensureLines(1)) === 0)
          throw new InputError('file is empty; expected a VASP header (title, scale, lattice, species, counts)', { file, line: 1 });
        x.header = await x.readHeader(0);
        x.nAtoms = x.header.counts.reduce((a, c) => a + c, 0);
        const syms: string[] = [];
        x.header.symbols.forEach((s, k) => {
          for (let i = 0; i < x.header.counts[k]; i++) syms.push(s);
        });
        x.topology = topologyFromSymbols(syms, {}, { file, line: 6 });
        x.info = { source: file, format: single ? 'poscar' : 'xdatcar', timestep_fs: opts.timestep_fs, unwrapped: false };
      },
    );
  }

  /** Numbers on pending line j; exactly `count` leading numbers required (extra tokens allowed if `allowExtra`). */
  private numbers(j: number, count: number, what: string, frame: number | undefined, allowExtra = false): number[] {
    const r = this.r,
      b = r.buf,
      e = r.lineEnd(j);
    let p = r.lineStart(j);
    const out: number[] = [];
    for (;;) {
      p = skipBlanks(b, p, e);
      if (p >= e) break;
      if (out.length === count && allowExtra) break;
      const v = parseNumberAt(b, p, e);
      if (v !== v) throw new InputError(`"${tokenText(b, p, numEnd)}" is not a number; expected ${what}`, this.where({ frame, line: r.lineNo + j }));
      out.push(v);
      p = numEnd;
    }
    if (out.length !== count && !(allowExtra && out.length > count)) {
      throw new InputError(`found ${out.length} numbers; expected ${what}`, this.where({ frame, line: r.lineNo + j }));
    }
    return out;
  }

  /** Parse a header at the current position (consumes it). */
  private async readHeader(frame: number): Promise<VaspHeader> {
    const r = this.r;
    const got = await r.ensureLines(7);
    const line0 = r.lineNo;
    if (got < 6)
      throw new InputError(
        `truncated VASP header: ${got} lines; expected title, scale, 3 lattice vectors, species and counts`,
        this.where({ frame, line: line0 }),
      );
    const title = r.lineText(0).trim();
    // parseNumberString: decimal only (Number() would take "0x1" as hex and "" as 0).
    const scaleNums = r.lineText(1).trim().split(/\s+/).map(parseNumberString);
    if (!(scaleNums.length === 1 || scaleNums.length === 3) || scaleNums.some((x) => !Number.isFinite(x) || x === 0)) {
      throw new InputError(
        `scale factor line "${r.lineText(1).trim()}"; expected one non-zero number (negative = volume) or three`,
        this.where({ frame, line: line0 + 1 }),
      );
    }
    const lat: number[] = [];
    for (let k = 0; k < 3; k++) lat.push(...this.numbers(2 + k, 3, 'three lattice-vector components (Å)', frame));
    let symbols: string[];
    let countsLine: number;
    const l5 = r.lineText(5).trim().split(/\s+/);
    if (l5.every((t) => /^\d+$/.test(t))) {
      // VASP 4: no species line.
      countsLine = 5;
      const n = l5.length;
      const tm = this.opts.typeMap;
      // The title is free text: real files list species there in another order than the counts
      // ("Li192 P32 S160 Cl32" over counts in the order Li Cl S P), so it is never used for species.
      if (!tm) {
        throw new InputError(
          `VASP 4 header without a species line (line ${line0 + 5} holds the counts "${l5.join(' ')}"); the species are not in the file (the title "${title.slice(0, 40)}" is free text and is not trusted); give them in the counts' order with --types (typeMap), e.g. --types ${Array.from({ length: n }, (_, k) => `X${k + 1}`).join(',')} (one element per count), or add the VASP 5 species line`,
          this.where({ frame, line: line0 + 5 }),
        );
      }
      symbols = Array.from({ length: n }, (_, k) => (Array.isArray(tm) ? tm[k] : tm[String(k + 1)]));
      if (symbols.some((s) => !s)) {
        throw new InputError(
          `VASP 4 header without a species line: ${n} counts but the type map gives ${symbols.filter(Boolean).length} species; expected one element per count (types 1…${n})`,
          this.where({ frame, line: line0 + 5 }),
        );
      }
    } else {
      if (got < 7)
        throw new InputError('truncated VASP header: missing the counts line after the species line', this.where({ frame, line: line0 + 6 }));
      symbols = l5.map((s) => s.split('/')[0].replace(/_.*$/, ''));
      countsLine = 6;
    }
    const counts = r
      .lineText(countsLine)
      .trim()
      .split(/\s+/)
      .map((t) => (/^\d+$/.test(t) ? Number(t) : NaN));
    if (counts.length !== symbols.length || counts.some((c) => !Number.isFinite(c) || c <= 0)) {
      throw new InputError(
        `counts line "${r.lineText(countsLine).trim()}" must give one positive integer per species (${symbols.join(' ')})`,
        this.where({ frame, line: line0 + countsLine }),
      );
    }
    const total = counts.reduce((a, c) => a + c, 0);
    // frame 0: before any per-atom array; 2 numbers + blanks is the least a coordinate line holds
    if (!this.header) this.checkDeclaredCount(total, 6, this.where({ frame, line: line0 + countsLine }));
    // Scale: one factor, three per-axis factors, or a negative target volume.
    const where = this.where({ frame, line: line0 + 1 });
    let scale: [number, number, number];
    if (scaleNums.length === 3) {
      if (scaleNums.some((x) => x < 0)) throw new InputError('three scale factors must be positive', where);
      scale = [scaleNums[0], scaleNums[1], scaleNums[2]];
    } else if (scaleNums[0] < 0) {
      const v0 = new Cell(lat, this.where({ frame, line: line0 + 2 })).volume;
      const s = Math.cbrt(-scaleNums[0] / v0);
      scale = [s, s, s];
    } else scale = [scaleNums[0], scaleNums[0], scaleNums[0]];
    for (let k = 0; k < 3; k++) for (let j = 0; j < 3; j++) lat[3 * k + j] *= scale[j];
    const cell = new Cell(lat, this.where({ frame, line: line0 + 2 }));
    checkCellPlausible(cell, total, this.where({ frame, line: line0 + 2 }));
    if (this.header) {
      const same =
        symbols.length === this.header.symbols.length && symbols.every((s, k) => s === this.header.symbols[k] && counts[k] === this.header.counts[k]);
      if (!same) {
        throw new InputError(
          `species/counts "${symbols.join(' ')} / ${counts.join(' ')}" differ from the first header (${this.header.symbols.join(' ')} / ${this.header.counts.join(' ')}); atom-count mismatch`,
          this.where({ frame, line: line0 + 5 }),
        );
      }
    }
    r.consume(countsLine + 1);
    return { cell, scale, symbols, counts };
  }

  /**
   * Position the reader at the coordinate lines of the next frame; returns whether they are
   * Cartesian, or null at end of file.
   */
  private async nextFrameStart(frame: number): Promise<{ cartesian: boolean; line: number } | null> {
    const r = this.r;
    if (this.done) return null;
    for (;;) {
      if ((await r.ensureLines(1)) === 0) return null;
      if (r.lineEnd(0) > skipBlanks(r.buf, r.lineStart(0), r.lineEnd(0))) break;
      if (this.single) {
        this.done = true;
        return null;
      }
      r.consume(1);
    }
    let text = r.lineText(0);
    if (this.single) {
      if (frame > 0) return null; // POSCAR: one structure (a velocity block may follow)
      if (/^\s*s/i.test(text)) {
        r.consume(1);
        await r.ensureLines(1);
        text = r.lineText(0);
      }
      const c = text.trim()[0]?.toLowerCase();
      if (c !== 'd' && c !== 'c' && c !== 'k') {
        throw new InputError(`coordinate mode "${text.trim()}"; expected Direct or Cartesian`, this.where({ frame, line: r.lineNo }));
      }
      r.consume(1);
      return { cartesian: c !== 'd', line: r.lineNo };
    }
    if (!CONFIG_RE.test(text)) {
      // A header per frame (variable cell).
      this.header = await this.readHeader(frame);
      if ((await r.ensureLines(1)) === 0) return null;
      text = r.lineText(0);
      if (!CONFIG_RE.test(text)) {
        throw new InputError(
          `"${text.trim().slice(0, 40)}"; expected "Direct configuration= N" or "Cartesian configuration= N"`,
          this.where({ frame, line: r.lineNo }),
        );
      }
    }
    const label = text.trim().replace(/\s+/g, ' ');
    const num = /=\s*(\d+)/.exec(text);
    if (num) {
      const k = Number(num[1]);
      if (this.lastConfigNumber !== undefined && k <= this.lastConfigNumber) {
        throw new InputError(
          `"${label}" follows configuration ${this.lastConfigNumber}: the numbering restarts, so two runs are appended in one file (or frames are out of order); split the file and analyse each run alone`,
          this.where({ frame, line: r.lineNo }),
        );
      }
      this.lastConfigNumber = k;
    }
    this.prevConfig = this.config;
    this.config = { index: frame, label };
    r.consume(1);
    return { cartesian: /^\s*c/i.test(text), line: r.lineNo };
  }

  /** The file's own label of frame `index` ("Direct configuration= 30"), if it was among the last two read. */
  frameLabel(index: number): string | undefined {
    if (this.single) return undefined;
    for (const c of [this.config, this.prevConfig]) if (c && c.index === index) return c.label;
    return undefined;
  }

  /**
   * Run a frame step; an InputError about that frame gets the file's own label appended: the
   * 0-based "frame 29" is the block the file calls "Direct configuration= 30".
   */
  private async labelled<T>(index: number, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (e) {
      const label = this.frameLabel(index);
      if (e instanceof InputError && !(e instanceof GzipStreamError) && e.frame === index && label) {
        throw new InputError(`${e.detail} (in the file's block "${label}")`, { file: e.file, frame: e.frame, line: e.line });
      }
      throw e;
    }
  }

  /**
   * Continue at a frame's "Direct configuration=" line, or at its header in a variable-cell file (byte
   * `offset`, line `line`); the cell of the last header read applies until the next header. Not for a POSCAR.
   */
  seekFrameStart(offset: number, line: number): boolean {
    if (this.single || !this.seekTo(offset, line)) return false;
    this.done = false;
    this.config = this.prevConfig = null;
    this.lastConfigNumber = undefined;
    return true;
  }

  skipFrame(index: number): Promise<SkippedFrame | null> {
    return this.labelled(index, () => this.skipFrameRaw(index));
  }

  private async skipFrameRaw(index: number): Promise<SkippedFrame | null> {
    const s = await this.nextFrameStart(index);
    if (!s) return null;
    const got = await this.r.ensureLines(this.nAtoms);
    if (got < this.nAtoms) throw this.truncated(index, got, s.line);
    this.r.consume(this.nAtoms);
    return {};
  }

  private truncated(index: number, got: number, line: number): InputError {
    return new InputError(`truncated frame: ${got} coordinate lines; expected ${this.nAtoms}`, this.where({ frame: index, line }));
  }

  readFrame(index: number): Promise<Frame | null> {
    return this.labelled(index, () => this.readFrameRaw(index));
  }

  private async readFrameRaw(index: number): Promise<Frame | null> {
    const s = await this.nextFrameStart(index);
    if (!s) return null;
    const r = this.r,
      n = this.nAtoms,
      m = this.nOut,
      map = this.map;
    const got = await r.ensureLines(n);
    if (got < n) throw this.truncated(index, got, s.line);
    const b = r.buf;
    const raw = new Float64Array(3 * m);
    for (let i = 0; i < n; i++) {
      const slot = map ? map[i] : i;
      if (slot < 0) continue;
      let p = r.lineStart(i);
      const e = r.lineEnd(i);
      for (let k = 0; k < 3; k++) {
        p = skipBlanks(b, p, e);
        if (p >= e) throw new InputError(`coordinate line has ${k} numbers; expected 3`, this.where({ frame: index, line: r.lineNo + i }));
        const v = parseNumberAt(b, p, e);
        if (v !== v)
          throw new InputError(
            `"${tokenText(b, p, numEnd)}" is not a number; expected 3 coordinates`,
            this.where({ frame: index, line: r.lineNo + i }),
          );
        raw[3 * slot + k] = v;
        p = numEnd;
      }
      // the next line starting with a number would mean too few lines: caught by the header check
    }
    this.firstAtomLine = s.line;
    r.consume(n);
    if (this.single && (await r.ensureLines(1)) === 1) {
      // A POSCAR ends, or a blank line precedes its velocities: a further coordinate line means the counts are short.
      const e = r.lineEnd(0);
      let p = skipBlanks(r.buf, r.lineStart(0), e),
        k = 0;
      for (; k < 3 && p < e; k++) {
        const v = parseNumberAt(r.buf, p, e);
        if (v !== v) break;
        p = skipBlanks(r.buf, numEnd, e);
      }
      if (k === 3) {
        throw new InputError(
          `a coordinate line follows the ${n} atoms the counts line declares (${this.header.counts.join(' ')}); counts too small? expected the end of the structure or a blank line`,
          this.where({ frame: index, line: r.lineNo }),
        );
      }
    }
    const h = this.header;
    let positions: Float64Array;
    if (s.cartesian) {
      positions = raw;
      for (let i = 0; i < 3 * m; i++) positions[i] *= h.scale[i % 3];
    } else {
      positions = h.cell.toCartesian(raw, raw);
    }
    return { index, cell: h.cell, positions };
  }
}
