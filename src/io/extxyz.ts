/**
 * Extended XYZ reader (also plain XYZ): per frame an atom-count line, a comment line of
 * key=value pairs (`Lattice="ax ay az bx by bz cx cy cz"`, `Properties=species:S:1:pos:R:3:...`,
 * `Time=` in fs, `energy=` in eV, `pbc="T T T"`), then one line per atom.
 *
 * Column names: positions `pos`/`positions`; velocities `vel`/`velo`/`velocities` (Å/fs), or ASE's
 * `momenta` (mass × velocity in ASE units, amu·Å/(Å·√(amu/eV))): v = p/m × ASE's fs (0.0982269…, CODATA
 * 2014 as ASE), m from a `masses` column when present, else the topology's standard masses;
 * forces `forces`/`force`; per-atom energies `energies`/`energy`/`c_pe`/`atom_ener`/`local_energy`;
 * charges `charges`/`charge`/`q`. Other numeric columns go to `frame.properties` (one entry per
 * column; multi-column groups as name_0, name_1, ...). Without `Lattice=` the cell comes from
 * options (or the frame is non-periodic). Atom lines are parsed from bytes (see parseNumber.ts).
 * Species are read case-insensitively as ASE does (`LI` → Li; see speciesSymbol.ts).
 */
import { Cell } from '../core/cell.js';
import { InputError, InputErrorLocation } from '../core/errors.js';
import type { Frame } from '../core/frame.js';
import { topologyFromSymbols } from '../core/topology.js';
import { ByteLineReader, type ByteInput } from './byteLineReader.js';
import { LineFormatReader } from './lineFormatReader.js';
import { commentNumbers, commentValue, parseExtxyzComment, parsePropertiesSpec, PropertyColumn } from './extxyzComment.js';
import { checkCellPlausible } from './plausibleInput.js';
import { latin1Bytes, numEnd, parseNumberAt, skipBlanks, tokenEndAt, tokenText } from './parseNumber.js';
import { A_NUMBER, A_SKIP, A_SPECIES, fusedAtomLines } from './fusedAtomLines.js';
import { ReadOptions, SkippedFrame } from './readOptions.js';
import { normalizeSymbol } from './speciesSymbol.js';

/** ASE's femtosecond in ASE time units (1e-5·√(e/amu), CODATA 2014 as ase.units): v[Å/fs] = v[ASE] × this. */
export const ASE_FS = 1e-5 * Math.sqrt(1.6021766208e-19 / 1.66053904e-27);

const K_SKIP = 0,
  K_SPECIES = 1,
  K_POS = 2,
  K_VEL = 3,
  K_FORCE = 4,
  K_ENERGY = 5,
  K_CHARGE = 6,
  K_MASS = 7,
  K_PROP = 8,
  K_LOGICAL = 9;

// vec[] order in fusedFrame follows K_POS … K_MASS: pos, vel, force, energy, charge, mass.

const VEL_NAMES = new Set(['vel', 'velo', 'velocities', 'velocity']);
const FORCE_NAMES = new Set(['forces', 'force']);
const ENERGY_NAMES = new Set(['energies', 'energy', 'c_pe', 'atom_ener', 'local_energy', 'atomic_energy', 'pe']);
const CHARGE_NAMES = new Set(['charges', 'charge', 'q', 'initial_charges']);
const POS_NAMES = new Set(['pos', 'positions', 'position']);

/** What to do with each token of an atom line. */
interface ColumnPlan {
  spec: string;
  kinds: Uint8Array;
  comps: Uint8Array;
  /** For K_PROP / K_LOGICAL: property name per token. */
  propNames: (string | null)[];
  has: { vel: boolean; force: boolean; energy: boolean; charge: boolean; mass: boolean };
  /** Velocities come from ASE momenta (divide by mass, × ASE_FS). */
  momenta: boolean;
  nTokens: number;
  /** For the fused pass: per token A_SKIP / A_SPECIES / A_NUMBER, and the value's stride in its array. */
  act: Uint8Array;
  stride: Uint8Array;
  hasLogical: boolean;
}

function planColumns(cols: PropertyColumn[], where: InputErrorLocation): ColumnPlan {
  const kinds: number[] = [],
    comps: number[] = [],
    propNames: (string | null)[] = [];
  const has = { vel: false, force: false, energy: false, charge: false, mass: false };
  let species = false,
    pos = false;
  // Velocities win over momenta when a file has both.
  const hasVelCol = cols.some((c) => VEL_NAMES.has(c.name.toLowerCase()));
  let momenta = false;
  for (const c of cols) {
    const lname = c.name.toLowerCase();
    const push = (k: number, comp: number, prop: string | null = null) => {
      kinds.push(k);
      comps.push(comp);
      propNames.push(prop);
    };
    const vec = (k: number) => {
      if (c.ncols !== 3 || c.type !== 'R') throw new InputError(`Properties column "${c.name}" is ${c.type}:${c.ncols}; expected R:3`, where);
      for (let j = 0; j < 3; j++) push(k, j);
    };
    if ((lname === 'species' || lname === 'element' || lname === 'symbols') && c.type === 'S' && !species) {
      species = true;
      push(K_SPECIES, 0);
      for (let j = 1; j < c.ncols; j++) push(K_SKIP, 0);
    } else if (POS_NAMES.has(lname) && !pos) {
      pos = true;
      vec(K_POS);
    } else if (VEL_NAMES.has(lname) && !has.vel) {
      has.vel = true;
      vec(K_VEL);
    } else if (lname === 'momenta' && !hasVelCol && !has.vel) {
      has.vel = true;
      momenta = true;
      vec(K_VEL);
    } else if (lname === 'masses' && c.ncols === 1 && c.type === 'R' && !has.mass) {
      has.mass = true;
      push(K_MASS, 0);
    } else if (FORCE_NAMES.has(lname) && !has.force) {
      has.force = true;
      vec(K_FORCE);
    } else if (ENERGY_NAMES.has(lname) && c.ncols === 1 && c.type === 'R' && !has.energy) {
      has.energy = true;
      push(K_ENERGY, 0);
    } else if (CHARGE_NAMES.has(lname) && c.ncols === 1 && c.type === 'R' && !has.charge) {
      has.charge = true;
      push(K_CHARGE, 0);
    } else if (c.type === 'S') {
      for (let j = 0; j < c.ncols; j++) push(K_SKIP, 0);
    } else {
      for (let j = 0; j < c.ncols; j++) push(c.type === 'L' ? K_LOGICAL : K_PROP, 0, c.ncols === 1 ? c.name : `${c.name}_${j}`);
    }
  }
  if (!species) throw new InputError('Properties= has no species:S:1 column; expected the element of each atom', where);
  if (!pos) throw new InputError('Properties= has no pos:R:3 column; expected the positions', where);
  const act = Uint8Array.from(kinds, (k) => (k === K_SPECIES ? A_SPECIES : k >= K_POS && k <= K_PROP ? A_NUMBER : A_SKIP));
  const stride = Uint8Array.from(kinds, (k) => (k === K_POS || k === K_VEL || k === K_FORCE ? 3 : 1));
  return {
    spec: '',
    kinds: Uint8Array.from(kinds),
    comps: Uint8Array.from(comps),
    propNames,
    has,
    momenta,
    nTokens: kinds.length,
    act,
    stride,
    hasLogical: kinds.includes(K_LOGICAL),
  };
}

const PLAIN_XYZ = 'species:S:1:pos:R:3';

/** What a comment line says about its frame. */
export interface CommentInfo {
  /** Properties= column spec (plain XYZ: species:S:1:pos:R:3). */
  properties: string;
  cell: Cell | null;
  time_fs?: number;
  energy_eV?: number;
}

interface FrameHeader {
  nAtoms: number;
  /** Line number of the atom-count line. */
  line0: number;
  plan: ColumnPlan;
  cell: Cell | null;
  time_fs?: number;
  energy_eV?: number;
}

export class ExtxyzReader extends LineFormatReader {
  private plan: ColumnPlan | null = null;
  private speciesBytes: Uint8Array[] = [];
  protected optCell: Cell | null = null;
  protected format = 'extxyz';
  protected constructor(r: ByteLineReader, opts: ReadOptions) {
    super(r, opts);
  }

  static async open(path: ByteInput, opts: ReadOptions): Promise<ExtxyzReader> {
    return LineFormatReader.openWith(
      path,
      (r) => new ExtxyzReader(r, opts),
      (x) => x.init(),
    );
  }

  protected async init(): Promise<void> {
    const r = this.r;
    if (this.opts.cell) this.optCell = this.opts.cell instanceof Cell ? this.opts.cell : new Cell(this.opts.cell, this.where());
    if ((await r.ensureLines(1)) === 0) throw new InputError('file is empty; expected an XYZ atom-count line', this.where({ line: 1 }));
    // Read the first frame's species (all atoms) to build the topology; the frame is not consumed.
    const h = await this.readHeader(0);
    if (!h) throw new InputError('file is empty; expected an XYZ atom-count line', this.where({ line: 1 }));
    await this.requireAtomLines(h.nAtoms, 0, h.line0);
    this.nAtoms = h.nAtoms;
    const symbols: string[] = new Array(h.nAtoms);
    const b = r.buf;
    for (let i = 0; i < h.nAtoms; i++) {
      const s = r.lineStart(2 + i),
        e = r.lineEnd(2 + i);
      let p = skipBlanks(b, s, e);
      // species is the first S column only if kinds[0] is species; find its token index
      let t = 0;
      while (h.plan.kinds[t] !== K_SPECIES) {
        p = skipBlanks(b, tokenEndAt(b, p, e), e);
        t++;
      }
      if (p >= e) throw new InputError('atom line is empty; expected species and positions', this.where({ frame: 0, line: r.lineNo + 2 + i }));
      symbols[i] = normalizeSymbol(r.text(p, tokenEndAt(b, p, e)));
    }
    this.topology = topologyFromSymbols(symbols, {}, this.where({ frame: 0 }));
    this.speciesBytes = this.topology.symbols.map((s) => latin1Bytes(s));
    this.info = {
      source: r.path,
      format: this.format,
      timestep_fs: this.opts.timestep_fs,
      unwrapped: h.cell === null,
    };
    this.pendingHeader = h;
  }

  private pendingHeader: FrameHeader | null = null;
  /** The last Lattice= text and its cell. */
  private lastLattice: { text: string; cell: Cell } | null = null;
  /** The last cell checked for plausibility (a shared option or .cell row is checked once). */
  private lastCheckedCell: Cell | null = null;

  /**
   * Make the count line, comment line and atom lines of the next frame available and parse the
   * first two (not consumed). Returns null at end of file.
   */
  private async readHeader(frame: number): Promise<FrameHeader | null> {
    const r = this.r;
    // skip blank lines between frames
    for (;;) {
      if ((await r.ensureLines(1)) === 0) return null;
      if (r.lineEnd(0) > skipBlanks(r.buf, r.lineStart(0), r.lineEnd(0))) break;
      r.consume(1);
    }
    const line0 = r.lineNo;
    const countText = r.lineText(0).trim();
    const n = /^\d+$/.test(countText) ? Number(countText) : NaN;
    if (!Number.isFinite(n)) {
      throw new InputError(
        `expected the number of atoms (an integer) at the start of a frame, found "${countText.slice(0, 40)}"`,
        this.where({ frame, line: line0 }),
      );
    }
    if (this.plan && n !== this.nAtoms) {
      throw new InputError(
        `frame has ${n} atoms; expected ${this.nAtoms} like the first frame (atom-count mismatch)`,
        this.where({ frame, line: line0 }),
      );
    }
    if (!this.plan) this.checkDeclaredCount(n, 8, this.where({ frame, line: line0 })); // "H 0 0 0\n" at least
    if ((await r.ensureLines(2)) < 2) this.truncated(n, 0, frame, line0);
    try {
      const where = this.where({ frame, line: line0 + 1 });
      const c = this.interpretComment(r.lineText(1), frame, where);
      let plan = this.plan;
      if (!plan || plan.spec !== c.properties) {
        plan = planColumns(parsePropertiesSpec(c.properties, where), where);
        plan.spec = c.properties;
        this.plan = plan;
      }
      if (c.cell && c.cell !== this.lastCheckedCell) {
        checkCellPlausible(c.cell, n, where);
        this.lastCheckedCell = c.cell;
      }
      const h: FrameHeader = { nAtoms: n, plan, cell: c.cell, line0 };
      if (c.time_fs !== undefined) h.time_fs = c.time_fs;
      if (c.energy_eV !== undefined) h.energy_eV = c.energy_eV;
      return h;
    } catch (e) {
      // A frame cut short is reported as such, before what its comment line says.
      await this.requireAtomLines(n, frame, line0);
      throw e;
    }
  }

  /** Make the count, comment and n atom lines of the pending frame available (else: truncated frame). */
  private async requireAtomLines(n: number, frame: number, line0: number): Promise<void> {
    const got = await this.r.ensureLines(n + 2);
    if (got < n + 2) this.truncated(n, got, frame, line0);
  }

  private truncated(n: number, got: number, frame: number, line0: number): never {
    throw new InputError(
      `truncated frame: expected ${n} atom lines after the comment line, found ${Math.max(got - 2, 0)} before the end of the file`,
      this.where({ frame, line: line0 }),
    );
  }

  /** Interpret the comment line (extended XYZ key=value pairs); overridden by dialects such as CP2K. */
  protected interpretComment(comment: string, frame: number, where: InputErrorLocation): CommentInfo {
    void frame;
    const fields = parseExtxyzComment(comment, where);
    const properties = commentValue(fields, 'Properties') ?? PLAIN_XYZ;
    let cell: Cell | null = this.optCell;
    const lat = commentValue(fields, 'Lattice');
    const pbc = commentValue(fields, 'pbc');
    if (lat !== undefined) {
      // Frames of a fixed-cell run repeat the Lattice text: they share one (immutable) Cell.
      if (lat === this.lastLattice?.text) cell = this.lastLattice.cell;
      else {
        cell = new Cell(commentNumbers(lat, 'Lattice', 9, where), where);
        this.lastLattice = { text: lat, cell };
      }
    }
    if (pbc !== undefined && lat === undefined && !this.optCell && /T/i.test(pbc)) {
      throw new InputError(`pbc="${pbc}" but no Lattice=; expected a Lattice="ax ay az bx by bz cx cy cz" or a cell option (missing cell)`, where);
    }
    if (pbc !== undefined && !/T/i.test(pbc) && lat === undefined) cell = null;
    const out: CommentInfo = { properties, cell };
    const t = commentValue(fields, 'Time');
    if (t !== undefined) out.time_fs = commentNumbers(t, 'Time', 1, where)[0];
    const en = commentValue(fields, 'energy');
    if (en !== undefined) out.energy_eV = commentNumbers(en, 'energy', 1, where)[0];
    return out;
  }

  /** Continue at a frame's count line (byte `offset`, line `line`); the column plan and cell cache are kept. */
  seekFrameStart(offset: number, line: number): boolean {
    if (!this.seekTo(offset, line)) return false;
    this.pendingHeader = null;
    return true;
  }

  async skipFrame(index: number): Promise<SkippedFrame | null> {
    const h = this.pendingHeader ?? (await this.readHeader(index));
    this.pendingHeader = null;
    if (!h) return null;
    await this.requireAtomLines(h.nAtoms, index, h.line0);
    this.r.consume(h.nAtoms + 2);
    return { time_fs: h.time_fs };
  }

  async readFrame(index: number): Promise<Frame | null> {
    const h = this.pendingHeader ?? (await this.readHeader(index));
    this.pendingHeader = null;
    if (!h) return null;
    const r = this.r,
      plan = h.plan,
      m = this.nOut,
      map = this.map;
    const kinds = plan.kinds,
      comps = plan.comps,
      nTok = plan.nTokens;
    const pos = new Float64Array(3 * m);
    const vel = plan.has.vel ? new Float64Array(3 * m) : undefined;
    const frc = plan.has.force ? new Float64Array(3 * m) : undefined;
    const ene = plan.has.energy ? new Float64Array(m) : undefined;
    const chg = plan.has.charge ? new Float64Array(m) : undefined;
    const mas = plan.has.mass ? new Float64Array(m) : undefined;
    let props: Record<string, Float64Array> | undefined;
    const propArr: (Float64Array | null)[] = plan.propNames.map((name) => {
      if (!name) return null;
      props ??= {};
      return (props[name] = new Float64Array(m));
    });
    const species = this.topology.species,
      sb = this.speciesBytes;
    const n = h.nAtoms;
    // One fused pass over the atom lines' bytes when they are as expected; otherwise (or for a
    // frame cut short) the careful line-by-line pass below, which names any error.
    if (!plan.hasLogical && (await this.fusedFrame(h, [pos, vel, frc, ene, chg, mas], propArr))) {
      return this.finishFrame(index, h, pos, vel, frc, ene, chg, mas, props);
    }
    await this.requireAtomLines(n, index, h.line0);
    const b = r.buf;
    // Fast path for the commonest layout, species:S:1:pos:R:3 (same checks, no per-token dispatch).
    const plain =
      nTok === 4 &&
      kinds[0] === K_SPECIES &&
      kinds[1] === K_POS &&
      kinds[2] === K_POS &&
      kinds[3] === K_POS &&
      comps[1] === 0 &&
      comps[2] === 1 &&
      comps[3] === 2;
    for (let i = 0; i < n; i++) {
      const slot = map ? map[i] : i;
      if (slot < 0) continue;
      if (plain) {
        const e = r.lineEnd(2 + i);
        let p = skipBlanks(b, r.lineStart(2 + i), e);
        const te = tokenEndAt(b, p, e);
        const want = sb[species[i]];
        let ok = te - p === want.length;
        for (let q = 0; ok && q < want.length; q++) ok = (b[p + q] | 32) === (want[q] | 32);
        if (!ok) {
          if (p >= e)
            throw new InputError(
              `atom line has 0 columns; expected ${nTok} (Properties=${plan.spec})`,
              this.where({ frame: index, line: r.lineNo + 2 + i }),
            );
          throw new InputError(
            `atom ${i} is "${tokenText(b, p, te)}"; expected "${this.topology.symbols[species[i]]}" as in the first frame (atom order must not change)`,
            this.where({ frame: index, line: r.lineNo + 2 + i }),
          );
        }
        p = te;
        for (let k = 0; k < 3; k++) {
          p = skipBlanks(b, p, e);
          if (p >= e)
            throw new InputError(
              `atom line has ${k + 1} columns; expected ${nTok} (Properties=${plan.spec})`,
              this.where({ frame: index, line: r.lineNo + 2 + i }),
            );
          const v = parseNumberAt(b, p, e);
          if (v !== v)
            throw new InputError(
              `"${tokenText(b, p, numEnd)}" in column ${k + 2} is not a number; expected a finite number`,
              this.where({ frame: index, line: r.lineNo + 2 + i }),
            );
          pos[3 * slot + k] = v;
          p = numEnd;
        }
        continue;
      }
      let p = r.lineStart(2 + i);
      const e = r.lineEnd(2 + i);
      for (let t = 0; t < nTok; t++) {
        p = skipBlanks(b, p, e);
        if (p >= e) {
          throw new InputError(
            `atom line has ${t} columns; expected ${nTok} (Properties=${plan.spec})`,
            this.where({ frame: index, line: r.lineNo + 2 + i }),
          );
        }
        const k = kinds[t];
        if (k >= K_POS && k <= K_PROP) {
          const v = parseNumberAt(b, p, e);
          if (v !== v) {
            throw new InputError(
              `"${tokenText(b, p, numEnd)}" in column ${t + 1} is not a number; expected a finite number`,
              this.where({ frame: index, line: r.lineNo + 2 + i }),
            );
          }
          p = numEnd;
          switch (k) {
            case K_POS:
              pos[3 * slot + comps[t]] = v;
              break;
            case K_VEL:
              vel![3 * slot + comps[t]] = v;
              break;
            case K_FORCE:
              frc![3 * slot + comps[t]] = v;
              break;
            case K_ENERGY:
              ene![slot] = v;
              break;
            case K_CHARGE:
              chg![slot] = v;
              break;
            case K_MASS:
              if (!(v > 0))
                throw new InputError(
                  `mass ${v} in column ${t + 1}; expected a positive mass in amu`,
                  this.where({ frame: index, line: r.lineNo + 2 + i }),
                );
              mas![slot] = v;
              break;
            default:
              propArr[t]![slot] = v;
          }
        } else if (k === K_SPECIES) {
          const te = tokenEndAt(b, p, e);
          const want = sb[species[i]];
          let ok = te - p === want.length;
          for (let q = 0; ok && q < want.length; q++) ok = (b[p + q] | 32) === (want[q] | 32);
          if (!ok) {
            throw new InputError(
              `atom ${i} is "${tokenText(b, p, te)}"; expected "${this.topology.symbols[species[i]]}" as in the first frame (atom order must not change)`,
              this.where({ frame: index, line: r.lineNo + 2 + i }),
            );
          }
          p = te;
        } else if (k === K_LOGICAL) {
          const te = tokenEndAt(b, p, e);
          const c = b[p];
          const v = c === 84 || c === 116 || c === 49 ? 1 : c === 70 || c === 102 || c === 48 ? 0 : NaN;
          if (v !== v)
            throw new InputError(
              `"${tokenText(b, p, te)}" in column ${t + 1} is not a logical; expected T or F`,
              this.where({ frame: index, line: r.lineNo + 2 + i }),
            );
          propArr[t]![slot] = v;
          p = te;
        } else {
          p = tokenEndAt(b, p, e);
        }
      }
    }
    this.firstAtomLine = r.lineNo + 2;
    r.consume(n + 2);
    return this.finishFrame(index, h, pos, vel, frc, ene, chg, mas, props);
  }

  /** Bytes of the last frame's atom lines (to ask for enough bytes for the next one at once). */
  private frameBytes = 0;

  /**
   * Parse the pending frame's atom lines in one pass over the bytes (scanDecimal; lines found as
   * they go). Returns false, having consumed nothing, if anything is unusual (a bad token, a
   * missing column, a non-positive mass, the file ending inside the frame): the careful pass then
   * reads the frame and names the error.
   */
  private async fusedFrame(h: FrameHeader, vec: (Float64Array | undefined)[], propArr: (Float64Array | null)[]): Promise<boolean> {
    const r = this.r,
      plan = h.plan,
      n = h.nAtoms;
    const headerBytes = r.afterLine(1) - r.lineStart(0);
    let want = this.frameBytes > 0 ? this.frameBytes + (this.frameBytes >> 3) + 4096 : 64 * n + 4096;
    const act = plan.act,
      stride = plan.stride,
      comp = plan.comps,
      nTok = plan.nTokens;
    const arr: (Float64Array | null)[] = new Array(nTok);
    for (let t = 0; t < nTok; t++) {
      const k = plan.kinds[t];
      arr[t] = k === K_PROP ? propArr[t] : k >= K_POS && k <= K_MASS ? (vec[k - K_POS] ?? null) : null;
    }
    for (;;) {
      await r.ensureBytes(headerBytes + want);
      const b = r.buf,
        s0 = r.afterLine(1),
        end = r.pendingEnd;
      b[end] = 0; // sentinel (the reader keeps a spare byte)
      const q = fusedAtomLines(b, s0, end, n, act, arr, stride, comp, this.map, this.topology.species, this.speciesBytes);
      if (q >= 0) {
        const mas = vec[K_MASS - K_POS];
        if (mas) for (let i = 0; i < mas.length; i++) if (!(mas[i] > 0)) return false;
        this.frameBytes = q - s0;
        this.firstAtomLine = r.lineNo + 2;
        r.consumeTo(q, n + 2);
        return true;
      }
      if (~q < end || r.atEof) return false;
      want = 2 * Math.max(want, end - s0);
    }
  }

  private finishFrame(
    index: number,
    h: FrameHeader,
    pos: Float64Array,
    vel: Float64Array | undefined,
    frc: Float64Array | undefined,
    ene: Float64Array | undefined,
    chg: Float64Array | undefined,
    mas: Float64Array | undefined,
    props: Record<string, Float64Array> | undefined,
  ): Frame {
    const plan = h.plan,
      n = h.nAtoms,
      map = this.map;
    if (plan.momenta && vel) {
      // ASE momenta → Å/fs velocities: p / m (ASE velocity units) × ASE's fs.
      const tm = this.topology.masses;
      for (let i = 0; i < n; i++) {
        const slot = map ? map[i] : i;
        if (slot < 0) continue;
        const s = ASE_FS / (mas ? mas[slot] : tm[i]);
        vel[3 * slot] *= s;
        vel[3 * slot + 1] *= s;
        vel[3 * slot + 2] *= s;
      }
    }
    const f: Frame = { index, cell: h.cell, positions: pos };
    if (h.time_fs !== undefined) f.time_fs = h.time_fs;
    if (h.energy_eV !== undefined) f.energy_eV = h.energy_eV;
    if (vel) f.velocities = vel;
    if (frc) f.forces = frc;
    if (ene) f.energies = ene;
    if (chg) f.charges = chg;
    if (props) f.properties = props;
    return f;
  }
}
