/**
 * The host sublattice that interstitial sites are built on and recomputed from every frame (METHODS §3;
 * Kweon 2017 SI: sites as centroids of the instantaneous host framework): host atoms, or the centres of
 * mass of polyanions (PS4³⁻, BH4⁻, B12H12²⁻), found as bonded clusters in the first frame and followed
 * whole across boundaries (src/geometry/molecules.ts). The one place where a host name becomes host
 * points, for `sites`, `jumps`, hop frequency and rotation alike.
 *
 * A host name is read one of two ways:
 *  - 'named' (`superionic sites|jumps --host`): a species means its atoms (S, Cl); a formula means the
 *    centres of those clusters (PS4, BH4). Several names concatenate, group by group.
 *  - 'containing' (hop frequency, `rotation --host`): a species means the centres of the bonded clusters
 *    of non-mobile atoms that contain its atoms (S in Na3PS4 → the bcc lattice of PS4 centres), and its
 *    atoms themselves when none of those clusters is polyatomic.
 */
import type { Cell } from '../core/cell.js';
import { isElement } from '../core/elements.js';
import { InputError, InputErrorLocation } from '../core/errors.js';
import type { Frame } from '../core/frame.js';
import { atomSymbols, indicesOf, Topology, topologyFromSymbols } from '../core/topology.js';
import { findMolecules, moleculeCentres, subsetMolecules } from '../geometry/molecules.js';
import { CentreGroup, centrePositions, resolveCentres } from '../structure/centres.js';
import type { ReferenceStructure } from './referenceTemplate.js';

/** How a host name is read (see the header). */
export type HostReading = 'named' | 'containing';

/** What one host name resolved to. */
export interface HostGroupSummary {
  /** The name as given ("S", "PS4"). */
  label: string;
  kind: 'atoms' | 'molecules';
  /** Number of host points it contributes. */
  count: number;
}

/** Host points of a trajectory, frame by frame. */
export interface HostSublattice {
  /** Trajectory atom index of each host point when every point is an atom, else null (molecule centres). */
  hostAtoms: Int32Array | null;
  /** Whether (some of) the host points are molecule centres. */
  moleculeCentres: boolean;
  /** What each host name resolved to ('named' reading; one entry per name). */
  groups: HostGroupSummary[];
  /** Host points of a frame, Å, 3 per point (molecule centres wrapped into the cell). */
  positions(frame: Pick<Frame, 'positions' | 'cell' | 'index'>): Float64Array;
}

/** Where a frame's errors point. */
const at = (where: InputErrorLocation, frame: number): InputErrorLocation => ({ ...where, frame });

/** Hosts of a structure in the 'named' reading: atoms of species and/or centres of polyanions named by formula. */
export function resolveHosts(
  host: readonly string[],
  topology: Topology,
  positions: Float64Array,
  cell: Cell | null,
  where: InputErrorLocation = {},
): CentreGroup[] {
  return host.map((h) => {
    if (isElement(h)) indicesOf(topology, h, where); // a species that is absent: say so plainly
    return resolveCentres(h, topology, positions, cell, { where });
  });
}

/** Host points of one frame from resolved groups, concatenated group by group (3 per point, Å). */
export function hostPositionsOf(groups: readonly CentreGroup[], positions: Float64Array, cell: Cell | null, masses: Float64Array): Float64Array {
  const parts = groups.map((g) => centrePositions(g, positions, cell, masses));
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export interface HostSublatticeOptions {
  /** How host names are read (default 'named'). */
  reading?: HostReading;
  /** Mobile species ('containing' reading: excluded from the bonded clusters). */
  mobile?: readonly string[];
  /** Where errors point (file; frame 0 is added for the first frame). */
  where?: InputErrorLocation;
}

/**
 * The host sublattice of a trajectory from its first frame.
 * @param host     host names (species or formulas, see the header)
 * @param topology the trajectory's topology (masses for the centres of mass)
 * @param frame0   the first frame (clusters are found in it)
 */
export function hostSublattice(
  host: string | readonly string[],
  topology: Topology,
  frame0: Pick<Frame, 'positions' | 'cell'>,
  opts: HostSublatticeOptions = {},
): HostSublattice {
  const names = ([] as string[]).concat(host);
  const where = opts.where ?? {};
  return (opts.reading ?? 'named') === 'named'
    ? namedHosts(names, topology, frame0, where)
    : containingHosts(names, topology, frame0, opts.mobile ?? [], where);
}

function namedHosts(host: string[], topology: Topology, frame0: Pick<Frame, 'positions' | 'cell'>, where: InputErrorLocation): HostSublattice {
  const groups = resolveHosts(host, topology, frame0.positions, frame0.cell, at(where, 0));
  const summary = groups.map((g) => ({ label: g.label, kind: g.kind, count: g.count }));
  const masses = topology.masses;
  if (groups.every((g) => g.kind === 'atoms')) {
    const hostAtoms = new Int32Array(groups.reduce((n, g) => n + g.count, 0));
    let o = 0;
    for (const g of groups) {
      hostAtoms.set(g.atoms!, o);
      o += g.count;
    }
    return { hostAtoms, moleculeCentres: false, groups: summary, positions: (fr) => hostPositionsOf(groups, fr.positions, fr.cell, masses) };
  }
  if (!frame0.cell) throw new InputError('sites need a periodic cell; the frame has none', at(where, 0));
  return {
    hostAtoms: null,
    moleculeCentres: true,
    groups: summary,
    positions: (fr) => {
      if (!fr.cell) throw new InputError('polyanion-centre hosts need a periodic cell; the frame has none', at(where, fr.index));
      return hostPositionsOf(groups, fr.positions, fr.cell, masses);
    },
  };
}

function containingHosts(
  host: string[],
  topology: Topology,
  frame0: Pick<Frame, 'positions' | 'cell'>,
  mobile: readonly string[],
  where: InputErrorLocation,
): HostSublattice {
  const w0 = at(where, 0);
  const hostIdx = indicesOf(topology, host, w0);
  if (hostIdx.length === 0) throw new InputError(`no host atoms of species ${host.join(', ')}`, w0);
  if (!frame0.cell) throw new InputError('the host sublattice needs a periodic cell; the frame has none', w0);
  const nonMobile = topology.symbols.filter((s) => !mobile.includes(s));
  const all = findMolecules(topology, frame0.positions, frame0.cell, { species: nonMobile, where: w0 });
  const isHost = new Uint8Array(topology.species.length);
  for (const h of hostIdx) isHost[h] = 1;
  const keep: number[] = [];
  let poly = false;
  for (let m = 0; m < all.count; m++) {
    let has = false;
    for (let q = all.offsets[m]; q < all.offsets[m + 1]; q++) if (isHost[all.atoms[q]]) has = true;
    if (has) {
      keep.push(m);
      if (all.offsets[m + 1] - all.offsets[m] > 1) poly = true;
    }
  }
  if (!poly) {
    return {
      hostAtoms: hostIdx,
      moleculeCentres: false,
      groups: [{ label: host.join(','), kind: 'atoms', count: hostIdx.length }],
      positions: (frame) => {
        const out = new Float64Array(3 * hostIdx.length);
        for (let m = 0; m < hostIdx.length; m++) for (let k = 0; k < 3; k++) out[3 * m + k] = frame.positions[3 * hostIdx[m] + k];
        return out;
      },
    };
  }
  // Polyanions: the lattice points are the centres of the molecules that contain host atoms.
  const set = subsetMolecules(all, keep);
  return {
    hostAtoms: null,
    moleculeCentres: true,
    groups: [{ label: host.join(','), kind: 'molecules', count: set.count }],
    positions: (frame) => {
      if (!frame.cell) throw new InputError('hop analysis needs a periodic cell; the frame has none', at(where, frame.index));
      return moleculeCentres(frame.positions, frame.cell, set, topology.masses);
    },
  };
}

/**
 * The reference with each polyanion named in `host` replaced by one pseudo-atom at its centre of
 * mass (species = the formula), so a template built from it has the same host points as the
 * trajectory's 'named' host sublattice.
 */
export function referenceWithCentres(ref: ReferenceStructure, host: readonly string[]): ReferenceStructure {
  const where = { file: ref.source };
  const groups = resolveHosts(host, ref.topology, ref.positions, ref.cell, where);
  if (groups.every((g) => g.kind === 'atoms')) return ref;
  const symbols = atomSymbols(ref.topology);
  const labels = ref.labels ?? symbols;
  const drop = new Uint8Array(symbols.length);
  const outSym: string[] = [],
    outLab: string[] = [],
    pos: number[] = [],
    masses: Record<string, number> = {};
  for (const g of groups) {
    if (g.kind !== 'molecules') continue;
    for (const a of g.molecules!.atoms) drop[a] = 1;
    const com = centrePositions(g, ref.positions, ref.cell, ref.topology.masses);
    for (let m = 0; m < g.count; m++) {
      outSym.push(g.label);
      outLab.push(g.label);
      pos.push(com[3 * m], com[3 * m + 1], com[3 * m + 2]);
    }
    masses[g.label] = g.molecules!.masses[0];
  }
  for (let i = 0; i < symbols.length; i++) {
    if (drop[i]) continue;
    outSym.push(symbols[i]);
    outLab.push(labels[i]);
    pos.push(ref.positions[3 * i], ref.positions[3 * i + 1], ref.positions[3 * i + 2]);
  }
  return {
    topology: topologyFromSymbols(outSym, masses, where),
    positions: Float64Array.from(pos),
    cell: ref.cell,
    source: ref.source,
    labels: outLab,
    symmetryOperations: ref.symmetryOperations,
  };
}
