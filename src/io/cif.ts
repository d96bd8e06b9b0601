/**
 * CIF reader for reference structures (ideal phases whose polyhedra define interstitial sites,
 * METHODS §3): one crystal structure, expanded to the full conventional cell.
 *
 * Read from the first data block that has an atom-site loop (or the block named in `opts.block`):
 *   - cell: `_cell_length_a/b/c` (Å), `_cell_angle_alpha/beta/gamma` (degrees; default 90);
 *   - atoms: the `_atom_site_` loop with `fract_x/y/z`; species from `type_symbol` (charges such as
 *     "S2-" stripped) or else from the leading letters of `label` ("Cl1" → Cl, "LI2" → Li);
 *     `occupancy` (default 1);
 *   - symmetry: the `_space_group_symop_operation_xyz` or `_symmetry_equiv_pos_as_xyz` loop
 *     (e.g. "-x+1/2, y, -z"); without one the structure must be P1 (a named space group with no
 *     listed operations is refused: we carry no space-group tables and will not guess).
 * Values: numbers with standard uncertainties in parentheses ("0.1234(5)" → 0.1234); '?' and '.'
 * mean unknown; quoted strings ('…' or "…", closed by a quote followed by white space) and
 * semicolon text fields; '#' comments. Tags are case-insensitive and CIF2/mmCIF dots are read as
 * underscores (`_space_group_symop.operation_xyz`).
 *
 * Symmetry expansion: every operation is applied to every atom-site row, positions wrapped into
 * [0, 1); two images closer than `mergeTolerance_A` (default 0.05 Å, periodic distance) are the
 * same site. 0.05 Å is well above the error of coordinates given to 3–4 decimals in cells up to
 * ~30 Å (≤ 0.02 Å after an operation), and well below the distance of genuinely distinct (split)
 * positions in disordered structures (≥ 0.3 Å).
 *
 * Partial occupancy rule: each distinct position is ONE site of the reference, kept even if its total
 * occupancy is below 1 (a reference defines where sites are, not one configuration; Li on 48h at
 * occupancy ½ in Li6PS5Cl is still 48 positions). Rows of different species on the same position
 * (e.g. S/Cl exchange on 4a/4d) form a mixed site whose species is the occupant with the largest
 * occupancy, the first listed on a tie; all occupants are kept in `occupants`. Total occupancy above
 * 1 (beyond 0.01 rounding) on one site is an error.
 */
import { Cell } from '../core/cell.js';
import { isElement } from '../core/elements.js';
import { InputError } from '../core/errors.js';
import { Topology, topologyFromSymbols } from '../core/topology.js';
import { Trajectory } from '../core/trajectory.js';
import { readWholeFile } from './fileAccess.js';

/** A symmetry operation x' = R·x + t on fractional coordinates (R row-major, 3×3). */
export interface SymmetryOperation {
  rotation: number[];
  translation: number[];
  /** The operation as written in the file. */
  text: string;
}

/** One species on a site with its occupancy. */
export interface CifOccupant {
  species: string;
  label: string;
  occupancy: number;
}

/** A crystal structure read from a CIF, expanded to the full cell. */
export interface CifStructure {
  /** One atom per distinct site (species by the partial-occupancy rule in the header). */
  topology: Topology;
  /** Cartesian positions, Å, 3 per site. */
  positions: Float64Array;
  /** Fractional positions in [0, 1), 3 per site. */
  fractional: Float64Array;
  cell: Cell;
  /** Label of the atom-site row each site comes from (the majority occupant's). */
  labels: string[];
  /** All occupants of each site. */
  occupants: CifOccupant[][];
  /** Total occupancy of each site. */
  occupancy: Float64Array;
  /** The symmetry operations applied (identity only for P1 without a loop). */
  symmetryOperations: SymmetryOperation[];
  /** Space group name if the file gives one. */
  spaceGroup?: string;
  /** Data block name. */
  block: string;
  /** The file. */
  source: string;
  /** Duplicate-merging tolerance used, Å. */
  mergeTolerance_A: number;
}

export interface ReadCifOptions {
  /** Data block to read (default: the first with an atom-site loop). */
  block?: string;
  /** Images closer than this are one site, Å (default 0.05). */
  mergeTolerance_A?: number;
}

interface Token {
  text: string;
  line: number;
  quoted: boolean;
}
interface Loop {
  tags: string[];
  rows: Token[][];
  line: number;
}
interface Block {
  name: string;
  line: number;
  items: Map<string, Token>;
  loops: Loop[];
}

/** Split CIF text into tokens (values, tags, keywords) with their line numbers. */
function tokenize(text: string, file: string): Token[] {
  const lines = text.split(/\r?\n/);
  const out: Token[] = [];
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li];
    if (line.startsWith(';')) {
      // Semicolon text field: up to the next line starting with ';'.
      const start = li;
      const parts = [line.slice(1)];
      li++;
      while (li < lines.length && !lines[li].startsWith(';')) parts.push(lines[li++]);
      if (li >= lines.length)
        throw new InputError('unterminated text field (a line starting with ";" opens it; another must close it)', { file, line: start + 1 });
      out.push({ text: parts.join('\n').trim(), line: start + 1, quoted: true });
      continue;
    }
    let i = 0;
    while (i < line.length) {
      const c = line[i];
      if (c === ' ' || c === '\t') {
        i++;
        continue;
      }
      if (c === '#') break;
      if (c === "'" || c === '"') {
        let j = i + 1;
        while (j < line.length && !(line[j] === c && (j + 1 === line.length || /\s/.test(line[j + 1])))) j++;
        if (j >= line.length) throw new InputError(`unterminated quoted value starting ${line.slice(i, i + 20)}`, { file, line: li + 1 });
        out.push({ text: line.slice(i + 1, j), line: li + 1, quoted: true });
        i = j + 1;
        continue;
      }
      let j = i;
      while (j < line.length && line[j] !== ' ' && line[j] !== '\t') j++;
      out.push({ text: line.slice(i, j), line: li + 1, quoted: false });
      i = j;
    }
  }
  return out;
}

const normTag = (t: string) => t.toLowerCase().replace(/\./g, '_');
const isKeyword = (t: Token) => !t.quoted && (/^(data_|save_|global_|stop_)/i.test(t.text) || /^loop_$/i.test(t.text));
const isTag = (t: Token) => !t.quoted && t.text.startsWith('_');

function parseBlocks(tokens: Token[], file: string): Block[] {
  const blocks: Block[] = [];
  let cur: Block | null = null;
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (!t.quoted && /^data_/i.test(t.text)) {
      cur = { name: t.text.slice(5), line: t.line, items: new Map(), loops: [] };
      blocks.push(cur);
      i++;
      continue;
    }
    if (!cur) throw new InputError(`expected a "data_" block header before "${t.text}"`, { file, line: t.line });
    if (!t.quoted && /^loop_$/i.test(t.text)) {
      const loop: Loop = { tags: [], rows: [], line: t.line };
      i++;
      while (i < tokens.length && isTag(tokens[i])) loop.tags.push(normTag(tokens[i++].text));
      if (loop.tags.length === 0) throw new InputError('loop_ without tags', { file, line: t.line });
      const values: Token[] = [];
      while (i < tokens.length && !isTag(tokens[i]) && !isKeyword(tokens[i])) values.push(tokens[i++]);
      if (values.length % loop.tags.length !== 0) {
        throw new InputError(
          `loop of ${loop.tags.length} tags (${loop.tags[0]}, …) has ${values.length} values, not a whole number of rows; a value with spaces must be quoted`,
          { file, line: t.line },
        );
      }
      for (let k = 0; k < values.length; k += loop.tags.length) loop.rows.push(values.slice(k, k + loop.tags.length));
      cur.loops.push(loop);
      continue;
    }
    if (isTag(t)) {
      const v = tokens[i + 1];
      if (!v || isTag(v) || isKeyword(v)) throw new InputError(`tag ${t.text} has no value`, { file, line: t.line });
      cur.items.set(normTag(t.text), v);
      i += 2;
      continue;
    }
    if (!t.quoted && /^save_/i.test(t.text)) {
      i++;
      continue;
    }
    throw new InputError(`unexpected value "${t.text}" outside a loop (expected a _tag, loop_ or data_)`, { file, line: t.line });
  }
  return blocks;
}

/** Number from a CIF value: "0.1234(5)" → 0.1234; '?' / '.' → null. */
export function cifNumber(text: string): number | null {
  if (text === '?' || text === '.') return null;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(?:\(\d+\))?$/.exec(text);
  return m ? Number(m[1]) : NaN;
}

/** Parse a symmetry operation such as "-x+1/2, y, z-1/4" (throws on anything else). */
export function parseSymmetryOperation(text: string, file = '', line?: number): SymmetryOperation {
  const where = { file: file || undefined, line };
  const bad = (why: string) =>
    new InputError(`bad symmetry operation "${text}": ${why}; expected three comma-separated components such as -x+1/2, y, z`, where);
  const comps = text.replace(/\s+/g, '').toLowerCase().split(',');
  if (comps.length !== 3) throw bad(`${comps.length} components`);
  const rotation = new Array<number>(9).fill(0),
    translation = [0, 0, 0];
  const num = (s: string): number => {
    const m = /^(\d+(?:\.\d*)?|\.\d+)(?:\/(\d+(?:\.\d*)?))?$/.exec(s);
    if (!m) return NaN;
    return m[2] !== undefined ? Number(m[1]) / Number(m[2]) : Number(m[1]);
  };
  comps.forEach((c, r) => {
    if (c === '') throw bad(`component ${r + 1} is empty`);
    const terms = c.match(/[+-]?[^+-]+/g);
    if (!terms || terms.join('') !== c) throw bad(`cannot read "${c}"`);
    for (const term of terms) {
      const sign = term[0] === '-' ? -1 : 1;
      const body = term.replace(/^[+-]/, '');
      const v = /^(.*?)\*?([xyz])$/.exec(body);
      if (v) {
        const coef = v[1] === '' ? 1 : num(v[1]);
        if (!Number.isFinite(coef)) throw bad(`cannot read the coefficient "${v[1]}"`);
        rotation[3 * r + 'xyz'.indexOf(v[2])] += sign * coef;
      } else {
        const k = num(body);
        if (!Number.isFinite(k)) throw bad(`cannot read "${term}"`);
        translation[r] += sign * k;
      }
    }
  });
  const R = rotation;
  const det = R[0] * (R[4] * R[8] - R[5] * R[7]) - R[1] * (R[3] * R[8] - R[5] * R[6]) + R[2] * (R[3] * R[7] - R[4] * R[6]);
  if (Math.abs(Math.abs(det) - 1) > 1e-6) throw bad(`its rotation part has determinant ${det.toFixed(3)}, not ±1`);
  return { rotation, translation, text };
}

/** Element symbol from a type symbol ("S2-", "Li1+") or a label ("Cl1", "LI2", "S1a"). */
function elementOf(text: string): string | null {
  const m = /^([A-Za-z]{1,2})/.exec(text);
  if (!m) return null;
  const two = m[1][0].toUpperCase() + m[1].slice(1).toLowerCase();
  if (two.length === 2 && isElement(two)) return two;
  const one = two[0];
  // the dummy X only as itself ("X", "X1"), never as the first letter of an unknown two-letter label ("Xx1")
  if (one === 'X' && two.length === 2) return null;
  return isElement(one) ? one : null;
}

/** Parse CIF text (see the header). `source` names the file in messages. */
export function parseCif(text: string, source = 'CIF', opts: ReadCifOptions = {}): CifStructure {
  const file = source;
  const tol = opts.mergeTolerance_A ?? 0.05;
  if (!(tol > 0) || !Number.isFinite(tol)) throw new InputError(`merge tolerance must be a positive distance in Å, got ${tol}`, { file });
  const blocks = parseBlocks(tokenize(text, file), file);
  if (blocks.length === 0) throw new InputError('no data block (expected a line "data_NAME")', { file });
  const hasAtoms = (b: Block) => b.loops.some((l) => l.tags.some((t) => t.startsWith('_atom_site_fract_')));
  const block = opts.block !== undefined ? blocks.find((b) => b.name === opts.block) : blocks.find(hasAtoms);
  if (!block) {
    throw new InputError(
      opts.block !== undefined
        ? `no data block "${opts.block}" (blocks: ${blocks.map((b) => b.name).join(', ')})`
        : 'no atom-site loop with fractional coordinates (expected loop_ with _atom_site_fract_x, _atom_site_fract_y, _atom_site_fract_z)',
      { file },
    );
  }
  const at = { file, line: block.line };

  // Cell.
  const cellValue = (tag: string, def?: number): number => {
    const tok = block.items.get(tag);
    if (!tok) {
      if (def !== undefined) return def;
      throw new InputError(
        `missing ${tag}: a reference structure needs its cell (_cell_length_a/b/c in Å, _cell_angle_alpha/beta/gamma in degrees)`,
        at,
      );
    }
    const v = cifNumber(tok.text);
    if (v === null && def !== undefined) return def;
    if (v === null || !Number.isFinite(v) || !(v > 0))
      throw new InputError(`${tag} must be a positive number, got "${tok.text}"`, { file, line: tok.line });
    return v;
  };
  const [a, b, c] = ['a', 'b', 'c'].map((k) => cellValue(`_cell_length_${k}`));
  const [al, be, ga] = ['alpha', 'beta', 'gamma'].map((k) => cellValue(`_cell_angle_${k}`, 90));
  for (const [name, v] of [
    ['alpha', al],
    ['beta', be],
    ['gamma', ga],
  ] as const) {
    if (!(v < 180)) throw new InputError(`_cell_angle_${name} must be between 0 and 180 degrees, got ${v}`, at);
  }
  const cell = Cell.fromParameters(a, b, c, al, be, ga);
  if (!(cell.volume > 1e-6)) throw new InputError(`the cell angles ${al}, ${be}, ${ga} do not form a cell (zero volume)`, at);

  // Symmetry operations.
  const symTags = ['_space_group_symop_operation_xyz', '_symmetry_equiv_pos_as_xyz'];
  const symLoop = block.loops.find((l) => l.tags.some((t) => symTags.includes(t)));
  const sgTok = block.items.get('_symmetry_space_group_name_h-m') ?? block.items.get('_space_group_name_h-m_alt');
  const spaceGroup = sgTok?.text.trim();
  let ops: SymmetryOperation[];
  if (symLoop) {
    const col = symLoop.tags.findIndex((t) => symTags.includes(t));
    ops = symLoop.rows.map((r) => parseSymmetryOperation(r[col].text, file, r[col].line));
    if (ops.length === 0) throw new InputError('the symmetry-operation loop is empty', { file, line: symLoop.line });
  } else {
    const single = block.items.get(symTags[0]) ?? block.items.get(symTags[1]);
    if (single) ops = [parseSymmetryOperation(single.text, file, single.line)];
    else if (spaceGroup && spaceGroup.replace(/\s+/g, '') !== 'P1') {
      throw new InputError(
        `the CIF names space group "${spaceGroup}" but lists no symmetry operations; expected a loop of _space_group_symop_operation_xyz (or _symmetry_equiv_pos_as_xyz)`,
        at,
      );
    } else ops = [parseSymmetryOperation('x,y,z')];
  }

  // Atom-site loop.
  const atomLoop = block.loops.find((l) => l.tags.includes('_atom_site_fract_x'));
  if (!atomLoop)
    throw new InputError(
      'no atom-site loop with fractional coordinates (expected loop_ with _atom_site_fract_x, _atom_site_fract_y, _atom_site_fract_z)',
      at,
    );
  const colOf = (t: string) => atomLoop.tags.indexOf(t);
  const [cx, cy, cz] = ['x', 'y', 'z'].map((k) => colOf(`_atom_site_fract_${k}`));
  if (cy < 0 || cz < 0)
    throw new InputError('the atom-site loop has _atom_site_fract_x but not all of _atom_site_fract_y and _atom_site_fract_z', {
      file,
      line: atomLoop.line,
    });
  const cLabel = colOf('_atom_site_label'),
    cType = colOf('_atom_site_type_symbol'),
    cOcc = colOf('_atom_site_occupancy');
  if (cLabel < 0 && cType < 0)
    throw new InputError('the atom-site loop has neither _atom_site_type_symbol nor _atom_site_label: species unknown', {
      file,
      line: atomLoop.line,
    });
  if (atomLoop.rows.length === 0) throw new InputError('the atom-site loop has no rows', { file, line: atomLoop.line });

  const fr: number[] = [];
  const occupants: CifOccupant[][] = [];
  const m = cell.matrix;
  const tmp = [0, 0, 0];
  // Periodic (minimum-image, exact for any cell) squared distance of a fractional difference.
  const periodicDist2 = (d0: number, d1: number, d2: number) => {
    d0 -= Math.round(d0);
    d1 -= Math.round(d1);
    d2 -= Math.round(d2);
    return cell.minimumImage(d0 * m[0] + d1 * m[3] + d2 * m[6], d0 * m[1] + d1 * m[4] + d2 * m[7], d0 * m[2] + d1 * m[5] + d2 * m[8], tmp);
  };
  const tol2 = tol * tol;
  // Near-linear merging of symmetry images: sites are binned on a fractional grid whose bins are at
  // least `tol` wide in every direction (bins along a: the spacing of the (100) planes / tol), so a
  // site within `tol` of a new position lies in one of the 27 neighbouring bins (periodic). The
  // lowest-numbered such site wins, exactly as a scan of every site would find it.
  const planeSpacing = [0, 1, 2].map((i) => {
    const j = (i + 1) % 3,
      k = (i + 2) % 3;
    const cx = m[3 * j + 1] * m[3 * k + 2] - m[3 * j + 2] * m[3 * k + 1];
    const cy = m[3 * j + 2] * m[3 * k] - m[3 * j] * m[3 * k + 2];
    const cz = m[3 * j] * m[3 * k + 1] - m[3 * j + 1] * m[3 * k];
    return Math.abs(cell.volume) / Math.hypot(cx, cy, cz);
  });
  const nb = planeSpacing.map((d) => Math.max(1, Math.min(64, Math.floor(d / Math.max(tol, 1e-9)))));
  const bins = new Map<number, number[]>();
  const binOf = (f: number, k: number) => Math.min(nb[k] - 1, Math.floor(f * nb[k]));
  const keyOf = (i: number, j: number, k: number) => (i * nb[1] + j) * nb[2] + k;
  const neighbourBins = (k: number, b: number) => [...new Set([b - 1, b, b + 1].map((x) => ((x % nb[k]) + nb[k]) % nb[k]))];
  const findSite = (q: number[]): number => {
    let hit = -1;
    for (const i of neighbourBins(0, binOf(q[0], 0)))
      for (const j of neighbourBins(1, binOf(q[1], 1)))
        for (const k of neighbourBins(2, binOf(q[2], 2))) {
          for (const s of bins.get(keyOf(i, j, k)) ?? []) {
            if ((hit < 0 || s < hit) && periodicDist2(q[0] - fr[3 * s], q[1] - fr[3 * s + 1], q[2] - fr[3 * s + 2]) <= tol2) hit = s;
          }
        }
    return hit;
  };
  const addSite = (q: number[]) => {
    const key = keyOf(binOf(q[0], 0), binOf(q[1], 1), binOf(q[2], 2));
    let list = bins.get(key);
    if (!list) bins.set(key, (list = []));
    list.push(occupants.length - 1);
  };
  for (const row of atomLoop.rows) {
    const line = row[0].line;
    const label = cLabel >= 0 ? row[cLabel].text : row[cType].text;
    // The type symbol names the species when it is text ("Si4+"; '?' / '.' mean unknown); the label only without one.
    const typeText =
      cType >= 0 && row[cType].text !== '?' && row[cType].text !== '.' && Number.isNaN(cifNumber(row[cType].text)) ? row[cType].text : label;
    const species = elementOf(typeText);
    if (!species) throw new InputError(`atom site "${label}": cannot tell the element from "${typeText}"`, { file, line });
    const p = [cx, cy, cz].map((k, axis) => {
      const v = cifNumber(row[k].text);
      if (v === null || !Number.isFinite(v))
        throw new InputError(`atom site "${label}": fractional ${'xyz'[axis]} must be a number, got "${row[k].text}"`, { file, line: row[k].line });
      return v;
    });
    let occ = 1;
    if (cOcc >= 0) {
      const v = cifNumber(row[cOcc].text);
      if (v !== null) {
        if (!Number.isFinite(v) || v <= 0 || v > 1 + 1e-6)
          throw new InputError(`atom site "${label}": occupancy must be in (0, 1], got "${row[cOcc].text}"`, { file, line: row[cOcc].line });
        occ = v;
      }
    }
    const fromRow: number[] = []; // sites this row has reached (special positions give duplicates)
    for (const op of ops) {
      const R = op.rotation,
        t = op.translation;
      const q = [0, 1, 2].map((r) => {
        const v = R[3 * r] * p[0] + R[3 * r + 1] * p[1] + R[3 * r + 2] * p[2] + t[r];
        const w = v - Math.floor(v);
        return w >= 1 ? 0 : w;
      });
      const hit = findSite(q);
      if (hit < 0) {
        fr.push(q[0], q[1], q[2]);
        occupants.push([{ species, label, occupancy: occ }]);
        addSite(q);
        fromRow.push(occupants.length - 1);
      } else if (!fromRow.includes(hit)) {
        // Another row on the same position: a mixed (or duplicated) site.
        const list = occupants[hit];
        if (!list.some((o) => o.label === label)) list.push({ species, label, occupancy: occ });
        fromRow.push(hit);
      }
    }
  }
  const occupancy = Float64Array.from(occupants, (list) => list.reduce((s, o) => s + o.occupancy, 0));
  occupancy.forEach((o, s) => {
    if (o > 1.01) {
      throw new InputError(
        `site at (${[0, 1, 2].map((k) => fr[3 * s + k].toFixed(4)).join(', ')}) holds ${occupants[s].map((x) => `${x.label} ${x.occupancy}`).join(' + ')}: total occupancy ${o.toFixed(3)} > 1 (duplicate rows, or positions closer than the ${tol} Å merge tolerance)`,
        { file, line: atomLoop.line },
      );
    }
  });
  // Majority occupant (first listed on a tie) names the site.
  const major = occupants.map((list) => list.reduce((best, o) => (o.occupancy > best.occupancy + 1e-9 ? o : best), list[0]));
  const fractional = Float64Array.from(fr);
  return {
    topology: topologyFromSymbols(
      major.map((o) => o.species),
      {},
      { file },
    ),
    positions: cell.toCartesian(fractional),
    fractional,
    cell,
    labels: major.map((o) => o.label),
    occupants,
    occupancy,
    symmetryOperations: ops,
    spaceGroup,
    block: block.name,
    source,
    mergeTolerance_A: tol,
  };
}

/** Read a CIF file (optionally gzipped) into a structure expanded to the full cell. */
export function readCif(path: string, opts: ReadCifOptions = {}): CifStructure {
  const buf = readWholeFile(path, 'a CIF file', 'cannot read the CIF file: '); // regular file, bounded, gzip errors named
  return parseCif(buf.toString('utf8'), path, opts);
}

/** A CIF structure as a one-frame trajectory (e.g. to feed frame-based analyses). */
export function cifTrajectory(s: CifStructure): Trajectory {
  return Trajectory.fromFrames(s.topology, [{ index: 0, cell: s.cell, positions: s.positions }], {
    source: s.source,
    format: 'cif',
    unwrapped: false,
  });
}
