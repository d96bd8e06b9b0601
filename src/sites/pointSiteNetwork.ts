/**
 * A site network from sites given as points (e.g. discovered from the density, src/density/siteDiscovery.ts)
 * instead of a template: each site is bound, on a reference frame, to its k nearest host atoms, and keeps
 * the offset of the point from their centroid (fractional). Every frame its centre is then
 *   c(t) = centroid of those hosts at t + offset,
 * so the sites follow thermal motion, drift and strain of the host framework like template sites do
 * (siteNetwork.ts); with the hosts at rest c(t) is the given point exactly.
 */
import type { Cell } from '../core/cell.js';
import { InputError, InputErrorLocation } from '../core/errors.js';
import type { SiteKind } from './siteTemplate.js';
import type { SiteNetwork } from './siteNetwork.js';
import type { Frame } from '../core/frame.js';
import type { Topology } from '../core/topology.js';
import { hostSublattice } from './hostSublattice.js';
import type { SitesFromHosts } from './sitesFromHosts.js';

export interface PointSiteNetworkOptions {
  /** Number of nearest hosts each site follows (default 4; at most the number of hosts). */
  nVertices?: number;
  /** Trajectory atom index of each host (null when host positions are supplied each frame). */
  hostAtoms?: Int32Array | null;
  /** Name of the site set (default "points"). */
  name?: string;
  /** Kind of each type (default "polyhedral"). */
  typeKinds?: SiteKind[];
  where?: InputErrorLocation;
}

/**
 * Bind sites given as Cartesian points (Å, 3 per site, in `cell`) to their nearest hosts.
 * @param points        site positions, Å.
 * @param siteType      type code of each site (index into `typeNames`).
 * @param typeNames     site type names.
 * @param hostPositions host positions on the same frame, Å (3 per host).
 */
export function siteNetworkFromPoints(
  points: ArrayLike<number>,
  siteType: ArrayLike<number>,
  typeNames: string[],
  hostPositions: ArrayLike<number>,
  cell: Cell,
  opts: PointSiteNetworkOptions = {},
): SiteNetwork {
  const where = opts.where ?? {};
  const nSites = points.length / 3,
    nHosts = hostPositions.length / 3;
  const k = opts.nVertices ?? 4;
  if (!Number.isInteger(nSites) || nSites < 1)
    throw new InputError(`site points: expected 3 coordinates per site and at least one site, got ${points.length} numbers`, where);
  if (siteType.length !== nSites) throw new InputError(`site points: ${nSites} sites but ${siteType.length} type codes`, where);
  if (!Number.isInteger(k) || k < 1)
    throw new InputError(`site points: the number of host vertices per site must be a positive integer, got ${opts.nVertices}`, where);
  if (nHosts < k) throw new InputError(`site points: each site follows its ${k} nearest hosts, but there are only ${nHosts} host atoms`, where);
  for (let s = 0; s < nSites; s++) {
    const t = siteType[s];
    if (!(Number.isInteger(t) && t >= 0 && t < typeNames.length))
      throw new InputError(`site points: site ${s} has type code ${t}, expected 0..${typeNames.length - 1}`, where);
    if (![0, 1, 2].every((a) => Number.isFinite(points[3 * s + a])))
      throw new InputError(`site points: site ${s} has a non-finite coordinate`, where);
  }
  const hf = cell.toFractional(hostPositions);
  const vertexStart = new Int32Array(nSites + 1);
  const vertices = new Int32Array(k * nSites);
  const vertexShift = new Float64Array(3 * k * nSites);
  const offset = new Float64Array(3 * nSites);
  const idealFrac = new Float64Array(3 * nSites);
  const tmp = [0, 0, 0];
  const d2 = new Float64Array(nHosts);
  const order = Array.from({ length: nHosts }, (_, i) => i);
  for (let s = 0; s < nSites; s++) {
    const px = points[3 * s],
      py = points[3 * s + 1],
      pz = points[3 * s + 2];
    for (let h = 0; h < nHosts; h++)
      d2[h] = cell.minimumImage(hostPositions[3 * h] - px, hostPositions[3 * h + 1] - py, hostPositions[3 * h + 2] - pz, tmp);
    order.sort((a, b) => d2[a] - d2[b] || a - b);
    const pf = cell.toFractional([px, py, pz]);
    // Vertex displacements from the point, fractional, minimum image (exact for k hosts within half the cell).
    const rel: number[][] = [];
    for (let v = 0; v < k; v++) {
      const h = order[v];
      const r = [0, 1, 2].map((a) => {
        const x = hf[3 * h + a] - pf[a];
        return x - Math.round(x);
      });
      rel.push(r);
      vertices[k * s + v] = h;
      for (let a = 0; a < 3; a++) vertexShift[3 * (k * s + v) + a] = r[a] - rel[0][a];
    }
    vertexStart[s + 1] = k * (s + 1);
    for (let a = 0; a < 3; a++) {
      // siteCentres: centroid = f(v0) + Σ shifts / k; the point = f(v0) − rel0 → offset = −mean(rel).
      let m = 0;
      for (let v = 0; v < k; v++) m += rel[v][a];
      offset[3 * s + a] = -m / k;
      idealFrac[3 * s + a] = pf[a] - Math.floor(pf[a]);
    }
  }
  return {
    template: opts.name ?? 'points',
    typeNames: [...typeNames],
    typeKinds: opts.typeKinds ?? typeNames.map(() => 'polyhedral'),
    nSites,
    siteType: Int32Array.from(siteType),
    vertexStart,
    vertices,
    vertexShift,
    idealTemplate: idealFrac.slice(),
    idealFrac,
    replication: [1, 1, 1],
    nHosts,
    hostAtoms: opts.hostAtoms ?? null,
    maxMatchDisplacement_A: 0,
    inverted: false,
    centreOffsetFrac: offset,
  };
}

/** A discovered site as src/density/siteDiscovery.ts gives it (the fields used here). */
export interface DiscoveredSitePoint {
  cartesian_A: [number, number, number];
  polyhedron?: string | null;
}

/** A site as read from a sites JSON file: Cartesian (Å) and/or fractional position, and a type name. */
export interface SitePointInput {
  cartesian_A?: [number, number, number];
  fractional?: [number, number, number];
  /** Type name: `polyhedron` (discovered sites) or `label` (e.g. a Wyckoff label); "site" when neither. */
  polyhedron?: string | null;
}

/** Sites given in a file as points in the frame-0 cell: Cartesian positions (fractional ones converted). */
export function sitePointsInCell(sites: SitePointInput[], cell: Cell): DiscoveredSitePoint[] {
  return sites.map((s) => ({
    cartesian_A: s.cartesian_A ?? (Array.from(cell.toCartesian(s.fractional!)) as [number, number, number]),
    polyhedron: s.polyhedron,
  }));
}

/** Fractional coordinates (3 per site) and type codes of sites from a file, in the frame-0 cell. */
export function sitesAsFractional(sites: SitePointInput[], cell: Cell): { frac: Float64Array; type: Int32Array; names: string[] } {
  const names: string[] = [];
  const frac = new Float64Array(3 * sites.length),
    type = new Int32Array(sites.length);
  sites.forEach((s, i) => {
    const f = s.fractional ?? cell.toFractional(s.cartesian_A!);
    frac.set([f[0], f[1], f[2]], 3 * i);
    const name = s.polyhedron ?? 'site';
    let t = names.indexOf(name);
    if (t < 0) {
      t = names.length;
      names.push(name);
    }
    type[i] = t;
  });
  return { frac, type, names };
}

/**
 * Sites discovered from the density (src/density/siteDiscovery.ts, or a JSON list of them) as a site
 * network usable wherever sites are used (occupancy, jumps, transitions): each site typed by its host
 * polyhedron label ("tetrahedral", "octahedral", …; "site" when unlabelled) and bound to its
 * `nVertices` nearest hosts on the reference frame (see {@link siteNetworkFromPoints}).
 */
export function siteNetworkFromDiscoveredSites(
  sites: DiscoveredSitePoint[],
  hostPositions: ArrayLike<number>,
  cell: Cell,
  opts: Omit<PointSiteNetworkOptions, 'typeKinds'> = {},
): SiteNetwork {
  if (sites.length === 0) throw new InputError('no discovered sites: expected at least one site', opts.where ?? {});
  const names: string[] = [];
  const type = sites.map((s, i) => {
    const c = s.cartesian_A;
    if (!Array.isArray(c) || c.length !== 3 || !c.every(Number.isFinite))
      throw new InputError(`discovered site ${i}: expected cartesian_A as three finite numbers (Å)`, opts.where ?? {});
    const name = s.polyhedron ?? 'site';
    let t = names.indexOf(name);
    if (t < 0) {
      t = names.length;
      names.push(name);
    }
    return t;
  });
  const kinds = names.map((n): SiteKind => (['tetrahedral', 'octahedral', 'trigonal', 'linear'].includes(n) ? (n as SiteKind) : 'polyhedral'));
  return siteNetworkFromPoints(
    sites.flatMap((s) => s.cartesian_A),
    type,
    names,
    hostPositions,
    cell,
    { name: 'discovered from density', ...opts, typeKinds: kinds },
  );
}

/**
 * Discovered sites bound to a trajectory's host sublattice (species atoms and/or polyanion centres, as
 * sitesFromHosts does for templates): the network on frame 0, and the per-frame host points when some
 * hosts are molecule centres.
 */
export function sitesFromDiscovered(
  sites: SitePointInput[],
  topology: Topology,
  frame0: Pick<Frame, 'positions' | 'cell'>,
  opts: { host: string[]; nVertices?: number; where?: InputErrorLocation },
): SitesFromHosts {
  const where = opts.where ?? {};
  if (!frame0.cell) throw new InputError('sites need a periodic cell; the frame has none', { ...where, frame: 0 });
  const hosts = hostSublattice(opts.host, topology, frame0, { reading: 'named', where });
  const pos = hosts.positions({ ...frame0, index: 0 });
  const network = siteNetworkFromDiscoveredSites(sitePointsInCell(sites, frame0.cell), pos, frame0.cell, {
    nVertices: opts.nVertices,
    hostAtoms: hosts.hostAtoms,
    where,
  });
  return hosts.hostAtoms
    ? { source: network, hostCentres: hosts.groups }
    : { source: network, hostPositions: (fr: Frame) => hosts.positions(fr), hostCentres: hosts.groups };
}

/**
 * Parse sites from JSON text: a list of sites, or an object with a `sites` list; each site with cartesian_A
 * [x, y, z] (Å) or fractional [x, y, z] (of the trajectory's first cell), typed by `polyhedron` or `label`.
 */
export function parseDiscoveredSites(text: string, file?: string): SitePointInput[] {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new InputError(`not JSON (${(e as Error).message.split('\n')[0]}); expected a list of discovered sites`, { file });
  }
  const list = Array.isArray(v)
    ? v
    : v && typeof v === 'object' && Array.isArray((v as { sites?: unknown }).sites)
      ? (v as { sites: unknown[] }).sites
      : null;
  if (!list)
    throw new InputError(
      'expected a JSON list of sites, or an object with a "sites" list, each site with cartesian_A [x, y, z] in Å or fractional [x, y, z]',
      { file },
    );
  const triple = (c: unknown) => Array.isArray(c) && c.length === 3 && c.every((x) => typeof x === 'number' && Number.isFinite(x));
  return list.map((s, i) => {
    const c = (s as { cartesian_A?: unknown })?.cartesian_A,
      f = (s as { fractional?: unknown })?.fractional;
    if (c !== undefined && !triple(c)) throw new InputError(`site ${i}: expected cartesian_A as three numbers (Å)`, { file });
    if (f !== undefined && !triple(f)) throw new InputError(`site ${i}: expected fractional as three numbers`, { file });
    if (c === undefined && f === undefined)
      throw new InputError(`site ${i}: expected cartesian_A as three numbers (Å) or fractional as three numbers`, { file });
    const p = (s as { polyhedron?: unknown }).polyhedron ?? (s as { label?: unknown }).label;
    return {
      ...(c !== undefined ? { cartesian_A: c as [number, number, number] } : {}),
      ...(f !== undefined ? { fractional: f as [number, number, number] } : {}),
      polyhedron: typeof p === 'string' ? p : null,
    };
  });
}
