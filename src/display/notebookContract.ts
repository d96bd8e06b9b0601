/**
 * The notebook seam's contract: the MIME types the library sends and the JupyterLab extension
 * renders, and the shapes of their bundles. ONE module, imported by the library (src/display/show.ts,
 * src/display/notebook/) and by the extension (extension/src/trajectory/bundle.ts,
 * extension/src/plot/vegaWidget.ts, extension/src/index.ts); test/display/notebookContract.test.ts
 * checks that what the library builds is what the extension accepts.
 *
 * It imports nothing (no Node, no DOM), so both builds compile it unchanged.
 *
 * - `application/vnd.vegalite.v6+json`: a plain Vega-Lite 6 spec.
 * - `application/vnd.superionic.plot+json`: {@link PlotBundle} `{version: 1, spec, title}`, an
 *   interactive Vega-Lite plot (DOAS, entropy).
 * - `application/vnd.superionic.trajectory+json`: {@link TrajectoryBundle}, the 3D trajectory
 *   browser. The bundle only carries metadata; the coordinates live in a header-less
 *   little-endian Float32 file beside the notebook (`path`, relative to the notebook's folder):
 *   frame-major, 3 floats per atom per frame, frame f starting at byte f·nAtoms·12. Positions and
 *   cells are in Å.
 */

/** A plain Vega-Lite 6 spec (stock JupyterLab 4 renders only v5; our extension renders v6). */
export const MIME_VEGALITE_V6 = 'application/vnd.vegalite.v6+json';
/** An interactive superionic plot, {@link PlotBundle}. */
export const MIME_SUPERIONIC_PLOT = 'application/vnd.superionic.plot+json';
/** The 3D trajectory browser, {@link TrajectoryBundle}. */
export const MIME_SUPERIONIC_TRAJECTORY = 'application/vnd.superionic.trajectory+json';

/** The one version of both superionic bundles. */
export const BUNDLE_VERSION = 1;

/** `application/vnd.superionic.plot+json`. */
export interface PlotBundle {
  version: 1;
  /** A Vega-Lite 6 spec. */
  spec: Record<string, unknown>;
  /** Shown above the plot when the spec has no title of its own. */
  title?: string;
}

/** Interstitial sites to overlay (Cartesian Å positions, one type label per site). */
export interface SiteOverlay {
  /** 3 numbers per site, Cartesian Å. */
  positions: number[];
  /** Type label per site (e.g. "T2", "T5", "octahedral"). */
  types: string[];
  /** Fractional occupancy per site in [0, 1]; sizes and shades the site markers. */
  occupancy?: number[];
}

/**
 * A (time-averaged) density on a periodic grid. `values` are in C order (z fastest:
 * index = (ix·ny + iy)·nz + iz); grid point (ix, iy, iz) sits at fractional (ix/nx, iy/ny, iz/nz)
 * of `cell` (rows a, b, c in Å).
 */
export interface DensityGrid {
  shape: [number, number, number];
  cell: number[];
  values: number[];
  /** The level of the isosurface, in the units of `values`. */
  isoLevel: number;
  /** What the values are, with units (e.g. "Li per Å³"); names the heat map's colour scale. */
  label?: string;
  /** Cross-section shown when the output opens: grid plane `index` normal to lattice axis `axis` (0 a, 1 b, 2 c). */
  section?: { axis: 0 | 1 | 2; index: number };
}

/** `application/vnd.superionic.trajectory+json`. */
export interface TrajectoryBundle {
  version: 1;
  /** Relative path (POSIX separators) of the Float32 frame file. */
  path: string;
  nAtoms: number;
  nFrames: number;
  /** Species list: `symbols[species[i]]` is the element of atom i. */
  symbols: string[];
  species: number[];
  /** Time of each frame, fs, or null when unknown. */
  times_fs: number[] | null;
  /** 9 numbers per frame (rows a, b, c in Å), or null for a non-periodic view. */
  cells: number[] | null;
  title?: string;
  sites?: SiteOverlay;
  density?: DensityGrid;
}

/** Bytes of one frame in the Float32 frame file. */
export const frameBytes = (nAtoms: number): number => nAtoms * 12;

/** Raised for a bundle that does not follow the contract; the message says which field and why. */
export class BundleError extends Error {
  constructor(message: string) {
    super(`superionic trajectory bundle: ${message}`);
    this.name = 'BundleError';
  }
}

const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x > 0;

function finiteArray(x: unknown, field: string, length?: number): number[] {
  if (!Array.isArray(x)) throw new BundleError(`'${field}' must be an array of numbers`);
  if (length !== undefined && x.length !== length) {
    throw new BundleError(`'${field}' has ${x.length} entries, expected ${length}`);
  }
  for (let i = 0; i < x.length; i++) {
    if (typeof x[i] !== 'number' || !Number.isFinite(x[i])) {
      throw new BundleError(`'${field}[${i}]' is ${JSON.stringify(x[i])}, expected a finite number`);
    }
  }
  return x as number[];
}

/** Check `data` against the version-1 trajectory contract and return it typed; throws {@link BundleError}. */
export function parseTrajectoryBundle(data: unknown): TrajectoryBundle {
  if (typeof data !== 'object' || data === null) throw new BundleError('expected a JSON object');
  const b = data as Record<string, unknown>;
  if (b.version !== BUNDLE_VERSION) throw new BundleError(`unsupported version ${JSON.stringify(b.version)}, expected 1`);
  if (typeof b.path !== 'string' || b.path.length === 0) throw new BundleError(`'path' must be a non-empty string`);
  if (!isCount(b.nAtoms)) throw new BundleError(`'nAtoms' must be a positive integer, got ${JSON.stringify(b.nAtoms)}`);
  if (!isCount(b.nFrames)) throw new BundleError(`'nFrames' must be a positive integer, got ${JSON.stringify(b.nFrames)}`);
  const nAtoms = b.nAtoms;
  const nFrames = b.nFrames;
  if (!Array.isArray(b.symbols) || b.symbols.length === 0 || !b.symbols.every((s) => typeof s === 'string')) {
    throw new BundleError(`'symbols' must be a non-empty array of element symbols`);
  }
  const symbols = b.symbols as string[];
  const species = finiteArray(b.species, 'species', nAtoms);
  for (let i = 0; i < nAtoms; i++) {
    const c = species[i];
    if (!Number.isInteger(c) || c < 0 || c >= symbols.length) {
      throw new BundleError(`'species[${i}]' = ${c} is not an index into 'symbols' (0..${symbols.length - 1})`);
    }
  }
  const times = b.times_fs == null ? null : finiteArray(b.times_fs, 'times_fs', nFrames);
  const cells = b.cells == null ? null : finiteArray(b.cells, 'cells', 9 * nFrames);
  const out: TrajectoryBundle = { version: 1, path: b.path, nAtoms, nFrames, symbols, species, times_fs: times, cells };
  if (typeof b.title === 'string') out.title = b.title;
  if (b.sites != null) {
    const s = b.sites as Record<string, unknown>;
    if (!Array.isArray(s.types)) throw new BundleError(`'sites.types' must be an array of strings`);
    const n = s.types.length;
    const positions = finiteArray(s.positions, 'sites.positions', 3 * n);
    const occupancy = s.occupancy == null ? undefined : finiteArray(s.occupancy, 'sites.occupancy', n);
    out.sites = { positions, types: s.types.map(String), occupancy };
  }
  if (b.density != null) {
    const d = b.density as Record<string, unknown>;
    const shape = d.shape;
    if (!Array.isArray(shape) || shape.length !== 3 || !shape.every((x) => isCount(x) && x >= 2)) {
      throw new BundleError(`'density.shape' must be [nx, ny, nz] with every n ≥ 2`);
    }
    const [nx, ny, nz] = shape as number[];
    const values = finiteArray(d.values, 'density.values', nx * ny * nz);
    const cell = finiteArray(d.cell, 'density.cell', 9);
    if (typeof d.isoLevel !== 'number' || !Number.isFinite(d.isoLevel)) {
      throw new BundleError(`'density.isoLevel' must be a finite number`);
    }
    out.density = { shape: [nx, ny, nz], cell, values, isoLevel: d.isoLevel };
    if (d.label != null) {
      if (typeof d.label !== 'string' || d.label.length > 200) throw new BundleError(`'density.label' must be a short string`);
      out.density.label = d.label;
    }
    if (d.section != null) {
      const sec = d.section as Record<string, unknown>;
      const axis = sec.axis;
      if (axis !== 0 && axis !== 1 && axis !== 2) throw new BundleError(`'density.section.axis' must be 0, 1 or 2 (a, b, c)`);
      const n = (shape as number[])[axis];
      if (!(typeof sec.index === 'number' && Number.isInteger(sec.index) && sec.index >= 0 && sec.index < n))
        throw new BundleError(`'density.section.index' must be a grid plane 0..${n - 1}`);
      out.density.section = { axis, index: sec.index };
    }
  }
  return out;
}

/** Check `data` against the version-1 plot contract `{version: 1, spec, title?}`; throws an Error naming what is wrong. */
export function parsePlotBundle(data: unknown): PlotBundle {
  const b = data as Record<string, unknown> | null;
  if (typeof b !== 'object' || b === null || b.version !== BUNDLE_VERSION || typeof b.spec !== 'object' || b.spec === null) {
    throw new Error(`superionic plot bundle: expected {version: 1, spec: <Vega-Lite spec>}, got ${JSON.stringify(data)?.slice(0, 120)}`);
  }
  return { version: 1, spec: b.spec as Record<string, unknown>, ...(typeof b.title === 'string' ? { title: b.title } : {}) };
}
