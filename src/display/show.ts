/**
 * MIME bundles for notebooks: pure data, no I/O.
 *
 * A Jupyter output is a bundle `{data: {mime: value, ...}, metadata}`; the front end picks the
 * richest MIME type it has a renderer for. We always add `text/plain`, and for plots a static
 * SVG, so every output reads without our JupyterLab extension. The notebook display helpers
 * (src/display/notebook/, bound to tslab by kernel/show.js) send these bundles; tests inspect them directly.
 *
 * Custom types rendered by our extension (extension/), defined with their bundle shapes in
 * notebookContract.ts (one module, shared with the extension):
 * - `application/vnd.superionic.plot+json` `{version: 1, spec, title}`: interactive Vega-Lite.
 * - `application/vnd.superionic.trajectory+json`: the 3D trajectory browser. The frames do not
 *   travel in the bundle (the server's iopub rate limit is ~1 MB/s); the bundle names a binary
 *   file of little-endian Float32 positions (frame-major, 3 floats per atom, frame f at byte
 *   f·nAtoms·12) that the kernel writes beside the notebook and the widget fetches in ranges.
 */
import { createHash } from 'node:crypto';
import type { Trajectory } from '../core/trajectory.js';
import { InputError } from '../core/errors.js';
import type { VegaLiteSpec } from './spec.js';
import type { ProbabilityDensityResult } from '../density/probabilityDensity.js';
import { isDensityResult, trajectoryDensity } from './density/densityIsosurface.js';
import { MIME_SUPERIONIC_PLOT, MIME_SUPERIONIC_TRAJECTORY, MIME_VEGALITE_V6, type PlotBundle, type TrajectoryBundle } from './notebookContract.js';

// The MIME types and bundle shapes are the notebook contract shared with the extension (notebookContract.ts).
export { MIME_SUPERIONIC_PLOT, MIME_SUPERIONIC_TRAJECTORY, MIME_VEGALITE_V6 };

/** A Jupyter display bundle (the `data` and `metadata` of a display_data message). */
export interface MimeBundle {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Plots

function titleOf(spec: Record<string, unknown>): string {
  const t = spec.title;
  if (typeof t === 'string') return t;
  if (t && typeof t === 'object' && typeof (t as { text?: unknown }).text === 'string') return (t as { text: string }).text;
  return 'plot';
}

/** True for a plain Vega-Lite spec object (its `$schema` names vega-lite). */
export function isVegaLiteSpec(x: unknown): x is VegaLiteSpec {
  return (
    !!x && typeof x === 'object' && typeof (x as { $schema?: unknown }).$schema === 'string' && /vega-lite/.test((x as { $schema: string }).$schema)
  );
}

/**
 * A Vega-Lite v6 plot: the spec (rendered by our extension with vega 6 / vega-lite 6), a static
 * SVG fallback if given (see `vegaLiteToSVG` in render.ts), and a one-line text description.
 */
export function vegaLiteBundle(spec: VegaLiteSpec | Record<string, unknown>, svg?: string | null): MimeBundle {
  const data: Record<string, unknown> = { [MIME_VEGALITE_V6]: spec };
  if (svg) data['image/svg+xml'] = svg;
  data['text/plain'] = `<Vega-Lite plot: ${titleOf(spec)}>`;
  return { data, metadata: {} };
}

/**
 * An interactive superionic plot (DOAS, entropy, ...): `{version: 1, spec, title}` for our
 * extension, plus the plain Vega-Lite bundle and SVG as fallbacks.
 */
export function plotBundle(spec: VegaLiteSpec | Record<string, unknown>, svg?: string | null, title?: string): MimeBundle {
  const t = title ?? titleOf(spec);
  const b = vegaLiteBundle(spec, svg);
  const plot: PlotBundle = { version: 1, spec: spec as Record<string, unknown>, title: t };
  return { data: { [MIME_SUPERIONIC_PLOT]: plot, ...b.data }, metadata: {} };
}

// ---------------------------------------------------------------------------------------------
// Tables

/** Escape text for HTML element content and attribute values. */
export function escapeHTML(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function cellText(v: unknown, digits: number): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return String(v);
    if (!Number.isFinite(v)) return String(v);
    const a = Math.abs(v);
    return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(digits - 1) : String(Number(v.toPrecision(digits)));
  }
  return String(v);
}

/** Options for {@link tableBundle}. */
export interface TableOptions {
  /** Rows shown before eliding the middle (default 40: first 20 and last 20). */
  maxRows?: number;
  /** Significant digits of non-integer numbers (default 5). */
  digits?: number;
  /** Caption above the table. */
  caption?: string;
  /** Show the row number as a first column (default false: the columns only, no bold index column). */
  index?: boolean;
}

/**
 * A table of named columns (numbers, strings or null) as `text/html` and `text/plain`. Long
 * tables show their first and last rows and say how many were left out.
 */
export function tableBundle(columns: Record<string, ArrayLike<unknown>>, opts: TableOptions = {}): MimeBundle {
  const names = Object.keys(columns);
  const n = names.length ? columns[names[0]].length : 0;
  for (const k of names) {
    if (columns[k].length !== n) throw new InputError(`table column "${k}" has ${columns[k].length} rows; expected ${n} like "${names[0]}"`);
  }
  const maxRows = Math.max(2, opts.maxRows ?? 40),
    digits = opts.digits ?? 5;
  const rows: (number | null)[] = [];
  if (n <= maxRows) for (let i = 0; i < n; i++) rows.push(i);
  else {
    const h = Math.floor(maxRows / 2);
    for (let i = 0; i < h; i++) rows.push(i);
    rows.push(null);
    for (let i = n - (maxRows - h); i < n; i++) rows.push(i);
  }
  const txt = (i: number, k: string) => cellText(columns[k][i], digits);
  const idx = opts.index === true;
  const html: string[] = ['<div class="superionic-table">'];
  if (opts.caption) html.push(`<p><b>${escapeHTML(opts.caption)}</b></p>`);
  // Numbers never wrap (an exponent such as 1.27e-7 used to break at its hyphen).
  html.push(
    `<table class="dataframe"><thead><tr>${idx ? '<th></th>' : ''}`,
    ...names.map((k) => `<th>${escapeHTML(k)}</th>`),
    '</tr></thead><tbody style="white-space:nowrap">',
  );
  for (const i of rows) {
    if (i === null) html.push(`<tr>${idx ? '<td>…</td>' : ''}${names.map(() => '<td>…</td>').join('')}</tr>`);
    else html.push(`<tr>${idx ? `<td>${i}</td>` : ''}${names.map((k) => `<td>${escapeHTML(txt(i, k))}</td>`).join('')}</tr>`);
  }
  html.push('</tbody></table>');
  if (n > maxRows) html.push(`<p>${n} rows × ${names.length} columns (${n - maxRows} rows not shown)</p>`);
  html.push('</div>');
  // Plain text: right-aligned columns.
  const lead = (x: string) => (idx ? [x] : []);
  const grid = [
    [...lead(''), ...names],
    ...rows.map((i) => (i === null ? [...lead('…'), ...names.map(() => '…')] : [...lead(String(i)), ...names.map((k) => txt(i, k))])),
  ];
  const widths = grid[0].map((_, c) => Math.max(...grid.map((r) => r[c].length)));
  const plain = grid.map((r) => r.map((s, c) => s.padStart(widths[c])).join('  ')).join('\n');
  const text = (opts.caption ? opts.caption + '\n' : '') + plain + (n > maxRows ? `\n[${n} rows × ${names.length} columns]` : '');
  return { data: { 'text/html': html.join(''), 'text/plain': text }, metadata: {} };
}

/** True for a danfojs DataFrame (duck-typed: danfo is loaded lazily and may not be loaded). */
export function isDanfoDataFrame(x: unknown): x is { columns: string[]; values: unknown[][]; index: unknown[] } {
  return (
    !!x &&
    typeof x === 'object' &&
    Array.isArray((x as { columns?: unknown }).columns) &&
    Array.isArray((x as { values?: unknown }).values) &&
    typeof (x as { toCSV?: unknown }).toCSV === 'function'
  );
}

/** A danfojs DataFrame as an HTML table (and text). */
export function dataFrameBundle(df: { columns: string[]; values: unknown[][] }, opts: TableOptions = {}): MimeBundle {
  const cols: Record<string, unknown[]> = {};
  df.columns.forEach((name, c) => {
    cols[name] = df.values.map((row) => row[c]);
  });
  return tableBundle(cols, opts);
}

// ---------------------------------------------------------------------------------------------
// Progress

/**
 * One state of a progress display (sent first as display_data, then as update_display_data with
 * the same display_id so one output changes in place).
 */
export function progressBundle(label: string, done: number, total?: number | null, note?: string, unit?: string): MimeBundle {
  const frac = total && total > 0 ? Math.min(1, Math.max(0, done / total)) : null;
  const pct = frac === null ? '' : `${(100 * frac).toFixed(0)} %`;
  const count = (total ? `${done} / ${total}` : `${done}`) + (unit ? ` ${unit}` : '');
  const extra = note ? ` — ${note}` : '';
  const bar =
    frac === null
      ? ''
      : `<div style="display:inline-block;width:240px;height:10px;border:1px solid #888;vertical-align:middle;margin:0 8px">` +
        `<div style="width:${(100 * frac).toFixed(1)}%;height:100%;background:#4c78a8"></div></div>`;
  const html = `<div class="superionic-progress"><span>${escapeHTML(label)}</span>${bar}<span>${escapeHTML(`${count} ${pct}${extra}`)}</span></div>`;
  return { data: { 'text/html': html, 'text/plain': `${label}: ${count}${pct ? ' (' + pct + ')' : ''}${extra}` }, metadata: {} };
}

// ---------------------------------------------------------------------------------------------
// Trajectory browser

/** Interstitial sites to overlay in the trajectory browser. */
export interface TrajectorySites {
  /** 3 numbers per site, Cartesian Å. */
  positions: ArrayLike<number>;
  /** Type label per site (e.g. "T2", "T5", "octahedral"). */
  types: string[];
  /** Time-averaged occupancy per site in [0, 1], if known. */
  occupancy?: ArrayLike<number>;
}

/** A time-averaged density grid to draw as an isosurface. */
export interface TrajectoryDensity {
  /** Grid points along a, b, c. */
  shape: [number, number, number];
  /** The grid's cell, 9 numbers (rows a, b, c, Å). */
  cell: ArrayLike<number>;
  /** nx·ny·nz values, x slowest (C order: index = (ix·ny + iy)·nz + iz). */
  values: ArrayLike<number>;
  /** The level of the isosurface, in the units of `values`. */
  isoLevel: number;
  /** Cross-section the browser opens with: grid plane `index` normal to lattice axis `axis` (heat map beside the view). */
  section?: { axis: 'a' | 'b' | 'c'; index: number };
  /** What the values are, with units (e.g. "Li per Å³"): the heat map's colour-scale title. */
  label?: string;
}

/** Options for {@link trajectoryBundle}. */
export interface TrajectoryDisplayOptions {
  title?: string;
  /** Frames to send: [start, end) with stride (default: all). */
  frames?: { start?: number; end?: number; stride?: number };
  /** Wrap positions into each frame's cell (default false: positions as stored, so paths are continuous when unwrapped). */
  wrap?: boolean;
  sites?: TrajectorySites;
  /**
   * A density grid to draw as an isosurface: a grid with its level, or a density result (src/density) drawn
   * as its number density with the level enclosing half of the atoms (`trajectoryDensity` for other choices).
   */
  density?: TrajectoryDensity | ProbabilityDensityResult;
  /** Add a static SVG snapshot of the first frame (projection on the a–b plane) as a fallback (default true). */
  snapshot?: boolean;
  /**
   * Folder of the frame file, relative to the notebook (default {@link FRAME_FOLDER},
   * "superionic-frames": a visible folder the server's `/files/` endpoint serves; git-ignored).
   */
  folder?: string;
}

/** Default folder (relative to the notebook) of the Float32 frame files of the trajectory browser. */
export const FRAME_FOLDER = 'superionic-frames';

/** A trajectory bundle and the binary frame file it refers to (the caller writes the file). */
export interface TrajectoryDisplay {
  bundle: MimeBundle;
  /** Relative path (POSIX separators) of the frame file, as named in the bundle. */
  path: string;
  /** The file's content: little-endian Float32 positions, frame-major. */
  bytes: Uint8Array;
}

/** What the trajectory bundle says besides the frames (built by {@link trajectoryBundle} or a streaming writer). */
export interface TrajectoryMetadata {
  /** Relative path of the Float32 frame file (see {@link trajectoryFileName}). */
  path: string;
  nAtoms: number;
  nFrames: number;
  /** Symbol of each species code. */
  symbols: string[];
  /** Species code per atom. */
  species: ArrayLike<number>;
  /** Time of each frame, fs, or null when unknown. */
  times_fs: ArrayLike<number> | null;
  /** 9 numbers per frame (rows a, b, c, Å), or null for non-periodic data. */
  cells: ArrayLike<number> | null;
}

/**
 * The frame file's name: a hash of its content and shape, so showing the same frames twice
 * (from memory or streamed from the file) reuses one file.
 * @param contentSha256 hex SHA-256 of the Float32 bytes.
 */
export function trajectoryFileName(nAtoms: number, nFrames: number, contentSha256: string, folder = FRAME_FOLDER): string {
  const h = createHash('sha256').update(`${nAtoms}:${nFrames}:${contentSha256}`).digest('hex').slice(0, 16);
  return `${folder.replace(/\/+$/, '')}/traj-${h}.f32`;
}

/** Frame f's positions as little-endian Float32 bytes (wrapped into `cell` if given). */
export function frameFloat32Bytes(positions: ArrayLike<number>, wrapInto?: { wrap(x: ArrayLike<number>): Float64Array } | null): Uint8Array {
  const src = wrapInto ? wrapInto.wrap(positions) : positions;
  const f32 = Float32Array.from(src as ArrayLike<number>);
  const bytes = new Uint8Array(f32.buffer, f32.byteOffset, f32.byteLength);
  if (!littleEndian()) {
    for (let i = 0; i < bytes.length; i += 4) {
      const a = bytes[i],
        b = bytes[i + 1];
      bytes[i] = bytes[i + 3];
      bytes[i + 1] = bytes[i + 2];
      bytes[i + 2] = b;
      bytes[i + 3] = a;
    }
  }
  return bytes;
}

/** The trajectory bundle (contract in the file header) from its metadata and display options. */
export function trajectoryMetadataBundle(meta: TrajectoryMetadata, opts: TrajectoryDisplayOptions = {}, snapshot?: string | null): MimeBundle {
  const { path, nAtoms, nFrames } = meta;
  const symbols = meta.symbols.slice();
  const species = Array.from(meta.species);
  const times = meta.times_fs ? Array.from(meta.times_fs) : null;
  const payload: TrajectoryBundle = {
    version: 1,
    path,
    nAtoms,
    nFrames,
    symbols,
    species,
    times_fs: times,
    cells: meta.cells ? Array.from(meta.cells) : null,
  };
  if (opts.title) payload.title = opts.title;
  if (opts.sites) {
    const s = opts.sites;
    if (s.positions.length !== 3 * s.types.length)
      throw new InputError(`trajectory display: sites have ${s.positions.length} coordinates for ${s.types.length} types; expected 3 per site`);
    if (s.occupancy && s.occupancy.length !== s.types.length)
      throw new InputError(`trajectory display: ${s.occupancy.length} site occupancies for ${s.types.length} sites`);
    payload.sites = { positions: Array.from(s.positions), types: s.types.slice(), ...(s.occupancy ? { occupancy: Array.from(s.occupancy) } : {}) };
  }
  if (opts.density) {
    const d = asTrajectoryDensity(opts.density);
    const [nx, ny, nz] = d.shape;
    if (d.values.length !== nx * ny * nz || d.cell.length !== 9)
      throw new InputError(
        `trajectory display: density grid has ${d.values.length} values and ${d.cell.length} cell numbers; expected ${nx * ny * nz} (${nx}×${ny}×${nz}) and 9`,
      );
    payload.density = { shape: [nx, ny, nz], cell: Array.from(d.cell), values: Array.from(d.values), isoLevel: d.isoLevel };
    if (d.label) payload.density.label = d.label;
    if (d.section) {
      const axis = ['a', 'b', 'c'].indexOf(d.section.axis),
        n = d.shape[axis];
      if (axis < 0 || !(Number.isInteger(d.section.index) && d.section.index >= 0 && d.section.index < n))
        throw new InputError(
          `trajectory display: density section must be a lattice axis a, b or c and a grid plane 0..${n - 1}, got ${d.section.axis} ${d.section.index}`,
        );
      payload.density.section = { axis: axis as 0 | 1 | 2, index: d.section.index };
    }
  }
  const counts = symbols.map((sym, c) => `${sym}${species.filter((x) => x === c).length}`).join(' ');
  const span = times && nFrames > 1 ? `, ${(times[nFrames - 1] - times[0]) / 1000} ps` : '';
  const data: Record<string, unknown> = {
    [MIME_SUPERIONIC_TRAJECTORY]: payload,
    'text/plain': `<Trajectory${opts.title ? ' "' + opts.title + '"' : ''}: ${counts}, ${nFrames} frames${span}; frames in ${path}>`,
  };
  if (snapshot) data['image/svg+xml'] = snapshot;
  return { data, metadata: {} };
}

/** Check a frame selection and list the frame indices it picks out of `nTotal` (Infinity for a stream). */
export function selectedFrames(
  sel: TrajectoryDisplayOptions['frames'],
  nTotal: number,
  file?: string,
): { start: number; end: number; stride: number } {
  const start = sel?.start ?? 0,
    end = Math.min(sel?.end ?? nTotal, nTotal),
    stride = sel?.stride ?? 1;
  if (!(
    Number.isInteger(start) &&
    (Number.isInteger(end) || end === Infinity) &&
    Number.isInteger(stride) &&
    start >= 0 &&
    stride >= 1 &&
    end > start
  )) {
    throw new InputError(
      `trajectory display: frames {start: ${start}, end: ${end}, stride: ${stride}} select no frame of ${nTotal}; expected 0 ≤ start < end, stride ≥ 1`,
      { file },
    );
  }
  return { start, end, stride };
}

/**
 * Build the trajectory browser bundle and its Float32 frame file for an in-memory trajectory.
 * (The kernel streams a FrameStream to the file instead, with the same layout and file name.)
 */
export function trajectoryBundle(traj: Trajectory, opts: TrajectoryDisplayOptions = {}): TrajectoryDisplay {
  const n = traj.nAtoms;
  const { start, end, stride } = selectedFrames(opts.frames, traj.nFrames, traj.info.source);
  const picked: number[] = [];
  for (let f = start; f < end; f += stride) picked.push(f);
  const nFrames = picked.length;
  const bytes = new Uint8Array(nFrames * 12 * n);
  picked.forEach((f, k) => bytes.set(frameFloat32Bytes(traj.framePositions(f), opts.wrap && traj.cells ? traj.cell(f) : null), k * 12 * n));
  const path = trajectoryFileName(n, nFrames, createHash('sha256').update(bytes).digest('hex'), opts.folder);

  let times: number[] | null = null;
  if (traj.times_fs) times = picked.map((f) => traj.times_fs![f]);
  else if (traj.info.timestep_fs !== undefined) times = picked.map((f) => f * traj.info.timestep_fs!);
  let cells: number[] | null = null;
  if (traj.cells) {
    cells = new Array(9 * nFrames);
    picked.forEach((f, k) => {
      for (let j = 0; j < 9; j++) cells![9 * k + j] = traj.cells![9 * f + j];
    });
  }
  const f0 = picked[0];
  const snapshot =
    opts.snapshot !== false && nFrames > 0
      ? frameSnapshotSVG(
          traj.framePositions(f0),
          traj.cells ? traj.cells.subarray(9 * f0, 9 * f0 + 9) : null,
          traj.topology,
          `frame ${f0}`,
          opts.title,
          opts,
        )
      : null;
  const bundle = trajectoryMetadataBundle(
    { path, nAtoms: n, nFrames, symbols: traj.topology.symbols, species: traj.topology.species, times_fs: times, cells },
    opts,
    snapshot,
  );
  return { bundle, path, bytes };
}

function littleEndian(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
}

/** Colours per element for the static snapshot (CPK-like); others cycle through a palette. */
const ELEMENT_COLOURS: Record<string, string> = {
  Li: '#8f40d4',
  Na: '#2f6fd6',
  K: '#8f40d4',
  Ag: '#a0a0b0',
  Cu: '#c88033',
  Mg: '#3aa335',
  S: '#e0c020',
  P: '#ff8000',
  Cl: '#1fbf1f',
  Ge: '#668f8f',
  Si: '#b08c5a',
  O: '#e02020',
  I: '#940094',
  Br: '#a62929',
  F: '#70d050',
  Zr: '#94e0e0',
  La: '#70d4ff',
  Sn: '#668080',
  Se: '#ffa100',
};
const PALETTE = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#eeca3b', '#b279a2', '#ff9da6'];

/** A static SVG of frame f of a trajectory projected on the a–b plane (fallback image). */
export function snapshotSVG(traj: Trajectory, f = 0, title?: string): string {
  return frameSnapshotSVG(traj.framePositions(f), traj.cells ? traj.cells.subarray(9 * f, 9 * f + 9) : null, traj.topology, `frame ${f}`, title);
}

/** A density result becomes its isosurface grid (number density, level enclosing half of the atoms). */
function asTrajectoryDensity(d: TrajectoryDensity | ProbabilityDensityResult): TrajectoryDensity {
  return isDensityResult(d) ? trajectoryDensity(d) : d;
}

/** Overlays drawn on the static snapshot, as in the 3D browser (the `sites` and `density` display options). */
export interface SnapshotOverlays {
  sites?: TrajectorySites;
  density?: TrajectoryDensity | ProbabilityDensityResult;
}

/** Site-type colours of the static snapshot (the same order as the 3D browser's palette). */
const SITE_COLOURS = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#9a6324'];

/** Rough width in px of `text` in an 11 px sans-serif font (for sizing the SVG so no caption is clipped). */
function textWidth(text: string): number {
  return Math.ceil(text.length * 6.3);
}

/**
 * A static SVG of one frame's atoms projected on the plane of the cell's a and b vectors: the
 * fallback image of the trajectory browser (GitHub, nbconvert, a lab without our extension, or
 * a committed notebook whose frame file is not on disk). With `overlays`, the interstitial sites
 * are drawn as squares coloured by type (shaded by occupancy) and the density grid as its
 * projection along c (summed over c, shaded by value), as in the 3D browser. The image is as
 * wide as its title and legend need (never clipped).
 */
export function frameSnapshotSVG(
  p: ArrayLike<number>,
  cell9: ArrayLike<number> | null,
  topology: { symbols: string[]; species: ArrayLike<number> },
  label: string,
  title?: string,
  overlays: SnapshotOverlays = {},
): string {
  const n = topology.species.length;
  const cell = cell9 ? Array.from(cell9) : null;
  const sites = overlays.sites,
    density = overlays.density ? asTrajectoryDensity(overlays.density) : undefined;
  const xs: number[] = [],
    ys: number[] = [];
  for (let i = 0; i < n; i++) {
    xs.push(p[3 * i]);
    ys.push(p[3 * i + 1]);
  }
  const outline = cell
    ? [
        [0, 0],
        [cell[0], cell[1]],
        [cell[0] + cell[3], cell[1] + cell[4]],
        [cell[3], cell[4]],
      ]
    : [];
  for (const [x, y] of outline) {
    xs.push(x);
    ys.push(y);
  }
  if (sites)
    for (let k = 0; k < sites.types.length; k++) {
      xs.push(sites.positions[3 * k]);
      ys.push(sites.positions[3 * k + 1]);
    }
  const minX = Math.min(...xs),
    maxX = Math.max(...xs),
    minY = Math.min(...ys),
    maxY = Math.max(...ys);
  const sym = topology.symbols;
  const siteTypes = sites ? [...new Set(sites.types)] : [];
  const line1 = title ? title : `${label}, a–b projection`;
  const line2 = title ? `${label}, a–b projection` + (density ? '; density summed along c' : '') : density ? 'density summed along c' : '';
  const legendText = sym.map((s) => `● ${s}`).join(' ') + (siteTypes.length ? '  ' + siteTypes.map((t) => `■ ${t}`).join(' ') : '');
  const pad = 12;
  const W = Math.max(360, Math.ceil(textWidth(line1) * (title ? 1.12 : 1)) + 2 * pad, ...[line2, legendText].map((t) => textWidth(t) + 2 * pad));
  const captionLines = [line1, line2, legendText].filter((t) => t.length > 0).length;
  const top = 15 * captionLines + 6;
  const plotW = Math.min(W, 480) - 2 * pad;
  const span = Math.max(maxX - minX, maxY - minY, 1e-6),
    s = plotW / span;
  const H = Math.round((maxY - minY) * s + 2 * pad + top);
  const X = (x: number) => (pad + (x - minX) * s).toFixed(1),
    Y = (y: number) => (H - pad - (y - minY) * s).toFixed(1);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
  ];
  if (density) {
    const [nx, ny, nz] = density.shape,
      dc = Array.from(density.cell),
      v = density.values;
    const sum = new Float64Array(nx * ny);
    for (let ix = 0; ix < nx; ix++)
      for (let iy = 0; iy < ny; iy++) {
        let t = 0;
        for (let iz = 0; iz < nz; iz++) t += v[(ix * ny + iy) * nz + iz];
        sum[ix * ny + iy] = t;
      }
    let max = 0;
    for (const t of sum) if (t > max) max = t;
    const at = (fa: number, fb: number) => `${X(fa * dc[0] + fb * dc[3])},${Y(fa * dc[1] + fb * dc[4])}`;
    if (max > 0) {
      for (let ix = 0; ix < nx; ix++)
        for (let iy = 0; iy < ny; iy++) {
          const o = sum[ix * ny + iy] / max;
          if (o < 0.05) continue;
          const a0 = ix / nx,
            a1 = (ix + 1) / nx,
            b0 = iy / ny,
            b1 = (iy + 1) / ny;
          parts.push(
            `<polygon class="si-density" points="${at(a0, b0)} ${at(a1, b0)} ${at(a1, b1)} ${at(a0, b1)}" fill="#2b8cbe" fill-opacity="${(0.6 * o).toFixed(2)}"/>`,
          );
        }
    }
  }
  if (outline.length)
    parts.push(`<polygon points="${outline.map(([x, y]) => `${X(x)},${Y(y)}`).join(' ')}" fill="none" stroke="#555" stroke-width="1"/>`);
  // Draw lower atoms (small z) first so higher ones sit on top.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[3 * a + 2] - p[3 * b + 2]);
  const r = Math.max(1.5, Math.min(5, 0.45 * s));
  for (const i of order) {
    const c = topology.species[i];
    const col = ELEMENT_COLOURS[sym[c]] ?? PALETTE[c % PALETTE.length];
    parts.push(`<circle cx="${X(p[3 * i])}" cy="${Y(p[3 * i + 1])}" r="${r.toFixed(1)}" fill="${col}" stroke="#333" stroke-width="0.3"/>`);
  }
  if (sites) {
    const h = Math.max(1.5, 0.7 * r);
    for (let k = 0; k < sites.types.length; k++) {
      const col = SITE_COLOURS[siteTypes.indexOf(sites.types[k]) % SITE_COLOURS.length];
      const occ = sites.occupancy ? Math.min(1, Math.max(0, sites.occupancy[k])) : 1;
      const x = Number(X(sites.positions[3 * k])) - h,
        y = Number(Y(sites.positions[3 * k + 1])) - h;
      parts.push(
        `<rect class="si-site" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(2 * h).toFixed(1)}" height="${(2 * h).toFixed(1)}" fill="${col}" fill-opacity="${(0.25 + 0.75 * occ).toFixed(2)}" stroke="${col}" stroke-width="0.8"/>`,
      );
    }
  }
  const legend =
    sym.map((s, c) => `<tspan fill="${ELEMENT_COLOURS[s] ?? PALETTE[c % PALETTE.length]}">● ${escapeHTML(s)}</tspan>`).join(' ') +
    (siteTypes.length
      ? '  ' + siteTypes.map((t, i) => `<tspan fill="${SITE_COLOURS[i % SITE_COLOURS.length]}">■ ${escapeHTML(t)}</tspan>`).join(' ')
      : '');
  const font = 'font-family="Helvetica, Arial, sans-serif" font-size="11"';
  let y = 13;
  parts.push(`<text x="${pad}" y="${y}" ${font}${title ? ' font-weight="bold"' : ''}>${escapeHTML(line1)}</text>`);
  if (line2) {
    y += 15;
    parts.push(`<text x="${pad}" y="${y}" ${font}>${escapeHTML(line2)}</text>`);
  }
  y += 15;
  parts.push(`<text x="${pad}" y="${y}" ${font}>${legend}</text>`);
  parts.push('</svg>');
  return parts.join('');
}
