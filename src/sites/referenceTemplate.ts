/**
 * A site template from a reference structure of the ideal phase (e.g. a POSCAR/CIF-derived
 * structure read with `readTrajectory`): host atoms are the atoms of the host species; each atom
 * of a site species marks one site centre, and the site is the polyhedron of its `nVertices`
 * nearest hosts (4: tetrahedral, 6: octahedral, 3: trigonal, 2: linear). Site types are named by
 * the marker species (use distinct dummy species per type, or one species for one type).
 * Without site species, the sites are the tetrahedral interstices of the host framework: its
 * empty-circumsphere tetrahedra (tetrahedralInterstices.ts), typed by the reference's symmetry
 * operations (e.g. from a CIF, readCif) and named after the reference atoms inside them.
 * The trajectory must be an n1×n2×n3 supercell of the reference (checked when the network is built).
 */
import type { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import type { Topology } from '../core/topology.js';
import { indicesOf } from '../core/topology.js';
import type { SiteKind, SiteTemplate } from './siteTemplate.js';
import { delaunayTetrahedra, FractionalOperation, tetrahedralSiteTypes } from './tetrahedralInterstices.js';

export interface ReferenceStructure {
  topology: Topology;
  /** Cartesian positions, Å. */
  positions: Float64Array;
  cell: Cell;
  /** Name for messages (e.g. the file path). */
  source?: string;
  /** Per-atom labels (e.g. CIF atom-site labels "S1", "Cl1"), used to name interstice types. */
  labels?: string[];
  /** Symmetry operations of the reference (fractional), used to type interstices by orbit. */
  symmetryOperations?: FractionalOperation[];
}

export interface ReferenceTemplateOptions {
  /** Host species (the polyhedron vertices). */
  host: string | string[];
  /** Species whose atoms mark site centres (each species = one site type). Empty or absent: the
   * tetrahedral interstices of the host framework. */
  siteSpecies?: string | string[];
  /** Hosts per site (default 4). */
  nVertices?: number;
  /** Search the origin shift when matching a trajectory (default false: keep the reference's
   * setting, as Morgan 2021 does; a mismatch then raises a clear error). */
  searchOrigin?: boolean;
}

const KIND: Record<number, SiteKind> = { 2: 'linear', 3: 'trigonal', 4: 'tetrahedral', 6: 'octahedral' };

/** Build a template from a reference structure (origin and setting of the reference are kept). */
export function templateFromReferenceStructure(ref: ReferenceStructure, opts: ReferenceTemplateOptions): SiteTemplate {
  const where = { file: ref.source };
  const k = opts.nVertices ?? 4;
  if (!Number.isInteger(k) || k < 2) throw new InputError(`vertices per site must be an integer ≥ 2, got ${k}`, where);
  const hosts = indicesOf(ref.topology, opts.host, where);
  const f = ref.cell.toFractional(ref.positions);
  const frac = (i: number) => [0, 1, 2].map((a) => f[3 * i + a] - Math.floor(f[3 * i + a]));
  const species = ([] as string[]).concat(opts.siteSpecies ?? []);
  if (species.length === 0) return tetrahedralTemplate(ref, hosts, Array.from(hosts, frac), opts);
  const siteTypes = species.map((sp) => {
    const idx = indicesOf(ref.topology, sp, where);
    return { name: sp, kind: KIND[k] ?? 'polyhedral', nVertices: k, centresFrac: Array.from(idx, frac) };
  });
  const hostSet = new Set(([] as string[]).concat(opts.host));
  for (const sp of species) if (hostSet.has(sp)) throw new InputError(`species "${sp}" cannot be both host and site marker`, where);
  return { name: ref.source ?? 'reference structure', cell: ref.cell, hostFrac: Array.from(hosts, frac), siteTypes, fixedOrigin: !opts.searchOrigin };
}

/** Template whose sites are the tetrahedral interstices of the reference's hosts. */
function tetrahedralTemplate(ref: ReferenceStructure, hosts: Int32Array, hostFrac: number[][], opts: ReferenceTemplateOptions): SiteTemplate {
  const where = { file: ref.source };
  if (opts.nVertices !== undefined && opts.nVertices !== 4) {
    throw new InputError(
      `without site species the sites are the tetrahedral interstices (4 vertices); got ${opts.nVertices} vertices per site`,
      where,
    );
  }
  const flat = hostFrac.flat();
  const tets = delaunayTetrahedra(flat, ref.cell, where);
  const isHost = new Uint8Array(ref.topology.species.length);
  for (const h of hosts) isHost[h] = 1;
  const f = ref.cell.toFractional(ref.positions);
  const labelOf = (i: number) => ref.labels?.[i] ?? ref.topology.symbols[ref.topology.species[i]];
  const markers: { label: string; frac: number[] }[] = [];
  for (let i = 0; i < isHost.length; i++) if (!isHost[i]) markers.push({ label: labelOf(i), frac: [f[3 * i], f[3 * i + 1], f[3 * i + 2]] });
  const types = tetrahedralSiteTypes(tets, flat, ref.cell, {
    hostLabels: Array.from(hosts, labelOf),
    symmetryOperations: ref.symmetryOperations,
    markers,
    where,
  });
  return {
    name: `${ref.source ?? 'reference structure'} (tetrahedral interstices)`,
    cell: ref.cell,
    hostFrac,
    siteTypes: types.map((t) => ({
      name: t.name,
      kind: 'tetrahedral' as const,
      nVertices: 4,
      centresFrac: t.tetrahedra.map((x) => [...x.circumcentreFrac]),
    })),
    fixedOrigin: !opts.searchOrigin,
  };
}
