/**
 * LAMMPS text dump reader (`dump custom` / `dump atom`): per frame `ITEM: TIMESTEP`,
 * `ITEM: NUMBER OF ATOMS`, `ITEM: BOX BOUNDS ...`, `ITEM: ATOMS <columns>`.
 *
 * - Columns in any order. Positions from `xu yu zu` (unwrapped), `xsu ysu zsu`, `x y z` or
 *   `xs ys zs` (scaled: r = s·M), in that order of preference; image flags `ix iy iz` go to
 *   `frame.images`; `vx vy vz`, `fx fy fz`, `q`; per-atom energy `c_pe` (or pe, c_pe_atom, ...);
 *   any other numeric column goes to `frame.properties` by its name.
 * - Box: orthogonal (`xlo xhi` per line), triclinic (`BOX BOUNDS xy xz yz`: the bounds are the
 *   bounding box, converted to the box as in the LAMMPS Howto triclinic page:
 *   xlo = xlo_bound − min(0, xy, xz, xy+xz), xhi = xhi_bound − max(0, xy, xz, xy+xz),
 *   ylo = ylo_bound − min(0, yz), yhi = yhi_bound − max(0, yz); a = (xhi−xlo, 0, 0),
 *   b = (xy, yhi−ylo, 0), c = (xz, yz, zhi−zlo)), and general triclinic (`BOX BOUNDS abc origin`).
 *   Positions are returned relative to the box origin (xlo, ylo, zlo), so that fractional
 *   coordinates r·M⁻¹ lie in [0, 1) for atoms inside the box.
 * - Atoms are sorted by `id`; every frame must hold the same ids.
 * - Species from an `element` column (any case, `LI` → Li), from `type` through `typeMap` or a LAMMPS
 *   data file (`topologyFile`: its Masses / type labels), or, with
 *   neither, from a `mass` column (the element whose standard mass is within 0.01 amu).
 * - Units: a dump does not record its unit style; `lammpsUnits` (default metal) converts lengths, the
 *   box, velocities (metal Å/ps × 1e-3 → Å/fs), forces, per-atom energies and charges to Å, Å/fs,
 *   eV/Å, eV, e (lammpsUnits.ts); the style assumed is in `info.units`, and a warning says so when a
 *   dump with velocities is read without the option.
 * - Frame time = TIMESTEP × `mdTimestep_fs` when given; otherwise left undefined (never guessed).
 */
import { Cell } from '../core/cell.js';
import { InputError, InputErrorLocation } from '../core/errors.js';
import type { Frame } from '../core/frame.js';
import { topologyFromSymbols } from '../core/topology.js';
import { ByteLineReader, type ByteInput } from './byteLineReader.js';
import { LineFormatReader } from './lineFormatReader.js';
import { checkCellPlausible } from './plausibleInput.js';
import { latin1Bytes, numEnd, parseNumberAt, scanDecimal, skipBlanks, tokenEndAt, tokenText } from './parseNumber.js';
import { ReadOptions, SkippedFrame } from './readOptions.js';
import { readLammpsData } from './lammpsData.js';
import { DEFAULT_LAMMPS_UNITS, lammpsUnitFactors, LammpsUnitFactors } from './lammpsUnits.js';
import { elementFromMass, normalizeSymbol } from './speciesSymbol.js';
import { emitReadWarning } from './timestepWarning.js';

const K_SKIP = 0,
  K_ID = 1,
  K_TYPE = 2,
  K_ELEMENT = 3,
  K_POS = 4,
  K_IMG = 5,
  K_VEL = 6,
  K_FORCE = 7,
  K_ENERGY = 8,
  K_CHARGE = 9,
  K_PROP = 10;

const POS_FAMILIES: { names: string[]; scaled: boolean; unwrapped: boolean }[] = [
  { names: ['xu', 'yu', 'zu'], scaled: false, unwrapped: true },
  { names: ['xsu', 'ysu', 'zsu'], scaled: true, unwrapped: true },
  { names: ['x', 'y', 'z'], scaled: false, unwrapped: false },
  { names: ['xs', 'ys', 'zs'], scaled: true, unwrapped: false },
];
const ENERGY_RE = /^(c_)?(pe|pe_?atom|peatom|atom_?pe|eng|energy)$/i;

interface Plan {
  columns: string;
  kinds: Uint8Array;
  comps: Uint8Array;
  propNames: (string | null)[];
  nTokens: number;
  idCol: number;
  scaled: boolean;
  unwrapped: boolean;
  has: { img: boolean; vel: boolean; force: boolean; energy: boolean; charge: boolean };
}

function planColumns(names: string[], where: InputErrorLocation): Plan {
  const kinds = new Uint8Array(names.length),
    comps = new Uint8Array(names.length);
  const propNames: (string | null)[] = names.map(() => null);
  const fam = POS_FAMILIES.find((f) => f.names.every((n) => names.includes(n)));
  if (!fam) {
    throw new InputError(
      `ITEM: ATOMS columns "${names.join(' ')}" have no complete set of positions; expected x y z, xu yu zu, xs ys zs or xsu ysu zsu`,
      where,
    );
  }
  const has = { img: false, vel: false, force: false, energy: false, charge: false };
  const triple = (set: string[], k: number) => {
    const at = set.map((n) => names.indexOf(n));
    if (at.every((j) => j >= 0)) {
      at.forEach((j, c) => {
        kinds[j] = k;
        comps[j] = c;
      });
      return true;
    }
    return false;
  };
  names.forEach((n, j) => {
    kinds[j] = K_PROP;
    propNames[j] = n;
  });
  triple(fam.names, K_POS);
  for (const f of POS_FAMILIES)
    if (f !== fam)
      f.names.forEach((n) => {
        const j = names.indexOf(n);
        if (j >= 0) {
          kinds[j] = K_PROP;
        }
      });
  has.img = triple(['ix', 'iy', 'iz'], K_IMG);
  has.vel = triple(['vx', 'vy', 'vz'], K_VEL);
  has.force = triple(['fx', 'fy', 'fz'], K_FORCE);
  let idCol = -1;
  names.forEach((n, j) => {
    if (kinds[j] !== K_PROP) {
      propNames[j] = null;
      return;
    }
    if (n === 'id') {
      kinds[j] = K_ID;
      idCol = j;
      propNames[j] = null;
    } else if (n === 'type') {
      kinds[j] = K_TYPE;
      propNames[j] = null;
    } else if (n === 'element') {
      kinds[j] = K_ELEMENT;
      propNames[j] = null;
    } else if (ENERGY_RE.test(n) && !has.energy) {
      kinds[j] = K_ENERGY;
      has.energy = true;
      propNames[j] = null;
    } else if (n === 'q' && !has.charge) {
      kinds[j] = K_CHARGE;
      has.charge = true;
      propNames[j] = null;
    }
  });
  if (!names.includes('type') && !names.includes('element') && !names.includes('mass')) {
    throw new InputError(
      `ITEM: ATOMS columns "${names.join(' ')}" have neither "type", "element" nor "mass"; expected one to know each atom's species`,
      where,
    );
  }
  return {
    columns: names.join(' '),
    kinds,
    comps,
    propNames,
    nTokens: names.length,
    idCol,
    scaled: fam.scaled,
    unwrapped: fam.unwrapped,
    has,
  };
}

/** What the fused pass over a dump frame's atom lines needs (see fusedDumpLines). */
interface DumpLineContext {
  n: number;
  nTok: number;
  kinds: Uint8Array;
  comps: Uint8Array;
  idCol: number;
  row: Float64Array;
  seen: Int32Array;
  dense: Int32Array | null;
  idMap: Map<number, number> | null;
  atomType: Float64Array;
  checkType: boolean;
  elemCol: number;
  eb: Uint8Array[];
  species: ArrayLike<number>;
  slotLine: Int32Array;
  map: Int32Array | null;
  /** Float destinations per column (null: not stored); image flags go to img. */
  arr: (Float64Array | null)[];
  img: Int32Array | null;
  index: number;
  line: number;
}

/**
 * One pass over a dump frame's n atom lines (data ending in a sentinel 0 at `end`): numbers by
 * scanDecimal (equal to Number(token)), lines found as it goes, atoms placed by id. Returns the
 * offset after the last line, or ~p where it stopped (p ≥ end: data ran out; else something unusual,
 * left to the careful pass, which names it). Accepts only what the careful pass accepts, with the same values.
 */
function fusedDumpLines(b: Uint8Array, q: number, end: number, x: DumpLineContext): number {
  const { n, nTok, kinds, comps, idCol, row, seen, dense, idMap, atomType, checkType, elemCol, eb, species, slotLine, map, arr, img, index } = x;
  let elemAt = 0;
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < nTok; t++) {
      let c = b[q];
      while (c === 32 || c === 9 || c === 13) c = b[++q];
      const kind = kinds[t];
      if (kind === K_ELEMENT || kind === K_SKIP) {
        if (c === 10 || c === 0) return ~q;
        if (kind === K_ELEMENT) elemAt = q;
        while (c !== 32 && c !== 9 && c !== 13 && c !== 10 && c !== 0) c = b[++q];
        if (c === 0) return ~q;
      } else {
        q = scanDecimal(b, q, row, t);
        if (q < 0) return q;
      }
    }
    let c = b[q];
    while (c === 32 || c === 9 || c === 13) c = b[++q];
    if (c !== 10) {
      const nl = b.indexOf(10, q);
      if (nl < 0 || nl >= end) return ~end;
      q = nl;
    }
    q++;
    // the atom: id → index (sorted-id order) → output slot
    let k = i;
    if (idCol >= 0) {
      const id = row[idCol];
      k = !Number.isInteger(id) ? -1 : dense ? (id >= 0 && id < dense.length ? dense[id] : -1) : (idMap!.get(id) ?? -1);
      if (k < 0 || seen[k] === index) return ~0;
      seen[k] = index;
    }
    const slot = map ? map[k] : k;
    if (slot < 0) continue;
    slotLine[slot] = x.line + i;
    if (elemCol >= 0) {
      const w = eb[species[k]];
      for (let j = 0; j < w.length; j++) if ((b[elemAt + j] | 32) !== (w[j] | 32)) return ~0;
      const c2 = b[elemAt + w.length];
      if (!(c2 === 32 || c2 === 9 || c2 === 13 || c2 === 10)) return ~0;
    }
    for (let t = 0; t < nTok; t++) {
      const kind = kinds[t];
      if (kind === K_TYPE) {
        if (checkType && row[t] !== atomType[k]) return ~0;
        continue;
      }
      if (kind === K_IMG) {
        img![3 * slot + comps[t]] = row[t];
        continue;
      }
      const a = arr[t];
      if (a === null) continue;
      if (kind === K_POS || kind === K_VEL || kind === K_FORCE) a[3 * slot + comps[t]] = row[t];
      else a[slot] = row[t];
    }
  }
  return q;
}

interface Header {
  nAtoms: number;
  timestep: number;
  cell: Cell;
  origin: [number, number, number];
  plan: Plan;
  line: number;
}

export class LammpsDumpReader extends LineFormatReader {
  private plan: Plan | null = null;
  private pending: Header | null = null;
  /** id → atom index (sorted-id order): dense array or map. */
  private idDense: Int32Array | null = null;
  private idMap: Map<number, number> | null = null;
  /** Per-atom type (or element code) in frame 0, for the per-frame consistency check. */
  private atomType!: Float64Array;
  private seen!: Int32Array;
  private elementBytes: Uint8Array[] = [];
  private u!: LammpsUnitFactors;
  private constructor(r: ByteLineReader, opts: ReadOptions) {
    super(r, opts);
  }

  static async open(path: ByteInput, opts: ReadOptions): Promise<LammpsDumpReader> {
    return LineFormatReader.openWith(
      path,
      (r) => new LammpsDumpReader(r, opts),
      (x) => x.init(),
    );
  }

  private async readHeader(frame: number): Promise<Header | null> {
    const r = this.r;
    let timestep = NaN,
      n = -1,
      cell: Cell | null = null,
      origin: [number, number, number] = [0, 0, 0];
    let boxWhere: InputErrorLocation | undefined;
    let plan: Plan | null = null;
    let first = true;
    const line0 = r.lineNo;
    while (!plan) {
      // skip blank lines
      for (;;) {
        if ((await r.ensureLines(1)) === 0) {
          if (first) return null;
          throw new InputError('truncated frame: the file ends inside a frame header; expected ITEM: ATOMS', this.where({ frame, line: r.lineNo }));
        }
        if (r.lineEnd(0) > skipBlanks(r.buf, r.lineStart(0), r.lineEnd(0))) break;
        r.consume(1);
      }
      first = false;
      const text = r.lineText(0).trim();
      const at = r.lineNo;
      if (!text.startsWith('ITEM:')) {
        throw new InputError(`"${text.slice(0, 40)}"; expected an "ITEM:" line (LAMMPS dump frame header)`, this.where({ frame, line: at }));
      }
      const item = text.slice(5).trim();
      const ITEM = item.toUpperCase();
      if (ITEM.startsWith('ATOMS')) {
        const names = item.slice(5).trim().split(/\s+/).filter(Boolean);
        const prev = this.plan;
        plan = prev && prev.columns === names.join(' ') ? prev : planColumns(names, this.where({ frame, line: at }));
        r.consume(1);
        break;
      }
      const nLines = ITEM.startsWith('BOX BOUNDS') ? 3 : 1;
      const got = await r.ensureLines(1 + nLines);
      if (got < 1 + nLines) throw new InputError(`truncated frame: ${item} needs ${nLines} value line(s)`, this.where({ frame, line: at }));
      const vals = (j: number, count: number, what: string): number[] => {
        const t = r.lineText(j).trim().split(/\s+/);
        const v = t.map(Number);
        if (v.length < count || v.slice(0, count).some((x) => !Number.isFinite(x))) {
          throw new InputError(`"${r.lineText(j).trim().slice(0, 60)}"; expected ${what}`, this.where({ frame, line: at + j }));
        }
        return v;
      };
      if (ITEM === 'TIMESTEP') timestep = vals(1, 1, 'the time step number')[0];
      else if (ITEM === 'NUMBER OF ATOMS') {
        n = vals(1, 1, 'the number of atoms')[0];
        if (!Number.isInteger(n) || n < 0)
          throw new InputError(`number of atoms "${r.lineText(1).trim()}"; expected a non-negative integer`, this.where({ frame, line: at + 1 }));
      } else if (ITEM.startsWith('BOX BOUNDS')) {
        const flags = item.slice(10).trim().split(/\s+/);
        const w = this.where({ frame, line: at + 1 });
        if (flags[0] === 'abc' && flags[1] === 'origin') {
          const rows = [vals(1, 4, 'ax ay az origin_x'), vals(2, 4, 'bx by bz origin_y'), vals(3, 4, 'cx cy cz origin_z')];
          cell = new Cell([...rows[0].slice(0, 3), ...rows[1].slice(0, 3), ...rows[2].slice(0, 3)], w);
          origin = [rows[0][3], rows[1][3], rows[2][3]];
          boxWhere = w;
        } else {
          const tri = flags[0] === 'xy';

          const want = tri ? 3 : 2;
          const [xb, yb, zb] = [
            vals(1, want, tri ? 'xlo_bound xhi_bound xy' : 'xlo xhi'),
            vals(2, want, tri ? 'ylo_bound yhi_bound xz' : 'ylo yhi'),
            vals(3, want, tri ? 'zlo_bound zhi_bound yz' : 'zlo zhi'),
          ];
          let xlo = xb[0],
            xhi = xb[1],
            ylo = yb[0],
            yhi = yb[1];
          const zlo = zb[0],
            zhi = zb[1];
          const xy = tri ? xb[2] : 0,
            xz = tri ? yb[2] : 0,
            yz = tri ? zb[2] : 0;
          if (tri) {
            xlo -= Math.min(0, xy, xz, xy + xz);
            xhi -= Math.max(0, xy, xz, xy + xz);
            ylo -= Math.min(0, yz);
            yhi -= Math.max(0, yz);
          }
          if (!(xhi > xlo && yhi > ylo && zhi > zlo)) {
            throw new InputError(
              `box bounds are inverted or empty (xlo ${xlo} xhi ${xhi}, ylo ${ylo} yhi ${yhi}, zlo ${zlo} zhi ${zhi}); expected lo < hi on every axis`,
              w,
            );
          }
          cell = new Cell([xhi - xlo, 0, 0, xy, yhi - ylo, 0, xz, yz, zhi - zlo], w);
          origin = [xlo, ylo, zlo];
          boxWhere = w;
        }
      }
      r.consume(1 + nLines);
    }
    if (n < 0) throw new InputError('frame header has no ITEM: NUMBER OF ATOMS before ITEM: ATOMS', this.where({ frame, line: line0 }));
    if (!cell) throw new InputError('frame header has no ITEM: BOX BOUNDS; expected the box (missing cell)', this.where({ frame, line: line0 }));
    if (!this.plan) this.checkDeclaredCount(n, 6, this.where({ frame, line: line0 })); // "1 0 0 0\n" at least
    if (this.plan && n !== this.nAtoms) {
      throw new InputError(
        `frame has ${n} atoms; expected ${this.nAtoms} like the first frame (atom-count mismatch)`,
        this.where({ frame, line: line0 }),
      );
    }
    try {
      const L = this.u.length_A;
      if (L !== 1)
        cell = new Cell(
          Array.from(cell.matrix, (x) => x * L),
          this.where({ frame, line: line0 }),
        );
      checkCellPlausible(cell, n, boxWhere ?? this.where({ frame, line: line0 }));
    } catch (e) {
      await this.requireAtomLines(n, frame); // a frame cut short is reported as such first
      throw e;
    }
    return { nAtoms: n, timestep, cell, origin, plan, line: r.lineNo };
  }

  /** Make the n atom lines of the pending frame available (else: truncated frame). */
  private async requireAtomLines(n: number, frame: number): Promise<void> {
    const got = await this.r.ensureLines(n);
    if (got < n) throw new InputError(`truncated frame: ${got} atom lines; expected ${n}`, this.where({ frame, line: this.r.lineNo }));
  }

  private async init(): Promise<void> {
    const r = this.r;
    const units = this.opts.lammpsUnits ?? DEFAULT_LAMMPS_UNITS;
    this.u = lammpsUnitFactors(units, this.where());
    if ((await r.ensureLines(1)) === 0) throw new InputError('file is empty; expected "ITEM: TIMESTEP"', this.where({ line: 1 }));
    const h = await this.readHeader(0);
    if (!h) throw new InputError('file is empty; expected "ITEM: TIMESTEP"', this.where({ line: 1 }));
    await this.requireAtomLines(h.nAtoms, 0);
    const p = h.plan,
      n = h.nAtoms,
      b = r.buf;
    this.plan = p;
    this.nAtoms = n;
    // ids, types/elements of frame 0
    const ids = new Float64Array(n);
    const typeVals = new Float64Array(n);
    const elems: string[] = new Array(n);
    const typeCol = p.kinds.indexOf(K_TYPE),
      elemCol = p.kinds.indexOf(K_ELEMENT);
    const massCol = typeCol < 0 && elemCol < 0 ? p.columns.split(' ').indexOf('mass') : -1;
    for (let i = 0; i < n; i++) {
      const s = r.lineStart(i),
        e = r.lineEnd(i);
      let q = s;
      for (let t = 0; t < p.nTokens; t++) {
        q = skipBlanks(b, q, e);
        if (q >= e)
          throw new InputError(`atom line has ${t} columns; expected ${p.nTokens} (${p.columns})`, this.where({ frame: 0, line: h.line + i }));
        if (t === p.idCol || (t === typeCol && elemCol < 0)) {
          const v = parseNumberAt(b, q, e);
          if (!Number.isInteger(v))
            throw new InputError(
              `"${tokenText(b, q, numEnd)}" in column ${t === p.idCol ? 'id' : 'type'}; expected an integer`,
              this.where({ frame: 0, line: h.line + i }),
            );
          if (t === p.idCol) ids[i] = v;
          else typeVals[i] = v;
          q = numEnd;
        } else if (t === massCol) {
          const v = parseNumberAt(b, q, e);
          if (!(v > 0))
            throw new InputError(
              `"${tokenText(b, q, numEnd)}" in column mass; expected a positive mass in amu`,
              this.where({ frame: 0, line: h.line + i }),
            );
          typeVals[i] = v;
          q = numEnd;
        } else if (t === elemCol) {
          const te = tokenEndAt(b, q, e);
          elems[i] = r.text(q, te);
          q = te;
        } else q = tokenEndAt(b, q, e);
      }
    }
    // sort atoms by id
    const order = Array.from({ length: n }, (_, i) => i);
    if (p.idCol >= 0) order.sort((a, c) => ids[a] - ids[c]);
    let maxId = 0;
    for (let k = 0; k < n; k++) {
      if (p.idCol >= 0 && k > 0 && ids[order[k]] === ids[order[k - 1]])
        throw new InputError(`atom id ${ids[order[k]]} appears twice; expected unique ids`, this.where({ frame: 0 }));
      maxId = Math.max(maxId, ids[order[k]]);
    }
    if (p.idCol >= 0) {
      if (maxId < 4 * n + 1_000_000) {
        this.idDense = new Int32Array(maxId + 1).fill(-1);
        for (let k = 0; k < n; k++) this.idDense[ids[order[k]]] = k;
      } else {
        this.idMap = new Map();
        for (let k = 0; k < n; k++) this.idMap.set(ids[order[k]], k);
      }
    }
    // species
    const syms: string[] = new Array(n);
    this.atomType = new Float64Array(n);
    if (elemCol >= 0) {
      for (let k = 0; k < n; k++) syms[k] = normalizeSymbol(elems[order[k]]);
    } else if (massCol >= 0) {
      const byMass = new Map<number, string>();
      for (let k = 0; k < n; k++) {
        const mv = typeVals[order[k]];
        let s = byMass.get(mv);
        if (s === undefined) byMass.set(mv, (s = elementFromMass(mv, this.where({ frame: 0, line: h.line + order[k] }))));
        syms[k] = s;
      }
    } else {
      let tm = this.opts.typeMap;
      if (!tm && this.opts.topologyFile) tm = (await readLammpsData(this.opts.topologyFile, { lammpsUnits: this.opts.lammpsUnits })).typeSymbols;
      if (!tm) {
        const types = [...new Set(Array.from(typeVals))].sort((a, c) => a - c);
        throw new InputError(
          `the dump has numeric atom types (${types.join(', ')}) and no element column; expected a typeMap (e.g. --types Li,P,S for types 1,2,3)`,
          this.where({ frame: 0 }),
        );
      }
      for (let k = 0; k < n; k++) {
        const t = typeVals[order[k]];
        const s = Array.isArray(tm) ? tm[t - 1] : tm[String(t)];
        if (!s) throw new InputError(`atom type ${t} has no entry in typeMap; expected an element for every type`, this.where({ frame: 0 }));
        syms[k] = normalizeSymbol(s);
        this.atomType[k] = t;
      }
    }
    this.topology = topologyFromSymbols(syms, {}, this.where({ frame: 0 }));
    if (elemCol >= 0 || massCol >= 0) for (let k = 0; k < n; k++) this.atomType[k] = this.topology.species[k];
    this.elementBytes = this.topology.symbols.map((s) => latin1Bytes(s));
    this.seen = new Int32Array(n).fill(-1);
    this.info = {
      source: r.path,
      format: 'lammps-dump',
      timestep_fs: this.opts.timestep_fs,
      unwrapped: p.unwrapped,
      units: `LAMMPS ${units} (${this.u.label})`,
    };
    if (this.opts.lammpsUnits === undefined && p.has.vel) {
      emitReadWarning(
        `${r.path}: velocities read as LAMMPS ${units} units (${this.u.label}) and converted to Å/fs; give the run's unit style (--lammps-units / lammpsUnits) if it was not ${units}`,
        this.opts.onWarning,
      );
    }
    this.pending = h;
  }

  /** Continue at a frame's "ITEM: TIMESTEP" line (byte `offset`, line `line`); the atom ids and types of frame 0 are kept. */
  seekFrameStart(offset: number, line: number): boolean {
    if (!this.seekTo(offset, line)) return false;
    this.pending = null;
    return true;
  }

  async skipFrame(index: number): Promise<SkippedFrame | null> {
    const h = this.pending ?? (await this.readHeader(index));
    this.pending = null;
    if (!h) return null;
    await this.requireAtomLines(h.nAtoms, index);
    this.r.consume(h.nAtoms);
    return { time_fs: this.frameTime(h) };
  }

  private frameTime(h: Header): number | undefined {
    return this.opts.mdTimestep_fs !== undefined && Number.isFinite(h.timestep) ? h.timestep * this.opts.mdTimestep_fs : undefined;
  }

  private atomIndexOf(id: number, frame: number, line: number): number {
    const k = this.idDense ? (id >= 0 && id < this.idDense.length ? this.idDense[id] : -1) : (this.idMap!.get(id) ?? -1);
    if (k < 0) throw new InputError(`atom id ${id} is not in the first frame; expected the same atoms in every frame`, this.where({ frame, line }));
    if (this.seen[k] === frame) throw new InputError(`atom id ${id} appears twice in the frame`, this.where({ frame, line }));
    this.seen[k] = frame;
    return k;
  }

  /** Line of each output slot in the last frame read (atoms may be in any id order). */
  private slotLine: Int32Array | null = null;

  override lineOfAtom(slot: number): number | undefined {
    return this.slotLine ? this.slotLine[slot] : undefined;
  }

  async readFrame(index: number): Promise<Frame | null> {
    const h = this.pending ?? (await this.readHeader(index));
    this.pending = null;
    if (!h) return null;
    const p = h.plan,
      m = this.nOut;
    if (p.has.img !== this.plan!.has.img || p.unwrapped !== this.plan!.unwrapped) {
      throw new InputError(
        `ITEM: ATOMS columns "${p.columns}" change the kind of positions/image flags from the first frame ("${this.plan!.columns}")`,
        this.where({ frame: index, line: h.line - 1 }),
      );
    }
    const kinds = p.kinds;
    const pos = new Float64Array(3 * m);
    const img = p.has.img ? new Int32Array(3 * m) : undefined;
    const vel = p.has.vel ? new Float64Array(3 * m) : undefined;
    const frc = p.has.force ? new Float64Array(3 * m) : undefined;
    const ene = p.has.energy ? new Float64Array(m) : undefined;
    const chg = p.has.charge ? new Float64Array(m) : undefined;
    let props: Record<string, Float64Array> | undefined;
    const propArr = p.propNames.map((name) => (name ? ((props ??= {})[name] = new Float64Array(m)) : null));
    if (!this.slotLine || this.slotLine.length !== m) this.slotLine = new Int32Array(m);
    const arr: (Float64Array | Int32Array | null)[] = Array.from(kinds, (k, t) =>
      k === K_POS
        ? pos
        : k === K_IMG
          ? img!
          : k === K_VEL
            ? vel!
            : k === K_FORCE
              ? frc!
              : k === K_ENERGY
                ? ene!
                : k === K_CHARGE
                  ? chg!
                  : k === K_PROP
                    ? propArr[t]
                    : null,
    );
    if (!(await this.fusedFrame(h, index, arr))) await this.carefulFrame(h, index, arr);
    // positions relative to the box origin; scaled → Cartesian
    return this.finishFrame(h, index, pos, img, vel, frc, ene, chg, props);
  }

  /** Bytes of the last frame's atom lines (to ask for enough bytes for the next one at once). */
  private frameBytes = 0;
  /** One parsed line's values per column (fused pass). */
  private row = new Float64Array(0);

  /**
   * Parse the frame's atom lines in one pass over the bytes (scanDecimal; lines found as they go).
   * Returns false, having consumed nothing, if anything is unusual (the careful pass then reads the
   * frame and names the error).
   */
  private async fusedFrame(h: Header, index: number, arr: (Float64Array | Int32Array | null)[]): Promise<boolean> {
    const r = this.r,
      p = h.plan,
      n = h.nAtoms,
      map = this.map;
    const kinds = p.kinds,
      comps = p.comps,
      nTok = p.nTokens,
      idCol = p.idCol;
    if (this.row.length !== nTok) this.row = new Float64Array(nTok);
    const row = this.row,
      seen = this.seen,
      dense = this.idDense,
      idMap = this.idMap,
      atomType = this.atomType;
    const checkType = p.kinds.indexOf(K_ELEMENT) < 0;
    const elemCol = p.kinds.indexOf(K_ELEMENT);
    const eb = this.elementBytes,
      species = this.topology.species,
      slotLine = this.slotLine!;
    let want = this.frameBytes > 0 ? this.frameBytes + (this.frameBytes >> 3) + 4096 : 48 * n + 4096;
    const ctx: DumpLineContext = {
      n,
      nTok,
      kinds,
      comps,
      idCol,
      row,
      seen,
      dense,
      idMap,
      atomType,
      checkType,
      elemCol,
      eb,
      species,
      slotLine,
      map,
      arr: arr.map((a, t) => (kinds[t] === K_IMG ? null : (a as Float64Array | null))),
      img: (arr[kinds.indexOf(K_IMG)] as Int32Array | undefined) ?? null,
      index,
      line: h.line,
    };
    for (;;) {
      await r.ensureBytes(want);
      const b = r.buf,
        s0 = r.pendingStart,
        end = r.pendingEnd;
      b[end] = 0; // sentinel (the reader keeps a spare byte)
      const q = fusedDumpLines(b, s0, end, ctx);
      if (q >= 0) {
        this.frameBytes = q - s0;
        r.consumeTo(q, n);
        return true;
      }
      seen.fill(-1); // the careful pass (or the retry) marks the ids again
      if (~q < end || r.atEof) return false;
      want = 2 * Math.max(want, end - s0);
    }
  }

  /** The line-by-line pass (names any error: file, frame, line). */
  private async carefulFrame(h: Header, index: number, arr: (Float64Array | Int32Array | null)[]): Promise<void> {
    const r = this.r,
      p = h.plan,
      map = this.map,
      n = h.nAtoms;
    await this.requireAtomLines(n, index);
    const b = r.buf;
    const kinds = p.kinds,
      comps = p.comps,
      nTok = p.nTokens;
    const atomType = this.atomType,
      eb = this.elementBytes,
      species = this.topology.species;
    const slotLine = this.slotLine!;
    const [pos, img, vel, frc, ene, chg] = [K_POS, K_IMG, K_VEL, K_FORCE, K_ENERGY, K_CHARGE].map((k) => {
      const t = kinds.indexOf(k);
      return t >= 0 ? arr[t] : undefined;
    }) as [
      Float64Array,
      Int32Array | undefined,
      Float64Array | undefined,
      Float64Array | undefined,
      Float64Array | undefined,
      Float64Array | undefined,
    ];
    const propArr = arr;
    for (let i = 0; i < n; i++) {
      const s = r.lineStart(i),
        e = r.lineEnd(i),
        line = h.line + i;
      // pass 1: the id → atom index → output slot
      let k = i;
      if (p.idCol >= 0) {
        let q = s;
        for (let t = 0; t < p.idCol; t++) {
          q = skipBlanks(b, q, e);
          q = tokenEndAt(b, q, e);
        }
        q = skipBlanks(b, q, e);
        const id = q < e ? parseNumberAt(b, q, e) : NaN;
        if (!Number.isInteger(id))
          throw new InputError(
            `id column holds "${q < e ? tokenText(b, q, numEnd) : ''}"; expected an integer atom id`,
            this.where({ frame: index, line }),
          );
        k = this.atomIndexOf(id, index, line);
      }
      const slot = map ? map[k] : k;
      if (slot < 0) continue;
      slotLine[slot] = line;
      let q = s;
      for (let t = 0; t < nTok; t++) {
        q = skipBlanks(b, q, e);
        if (q >= e) throw new InputError(`atom line has ${t} columns; expected ${nTok} (${p.columns})`, this.where({ frame: index, line }));
        const kind = kinds[t];
        if (kind === K_ELEMENT) {
          const te = tokenEndAt(b, q, e),
            want = eb[species[k]];
          let ok = te - q === want.length;
          for (let c = 0; ok && c < want.length; c++) ok = (b[q + c] | 32) === (want[c] | 32);
          if (!ok)
            throw new InputError(
              `atom ${k} is "${tokenText(b, q, te)}"; expected "${this.topology.symbols[species[k]]}" as in the first frame`,
              this.where({ frame: index, line }),
            );
          q = te;
          continue;
        }
        if (kind === K_SKIP || kind === K_ID) {
          q = tokenEndAt(b, q, e);
          continue;
        }
        const v = parseNumberAt(b, q, e);
        if (v !== v)
          throw new InputError(
            `"${tokenText(b, q, numEnd)}" in column "${p.columns.split(' ')[t]}" is not a number; expected a finite number`,
            this.where({ frame: index, line }),
          );
        q = numEnd;
        switch (kind) {
          case K_POS:
            pos[3 * slot + comps[t]] = v;
            break;
          case K_IMG:
            img![3 * slot + comps[t]] = v;
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
          case K_TYPE:
            if (v !== atomType[k] && p.kinds.indexOf(K_ELEMENT) < 0)
              throw new InputError(`atom ${k} has type ${v}; expected ${atomType[k]} as in the first frame`, this.where({ frame: index, line }));
            break;
          default:
            propArr[t]![slot] = v;
        }
      }
    }
    r.consume(n);
  }

  private finishFrame(
    h: Header,
    index: number,
    pos: Float64Array,
    img: Int32Array | undefined,
    vel: Float64Array | undefined,
    frc: Float64Array | undefined,
    ene: Float64Array | undefined,
    chg: Float64Array | undefined,
    props: Record<string, Float64Array> | undefined,
  ): Frame {
    const p = h.plan,
      m = this.nOut;
    const cell = h.cell,
      o = h.origin;
    const u = this.u;
    if (p.scaled) cell.toCartesian(pos, pos);
    else if (u.length_A === 1)
      for (let i = 0; i < 3 * m; i += 3) {
        pos[i] -= o[0];
        pos[i + 1] -= o[1];
        pos[i + 2] -= o[2];
      }
    else
      for (let i = 0; i < 3 * m; i += 3) {
        pos[i] = (pos[i] - o[0]) * u.length_A;
        pos[i + 1] = (pos[i + 1] - o[1]) * u.length_A;
        pos[i + 2] = (pos[i + 2] - o[2]) * u.length_A;
      }
    const scale = (a: Float64Array | undefined, k: number) => {
      if (a && k !== 1) for (let i = 0; i < a.length; i++) a[i] *= k;
    };
    scale(vel, u.velocity_A_fs);
    scale(frc, u.force_eV_A);
    scale(ene, u.energy_eV);
    scale(chg, u.charge_e);
    const f: Frame = { index, cell, positions: pos };
    const time = this.frameTime(h);
    if (time !== undefined) f.time_fs = time;
    if (img) f.images = img;
    if (vel) f.velocities = vel;
    if (frc) f.forces = frc;
    if (ene) f.energies = ene;
    if (chg) f.charges = chg;
    if (props) f.properties = props;
    return f;
  }
}
