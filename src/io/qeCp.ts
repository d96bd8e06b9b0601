/**
 * Quantum ESPRESSO cp.x (Car–Parrinello) trajectory: `PREFIX.pos` (positions, Bohr) with, when they
 * exist beside it, `PREFIX.cel` (cell, Bohr), `PREFIX.vel` (velocities, Bohr per Hartree atomic time
 * unit), `PREFIX.for` (forces, Hartree/Bohr) and `PREFIX.evp` (energies; `etot`, Hartree, column 6).
 * Each record of .pos/.cel/.vel/.for is a header "nfi time_ps" and then nat (or 3) lines of three
 * numbers; records of the files are matched by nfi. Converted with QE's own CODATA 2006 constants
 * (as ASE's QE readers): Bohr 0.52917720835 Å, a.u. time 0.0241888432570 fs, Hartree 27.2113838656 eV;
 * time_ps × 1000 fs.
 *
 * Species come from the cp.x input file (`qeInput`, CLI --qe-input): ATOMIC_SPECIES and
 * ATOMIC_POSITIONS. Older cp.x versions write the atoms sorted by species (ATOMIC_SPECIES order),
 * newer ones in input order; both agree when the input lists the atoms grouped in ATOMIC_SPECIES
 * order, which is therefore required (otherwise give `typeMap` with one element per atom, in the
 * order of the .pos file). The .cel file writes h(i, :) per line and cp.x's h holds the lattice
 * vectors as columns, so the lines are the transpose of the rows a, b, c; this is not checked
 * against a peer reader, so only orthogonal cells (where both readings agree) are accepted.
 */
import { nodeFs } from './nodeModules.js';
import { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import type { Frame } from '../core/frame.js';
import { topologyFromSymbols } from '../core/topology.js';
import { ByteLineReader } from './byteLineReader.js';
import { type ByteInput, readWholeInput, sourceName } from './byteSource.js';
import { LineFormatReader } from './lineFormatReader.js';
import { parseNumberString } from './parseNumber.js';
import { ReadOptions, SkippedFrame } from './readOptions.js';
import { normalizeSymbol } from './speciesSymbol.js';

// Node's fs is looked up when a file is opened (nodeModules.ts), not imported.
const existsSync = (p: string): boolean => nodeFs().existsSync(p);
const readFileSync = (p: string, enc: 'utf8' | 'latin1'): string => nodeFs().readFileSync(p, enc);

// Quantum ESPRESSO's constants are CODATA 2006 (Modules/constants.f90); the values as ASE derives them
// for its QE readers (ase.units.create_units('2006')).
export const BOHR_A = 0.5291772083535413;
export const HARTREE_EV = 27.21138386556469;
export const AU_TIME_FS = 0.024188843257040068;

/** Species per atom from a pw.x/cp.x input file (ATOMIC_SPECIES, ATOMIC_POSITIONS, nat), by its path or from its bytes. */
export async function qeInputSpecies(input: ByteInput): Promise<{ symbols: string[]; grouped: boolean }> {
  const path = sourceName(input);
  let text: string;
  try {
    text = new TextDecoder('utf-8').decode(await readWholeInput(input, 'a Quantum ESPRESSO input file'));
  } catch (e) {
    if (e instanceof InputError) throw e; // names the file and what is wrong (not found, a directory, gzip cut short)
    throw new InputError(`cannot read the QE input file (${(e as Error).message})`, { file: path });
  }
  const lines = text.split(/\r?\n/);
  const natM = /\bnat\s*=\s*(\d+)/i.exec(text);
  if (!natM) throw new InputError('no "nat = N" in the input file; expected a pw.x/cp.x input', { file: path });
  const nat = Number(natM[1]);
  const card = (name: string) => lines.findIndex((l) => new RegExp(`^\\s*${name}\\b`, 'i').test(l));
  const isCard = (l: string) =>
    /^\s*(ATOMIC_SPECIES|ATOMIC_POSITIONS|K_POINTS|CELL_PARAMETERS|OCCUPATIONS|CONSTRAINTS|ATOMIC_VELOCITIES|ATOMIC_FORCES|AUTOPILOT|PLOT_WANNIER|&)/i.test(
      l,
    );
  const sp = card('ATOMIC_SPECIES');
  if (sp < 0) throw new InputError('no ATOMIC_SPECIES card in the input file', { file: path });
  const species: string[] = [];
  for (let i = sp + 1; i < lines.length && !isCard(lines[i]); i++) {
    const t = lines[i].trim().split(/\s+/);
    if (t[0] && !t[0].startsWith('!') && !t[0].startsWith('#')) species.push(t[0]);
  }
  const ap = card('ATOMIC_POSITIONS');
  if (ap < 0) throw new InputError('no ATOMIC_POSITIONS card in the input file', { file: path });
  const labels: string[] = [];
  for (let i = ap + 1; i < lines.length && labels.length < nat; i++) {
    const t = lines[i].trim().split(/\s+/);
    if (!t[0] || t[0].startsWith('!') || t[0].startsWith('#')) continue;
    if (isCard(lines[i])) break;
    labels.push(t[0]);
  }
  if (labels.length !== nat) throw new InputError(`ATOMIC_POSITIONS lists ${labels.length} atoms; nat = ${nat}`, { file: path, line: ap + 1 });
  // grouped in ATOMIC_SPECIES order?
  const order = labels.map((l) => species.indexOf(l));
  if (order.some((o) => o < 0))
    throw new InputError(`atom label "${labels[order.indexOf(-1)]}" is not in ATOMIC_SPECIES (${species.join(' ')})`, { file: path });
  const grouped = order.every((o, i) => i === 0 || o >= order[i - 1]);
  // element from a label such as "Li1" or "Li_h": leading letters
  const symbols = labels.map((l) => normalizeSymbol(/^[A-Za-z]{1,2}/.exec(l)?.[0] ?? l));
  return { symbols, grouped };
}

/** One companion file (.cel/.vel/.for) read record by record alongside .pos. */
class Companion {
  constructor(
    readonly r: ByteLineReader,
    readonly rows: number,
    readonly what: string,
  ) {}
  async record(nfi: number, frame: number, out: Float64Array | null, scale: number, map: Int32Array | null): Promise<void> {
    const r = this.r;
    const got = await r.ensureLines(1 + this.rows);
    const w = { file: r.path, frame, line: r.lineNo };
    if (got < 1 + this.rows)
      throw new InputError(`the ${this.what} file ends before step ${nfi}; expected a record for every step of the .pos file`, w);
    const h = r.lineText(0).trim().split(/\s+/);
    if (Number(h[0]) !== nfi) throw new InputError(`${this.what} record is for step ${h[0]}; expected step ${nfi} (as in the .pos file)`, w);
    for (let i = 0; i < this.rows; i++) {
      const slot = map ? map[i] : i;
      if (!out || slot < 0) continue;
      const t = r
        .lineText(1 + i)
        .trim()
        .split(/\s+/);
      for (let c = 0; c < 3; c++) {
        const v = parseNumberString(t[c] ?? '');
        if (!Number.isFinite(v) || t.length !== 3)
          throw new InputError(
            `"${r
              .lineText(1 + i)
              .trim()
              .slice(0, 60)}"; expected three numbers`,
            { ...w, line: r.lineNo + 1 + i },
          );
        out[3 * slot + c] = v * scale;
      }
    }
    r.consume(1 + this.rows);
  }
}

export class QeCpReader extends LineFormatReader {
  private cel: Companion | null = null;
  private vel: Companion | null = null;
  private frc: Companion | null = null;
  private energy = new Map<number, number>();
  private constructor(
    r: ByteLineReader,
    opts: ReadOptions,
    /** Whether the .cel/.vel/.for/.evp files are looked for beside the .pos file (not for bytes given directly). */
    private readonly companions: boolean,
  ) {
    super(r, opts);
  }

  /** Open a cp.x .pos file by its path (companions read from beside it) or from its bytes ({@link ByteInput}: positions only). */
  static async open(input: ByteInput, opts: ReadOptions): Promise<QeCpReader> {
    const x = await LineFormatReader.openWith(
      input,
      (r) => new QeCpReader(r, opts, typeof input === 'string'),
      (q) => q.init(),
    );
    return x;
  }

  private async init(): Promise<void> {
    const path = this.r.path,
      w = { file: path };
    let symbols: string[];
    const tm = this.opts.typeMap;
    if (Array.isArray(tm) && !this.opts.qeInput) symbols = tm.map(normalizeSymbol);
    else if (this.opts.qeInput) {
      const s = await qeInputSpecies(this.opts.qeInput);
      if (!s.grouped && !Array.isArray(tm))
        throw new InputError(
          'the input lists the atoms not grouped by species; cp.x versions differ in the order they write them (older ones sort by species), so give --types with one element per atom in the order of the .pos file',
          { file: sourceName(this.opts.qeInput) },
        );
      symbols = Array.isArray(tm) ? tm.map(normalizeSymbol) : s.symbols;
    } else throw new InputError('a cp.x .pos file has no species; give the cp.x input file (--qe-input) or --types with one element per atom', w);
    this.nAtoms = symbols.length;
    this.topology = topologyFromSymbols(symbols, {}, w);
    const base = path.replace(/\.pos(\.gz)?$/i, '');
    const open = async (ext: string, rows: number, what: string) => {
      if (!this.companions) return null;
      for (const p of [`${base}.${ext}`, `${base}.${ext}.gz`]) if (existsSync(p)) return new Companion(await ByteLineReader.open(p), rows, what);
      return null;
    };
    this.cel = await open('cel', 3, '.cel');
    this.vel = await open('vel', this.nAtoms, '.vel');
    this.frc = await open('for', this.nAtoms, '.for');
    const evp = this.companions ? [`${base}.evp`].find(existsSync) : undefined;
    if (evp) {
      for (const line of readFileSync(evp, 'utf8').split(/\r?\n/)) {
        const t = line.trim().split(/\s+/);
        if (!t[0] || t[0].startsWith('#') || !/^\d+$/.test(t[0]) || t.length < 6) continue;
        const e = parseNumberString(t[5]);
        if (Number.isFinite(e)) this.energy.set(Number(t[0]), e * HARTREE_EV);
      }
    }
    this.info = {
      source: path,
      format: 'qe-cp',
      timestep_fs: this.opts.timestep_fs,
      unwrapped: true,
      units: 'cp.x atomic units (Bohr, Hartree, a.u. time) converted to Å, eV, fs',
    };
  }

  private async header(frame: number): Promise<{ nfi: number; time_fs: number } | null> {
    const r = this.r;
    for (;;) {
      if ((await r.ensureLines(1)) === 0) return null;
      if (r.lineText(0).trim() !== '') break;
      r.consume(1);
    }
    const t = r.lineText(0).trim().split(/\s+/);
    const nfi = Number(t[0]),
      tps = parseNumberString(t[1] ?? '');
    if (t.length !== 2 || !Number.isInteger(nfi) || !Number.isFinite(tps))
      throw new InputError(`"${r.lineText(0).trim().slice(0, 40)}"; expected a record header "step time_ps"`, this.where({ frame, line: r.lineNo }));
    if ((await r.ensureLines(1 + this.nAtoms)) < 1 + this.nAtoms)
      throw new InputError(`truncated record: step ${nfi} needs ${this.nAtoms} position lines`, this.where({ frame, line: r.lineNo }));
    return { nfi, time_fs: tps * 1000 };
  }

  async skipFrame(index: number): Promise<SkippedFrame | null> {
    const h = await this.header(index);
    if (!h) return null;
    this.r.consume(1 + this.nAtoms);
    if (this.cel) await this.cel.record(h.nfi, index, null, 1, null);
    if (this.vel) await this.vel.record(h.nfi, index, null, 1, null);
    if (this.frc) await this.frc.record(h.nfi, index, null, 1, null);
    return { time_fs: h.time_fs };
  }

  async readFrame(index: number): Promise<Frame | null> {
    const h = await this.header(index);
    if (!h) return null;
    const m = this.nOut,
      map = this.map;
    const pos = new Float64Array(3 * m);
    // positions: the .pos record is read like a companion of itself
    await new Companion(this.r, this.nAtoms, '.pos').record(h.nfi, index, pos, BOHR_A, map);
    let cell: Cell | null = null;
    if (this.cel) {
      const hm = new Float64Array(9);
      await this.cel.record(h.nfi, index, hm, BOHR_A, null);
      const off = Math.max(Math.abs(hm[1]), Math.abs(hm[2]), Math.abs(hm[3]), Math.abs(hm[5]), Math.abs(hm[6]), Math.abs(hm[7]));
      if (off > 1e-8 * Math.max(hm[0], hm[4], hm[8]))
        throw new InputError(
          'non-orthogonal cp.x cell: whether the .cel lines are the lattice vectors or their transpose is not verified, so it is not read; convert the run with a tool you trust',
          { file: this.cel.r.path, frame: index },
        );
      cell = new Cell(hm, { file: this.cel.r.path, frame: index });
    }
    const f: Frame = { index, cell, positions: pos, time_fs: h.time_fs };
    if (this.vel) {
      f.velocities = new Float64Array(3 * m);
      await this.vel.record(h.nfi, index, f.velocities, BOHR_A / AU_TIME_FS, map);
    }
    if (this.frc) {
      f.forces = new Float64Array(3 * m);
      await this.frc.record(h.nfi, index, f.forces, HARTREE_EV / BOHR_A, map);
    }
    const e = this.energy.get(h.nfi);
    if (e !== undefined) f.energy_eV = e;
    return f;
  }

  override async close(): Promise<void> {
    await super.close();
    for (const c of [this.cel, this.vel, this.frc]) if (c) await c.r.close();
  }
}
