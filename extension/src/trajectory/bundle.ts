/**
 * The trajectory MIME bundle (`application/vnd.superionic.trajectory+json`, version 1), as written
 * by the kernel's display helper, and its validation.
 *
 * The bundle only carries metadata; the coordinates live in a header-less little-endian Float32
 * file beside the notebook (`path`, relative to the notebook's folder): frame-major, 3 floats per
 * atom per frame, frame f starting at byte f·nAtoms·12. Positions and cells are in Å.
 */

export const TRAJECTORY_MIME = 'application/vnd.superionic.trajectory+json';

/** Interstitial sites to overlay (Cartesian Å positions, one type label per site). */
export interface SiteOverlay {
  positions: number[];
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
  isoLevel: number;
}

export interface TrajectoryBundle {
  version: 1;
  path: string;
  nAtoms: number;
  nFrames: number;
  /** Species list: `symbols[species[i]]` is the element of atom i. */
  symbols: string[];
  species: number[];
  times_fs: number[] | null;
  /** 9 numbers per frame (rows a, b, c in Å), or null for a non-periodic view. */
  cells: number[] | null;
  title?: string;
  sites?: SiteOverlay;
  density?: DensityGrid;
}

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

/** Check `data` against the version-1 contract and return it typed; throws {@link BundleError}. */
export function parseTrajectoryBundle(data: unknown): TrajectoryBundle {
  if (typeof data !== 'object' || data === null) throw new BundleError('expected a JSON object');
  const b = data as Record<string, unknown>;
  if (b.version !== 1) throw new BundleError(`unsupported version ${JSON.stringify(b.version)}, expected 1`);
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
  }
  return out;
}

/** Bytes of one frame in the Float32 file. */
export const frameBytes = (nAtoms: number): number => nAtoms * 12;
