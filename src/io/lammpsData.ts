/**
 * LAMMPS data file (`read_data` / `write_data` format) as a topology and a first frame.
 *
 * Header: `N atoms`, `N atom types`, `xlo xhi`, `ylo yhi`, `zlo zhi`, optional `xy xz yz` (LAMMPS
 * restricted triclinic: a = (xhi−xlo, 0, 0), b = (xy, yhi−ylo, 0), c = (xz, yz, zhi−zlo)). Sections:
 * `Masses` (type mass [# label]), `Atoms # style` (atomic: id type x y z; charge: id type q x y z;
 * full: id mol type q x y z; molecular: id mol type x y z; each optionally followed by image flags
 * ix iy iz), `Velocities` (id vx vy vz); other sections are skipped. Without a `# style` comment
 * (or with a comment that is not a style name)
 * 5/8 columns are atomic and 7/10 full (as MDAnalysis guesses); 6/9 are ambiguous and refused.
 *
 * Conventions (the same as the dump reader): atoms sorted by id; positions relative to the box
 * origin (xlo, ylo, zlo), so MDAnalysis's positions (absolute) = ours + origin; values converted
 * from the unit style (`lammpsUnits`, default metal) to Å, Å/fs, e. Species: `typeMap` if given,
 * else the element named by a `# Li` comment on the Masses line, else the element whose standard
 * mass is within 0.01 amu of the type's mass.
 */
import { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import type { Frame, SourceInfo } from '../core/frame.js';
import type { Topology } from '../core/topology.js';
import { topologyFromSymbols } from '../core/topology.js';
import { element } from '../core/elements.js';
import { ByteLineReader } from './byteLineReader.js';
import { type ByteInput, bytesSize } from './byteSource.js';
import { DEFAULT_LAMMPS_UNITS, lammpsUnitFactors } from './lammpsUnits.js';
import { parseNumberString } from './parseNumber.js';
import { FormatReader, ReadOptions, SkippedFrame } from './readOptions.js';
import { elementFromMass, normalizeSymbol } from './speciesSymbol.js';
import { nodeFsPromises } from './nodeModules.js';

/** What a LAMMPS data file holds (atoms sorted by id). */
export interface LammpsData {
  topology: Topology;
  /** Atom ids in the order of the topology (ascending). */
  ids: Float64Array;
  /** LAMMPS type of each atom. */
  types: Int32Array;
  /** Molecule id of each atom (full/molecular styles). */
  molecules?: Int32Array;
  /** Element of each LAMMPS type (index 0 = type 1). */
  typeSymbols: string[];
  cell: Cell;
  /** Box origin (xlo, ylo, zlo), Å. */
  origin: [number, number, number];
  /** Positions relative to the origin, Å. */
  positions: Float64Array;
  velocities?: Float64Array;
  images?: Int32Array;
  atomStyle: string;
  units: string;
}

const STYLE_COLS: Record<string, { n: number; mol: number; type: number; q: number; x: number }> = {
  atomic: { n: 5, mol: -1, type: 1, q: -1, x: 2 },
  charge: { n: 6, mol: -1, type: 1, q: 2, x: 3 },
  full: { n: 7, mol: 1, type: 2, q: 3, x: 4 },
  molecular: { n: 6, mol: 1, type: 2, q: -1, x: 3 },
};

/** Read a LAMMPS data file (gzip transparent) by its path or from its bytes ({@link ByteInput}). */
export async function readLammpsData(input: ByteInput, opts: Pick<ReadOptions, 'typeMap' | 'lammpsUnits'> = {}): Promise<LammpsData> {
  const r = await ByteLineReader.open(input, 'a LAMMPS data file');
  try {
    return await parse(r, r.path, opts);
  } finally {
    await r.close();
  }
}

async function parse(r: ByteLineReader, file: string, opts: Pick<ReadOptions, 'typeMap' | 'lammpsUnits'>): Promise<LammpsData> {
  const unitsName = opts.lammpsUnits ?? DEFAULT_LAMMPS_UNITS;
  const u = lammpsUnitFactors(unitsName, { file });
  const at = (line: number) => ({ file, line });
  let nAtoms = -1,
    nTypes = -1;
  const box: Record<string, [number, number]> = {};
  let tilt: [number, number, number] = [0, 0, 0];
  let section = '',
    style = '',
    sectionLine = 0;
  const masses = new Map<number, { mass: number; label?: string }>();
  const atomRows: { toks: string[]; line: number }[] = [];
  const velRows: { toks: string[]; line: number }[] = [];
  if ((await r.ensureLines(1)) === 0)
    throw new InputError('file is empty; expected a LAMMPS data file (a title line, then "N atoms", box bounds and an Atoms section)', {
      file,
      line: 1,
    });
  r.consume(1); // title
  const num = (t: string | undefined, what: string, line: number) => {
    if (t === undefined || t === '') throw new InputError(`a value is missing; expected ${what}`, at(line));
    const v = parseNumberString(t);
    if (!Number.isFinite(v)) throw new InputError(`"${t}"; expected ${what}`, at(line));
    return v;
  };
  for (;;) {
    if ((await r.ensureLines(1)) === 0) break;
    const line = r.lineNo;
    const raw = r.lineText(0);
    r.consume(1);
    const hash = raw.indexOf('#');
    const text = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    const comment = hash >= 0 ? raw.slice(hash + 1).trim() : '';
    if (!text) continue;
    const toks = text.split(/\s+/);
    if (/^[A-Za-z]/.test(toks[0])) {
      section = text;
      sectionLine = line;
      // "Atoms # full" names the style; a comment that is not a style name ("# I like comments") is ignored
      if (section === 'Atoms') {
        style = comment.split(/\s+/)[0] ?? '';
        if (!STYLE_COLS[style]) style = '';
      }
      continue;
    }
    if (!section) {
      // header
      const kw = toks.slice(1).join(' ');
      if (kw === 'atoms') nAtoms = num(toks[0], 'the number of atoms', line);
      else if (kw === 'atom types') nTypes = num(toks[0], 'the number of atom types', line);
      else if (/^[xyz]lo [xyz]hi$/.test(toks.slice(2).join(' ')))
        box[toks[2][0]] = [num(toks[0], 'a box bound', line), num(toks[1], 'a box bound', line)];
      else if (toks.slice(3).join(' ') === 'xy xz yz') tilt = [num(toks[0], 'xy', line), num(toks[1], 'xz', line), num(toks[2], 'yz', line)];
      else if (/^(avec|bvec|cvec|abc origin)$/.test(toks.slice(3).join(' ')))
        throw new InputError('general triclinic boxes (avec/bvec/cvec) are not read; write the data file with a restricted triclinic box', at(line));
      continue;
    }
    if (section === 'Masses') {
      masses.set(num(toks[0], 'an atom type', line), { mass: num(toks[1], 'a mass', line), label: comment.split(/\s+/)[0] || undefined });
    } else if (section === 'Atoms') atomRows.push({ toks, line });
    else if (section === 'Velocities') velRows.push({ toks, line });
  }
  if (nAtoms < 0) throw new InputError('no "N atoms" line in the header; expected a LAMMPS data file', { file });
  for (const k of ['x', 'y', 'z']) if (!box[k]) throw new InputError(`no "${k}lo ${k}hi" line in the header (missing cell)`, { file });
  if (atomRows.length !== nAtoms)
    throw new InputError(`the Atoms section has ${atomRows.length} lines; the header says ${nAtoms} atoms`, at(sectionLine));
  // atom style
  const ncol = atomRows.length ? atomRows[0].toks.length : 0;
  if (!style) {
    if (ncol === 5 || ncol === 8) style = 'atomic';
    else if (ncol === 7 || ncol === 10) style = 'full';
    else
      throw new InputError(
        `the Atoms section has ${ncol} columns and no "# style" comment; expected "Atoms # atomic|charge|full|molecular" (6/9 columns are charge or molecular)`,
        at(sectionLine),
      );
  }
  const sc = STYLE_COLS[style];
  if (!sc) throw new InputError(`atom style "${style}"; expected atomic, charge, full or molecular`, at(sectionLine));
  const [xlo, xhi] = box.x,
    [ylo, yhi] = box.y,
    [zlo, zhi] = box.z;
  const L = u.length_A;
  const cell = new Cell([(xhi - xlo) * L, 0, 0, tilt[0] * L, (yhi - ylo) * L, 0, tilt[1] * L, tilt[2] * L, (zhi - zlo) * L], { file });
  // rows sorted by id
  const rows = atomRows
    .map((a) => {
      if (a.toks.length !== sc.n && a.toks.length !== sc.n + 3)
        throw new InputError(
          `atom line has ${a.toks.length} columns; expected ${sc.n} or ${sc.n + 3} (${style} style${sc.n + 3 === a.toks.length ? '' : ', optionally with image flags'})`,
          at(a.line),
        );
      return { id: num(a.toks[0], 'an integer atom id', a.line), ...a };
    })
    .sort((p, q) => p.id - q.id);
  const n = rows.length;
  const ids = new Float64Array(n),
    types = new Int32Array(n),
    pos = new Float64Array(3 * n);
  const mols = sc.mol >= 0 ? new Int32Array(n) : undefined,
    q = sc.q >= 0 ? new Float64Array(n) : undefined;
  const img = rows.some((x) => x.toks.length === sc.n + 3) ? new Int32Array(3 * n) : undefined;
  const byId = new Map<number, number>();
  rows.forEach((row, k) => {
    if (!Number.isInteger(row.id) || byId.has(row.id))
      throw new InputError(`atom id ${row.toks[0]} ${byId.has(row.id) ? 'appears twice' : 'is not an integer'}`, at(row.line));
    byId.set(row.id, k);
    ids[k] = row.id;
    const t = num(row.toks[sc.type], 'an integer atom type', row.line);
    if (!Number.isInteger(t) || t < 1 || (nTypes > 0 && t > nTypes))
      throw new InputError(`atom type ${row.toks[sc.type]}; expected an integer in 1..${nTypes}`, at(row.line));
    types[k] = t;
    if (mols) mols[k] = num(row.toks[sc.mol], 'a molecule id', row.line);
    if (q) q[k] = num(row.toks[sc.q], 'a charge', row.line) * u.charge_e;
    const o = [xlo, ylo, zlo];
    for (let c = 0; c < 3; c++) pos[3 * k + c] = (num(row.toks[sc.x + c], 'a coordinate', row.line) - o[c]) * L;
    if (img) for (let c = 0; c < 3; c++) img[3 * k + c] = row.toks.length === sc.n + 3 ? num(row.toks[sc.n + c], 'an image flag', row.line) : 0;
  });
  // species per type
  const nT = nTypes > 0 ? nTypes : Math.max(...types);
  const typeSymbols: string[] = [];
  const tm = opts.typeMap;
  for (let t = 1; t <= nT; t++) {
    let s: string | undefined;
    if (tm) s = Array.isArray(tm) ? tm[t - 1] : tm[String(t)];
    else {
      const m = masses.get(t);
      if (m?.label && element(normalizeSymbol(m.label))) s = normalizeSymbol(m.label);
      else if (m) s = elementFromMass(m.mass, { file });
    }
    if (!s) {
      if (tm) throw new InputError(`atom type ${t} has no entry in the type map; expected an element for every type`, { file });
      throw new InputError(`atom type ${t} has no mass in the Masses section; expected Masses or a type map (--types)`, { file });
    }
    typeSymbols.push(normalizeSymbol(s));
  }
  const massOverride: Record<string, number> = {};
  const topology0 = topologyFromSymbols(
    Array.from(types, (t) => typeSymbols[t - 1]),
    massOverride,
    { file },
  );
  const topology: Topology = q ? { ...topology0, charges: q } : topology0;
  let vel: Float64Array | undefined;
  if (velRows.length) {
    if (velRows.length !== n)
      throw new InputError(`the Velocities section has ${velRows.length} lines; expected ${n} (one per atom)`, at(velRows[0].line));
    vel = new Float64Array(3 * n);
    for (const v of velRows) {
      const k = byId.get(num(v.toks[0], 'an atom id', v.line));
      if (k === undefined) throw new InputError(`velocity of atom id ${v.toks[0]}, which is not in the Atoms section`, at(v.line));
      for (let c = 0; c < 3; c++) vel[3 * k + c] = num(v.toks[1 + c], 'a velocity', v.line) * u.velocity_A_fs;
    }
  }
  return {
    topology,
    ids,
    types,
    molecules: mols,
    typeSymbols,
    cell,
    origin: [xlo * L, ylo * L, zlo * L],
    positions: pos,
    velocities: vel,
    images: img,
    atomStyle: style,
    units: `LAMMPS ${unitsName} (${u.label})`,
  };
}

/** A LAMMPS data file as a one-frame trajectory source. */
export class LammpsDataReader implements FormatReader {
  topology!: Topology;
  info!: SourceInfo;
  private done = false;
  private constructor(
    private readonly data: LammpsData,
    private readonly path: string,
    private readonly size: number,
  ) {
    this.topology = data.topology;
    this.info = { source: path, format: 'lammps-data', unwrapped: false, units: data.units };
  }
  /** Open a LAMMPS data file by its path or from its bytes ({@link ByteInput}). */
  static async open(input: ByteInput, opts: ReadOptions): Promise<LammpsDataReader> {
    const d = await readLammpsData(input, opts);
    const size = typeof input === 'string' ? (await nodeFsPromises().stat(input)).size : bytesSize(input.bytes);
    return new LammpsDataReader(d, typeof input === 'string' ? input : input.name, size);
  }
  setSelection(idx: Int32Array | null): void {
    this.sel = idx;
  }
  private sel: Int32Array | null = null;
  private pick(a: Float64Array | Int32Array | undefined, w: number): Float64Array | Int32Array | undefined {
    if (!a || !this.sel) return a;
    const out = new (a.constructor as Float64ArrayConstructor)(w * this.sel.length);
    this.sel.forEach((i, j) => {
      for (let c = 0; c < w; c++) out[w * j + c] = a[w * i + c];
    });
    return out;
  }
  async readFrame(index: number): Promise<Frame | null> {
    if (this.done || index > 0) return null;
    this.done = true;
    const d = this.data;
    const f: Frame = { index: 0, cell: d.cell, positions: this.pick(d.positions, 3) as Float64Array };
    if (d.velocities) f.velocities = this.pick(d.velocities, 3) as Float64Array;
    if (d.images) f.images = this.pick(d.images, 3) as Int32Array;
    return f;
  }
  async skipFrame(index: number): Promise<SkippedFrame | null> {
    if (this.done || index > 0) return null;
    this.done = true;
    return {};
  }
  bytesRead(): number {
    return this.done ? this.size : 0;
  }
  totalBytes(): number {
    return this.size;
  }
  compressed(): boolean {
    return false;
  }
  async close(): Promise<void> {
    /* read whole at open */
  }
}
