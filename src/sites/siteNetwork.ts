/**
 * A site network: the interstitial sites of a template, matched ONCE to the host atoms of a
 * reference frame and stored as lists of host-vertex indices (METHODS §3). Every frame the site
 * centres are recomputed as centroids of the instantaneous host positions (`siteCentres`), so the
 * sites follow thermal motion, strain and variable cells.
 *
 * Matching: the trajectory cell must be an n1×n2×n3 supercell of the template cell (same shape
 * within `maxShapeDeviation` in the normalised metric g_ij = a_i·a_j / V^(2/3), default
 * DEFAULT_LATTICE_SHAPE_TOLERANCE = 0.15, the one default of every lattice match in the project;
 * n_i from the host count and the cell lengths). The ideal positions are taken in the trajectory's
 * own reduced cell, so a slightly tilted or strained box (the Na3PS4 AIMD cell: 0.051) still matches. The template
 * is tiled, shifted (and inverted for non-centrosymmetric templates) so that it best overlays the
 * reference hosts, and each host atom is paired with its nearest ideal host position; the pairing
 * must be one-to-one and within `matchTolerance_A`, else the reference does not match.
 *
 * Minimum-image-consistent centroids: for each vertex we keep its reference displacement from the
 * site's first vertex (fractional, trajectory cell). Each frame the displacement is taken as the
 * periodic image closest to that reference, so a site stays whole when its hosts wrap across the
 * cell and even when the polyhedron spans more than half the cell.
 */
import type { Cell } from '../core/cell.js';
import { InputError, InputErrorLocation } from '../core/errors.js';
import type { Frame } from '../core/frame.js';
import type { Topology } from '../core/topology.js';
import { indicesOf } from '../core/topology.js';
import type { SiteKind, SiteTemplate } from './siteTemplate.js';

/** Interstitial sites bound to the host atoms of one trajectory. */
export interface SiteNetwork {
  /** Name of the template the sites come from. */
  template: string;
  /** Site type names (index = type code) and their kinds. */
  typeNames: string[];
  typeKinds: SiteKind[];
  nSites: number;
  /** Type code of each site. */
  siteType: Int32Array;
  /** Vertices of site s are vertices[vertexStart[s] .. vertexStart[s+1]) (host indices 0..nHosts−1). */
  vertexStart: Int32Array;
  vertices: Int32Array;
  /** Reference displacement of each vertex from its site's first vertex, fractional (trajectory cell), 3 per vertex. */
  vertexShift: Float64Array;
  /** Ideal site centre in template-cell units (cell index + fractional), 3 per site (for sublattices). */
  idealTemplate: Float64Array;
  /** Ideal site centre in fractional coordinates of the reference trajectory cell, 3 per site. */
  idealFrac: Float64Array;
  /** Supercell of the template that the trajectory cell is. */
  replication: [number, number, number];
  nHosts: number;
  /** Trajectory atom index of each host (null when host positions are supplied directly, e.g. anion COMs). */
  hostAtoms: Int32Array | null;
  /** Largest distance between a reference host atom and its ideal position, Å. */
  maxMatchDisplacement_A: number;
  /** Whether the template was inverted to match (enantiomorphic setting). */
  inverted: boolean;
  /** Optional offset of each site centre from its vertices' centroid, fractional (trajectory cell), 3 per site
   * (sites given as points, e.g. discovered from the density: they follow their nearest hosts). */
  centreOffsetFrac?: Float64Array;
}

/**
 * Largest normalised-metric deviation of the (reduced) trajectory cell from a template cell shape
 * accepted when matching a lattice: the one shared default (sites, jumps, hop frequency).
 */
export const DEFAULT_LATTICE_SHAPE_TOLERANCE = 0.15;

export interface BuildSiteNetworkOptions {
  /** Largest allowed host displacement from the ideal position, Å (default 0.4 × shortest ideal host–host distance). */
  matchTolerance_A?: number;
  /** Largest normalised-metric deviation of the cell shape from the template's (default DEFAULT_LATTICE_SHAPE_TOLERANCE). */
  maxShapeDeviation?: number;
  /** Where errors point (file, frame). */
  where?: InputErrorLocation;
  /** Trajectory atom indices of the hosts (stored in the network). */
  hostAtoms?: Int32Array | null;
}

type V3 = [number, number, number];
interface ProtoSite {
  type: number;
  verts: { ideal: number; q: V3 }[];
  p: V3;
}

/**
 * Tile `template` onto the host positions of a reference frame and bind every site to its host vertices.
 * @param hostPositions Cartesian host positions of the reference frame, Å (3 per host).
 * @param cell          the reference frame's cell.
 */
export function buildSiteNetwork(template: SiteTemplate, hostPositions: Float64Array, cell: Cell, opts: BuildSiteNetworkOptions = {}): SiteNetwork {
  const where = opts.where ?? {};
  const T = template.hostFrac.length;
  const M = hostPositions.length / 3;
  if (M === 0) throw new InputError(`no host atoms: the ${template.name} sites need host atoms`, where);
  if (M % T !== 0) {
    throw new InputError(
      `reference "${template.name}" does not match: it has ${T} host atoms per cell, the trajectory has ${M} host atoms (not a whole multiple)`,
      where,
    );
  }
  const nCells = M / T;

  // Replication n_i from the cell lengths, scaled so the volumes agree.
  const tm = template.cell.matrix,
    cm = cell.matrix;
  const len = (m: Float64Array, r: number) => Math.hypot(m[3 * r], m[3 * r + 1], m[3 * r + 2]);
  const s = Math.cbrt(cell.volume / (nCells * template.cell.volume));
  const n = [0, 1, 2].map((r) => Math.round(len(cm, r) / (s * len(tm, r)))) as V3;
  if (n.some((x) => x < 1) || n[0] * n[1] * n[2] !== nCells) {
    throw new InputError(
      `reference "${template.name}" does not match: the cell (${[0, 1, 2].map((r) => len(cm, r).toFixed(3)).join(' × ')} Å) is not a supercell of the template holding ${nCells} template cells (lattice mismatch)`,
      where,
    );
  }
  // Reduced cell R (rows = trajectory rows / n_i); compare its shape with the template's.
  const R = new Float64Array(9);
  for (let r = 0; r < 3; r++) for (let k = 0; k < 3; k++) R[3 * r + k] = cm[3 * r + k] / n[r];
  const metric = (m: Float64Array, vol: number) => {
    const g: number[] = [];
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) g.push((m[3 * i] * m[3 * j] + m[3 * i + 1] * m[3 * j + 1] + m[3 * i + 2] * m[3 * j + 2]) / Math.pow(vol, 2 / 3));
    return g;
  };
  const gR = metric(R, cell.volume / nCells),
    gT = metric(tm, template.cell.volume);
  const shapeErr = Math.max(...gR.map((g, i) => Math.abs(g - gT[i])));
  const maxShape = opts.maxShapeDeviation ?? DEFAULT_LATTICE_SHAPE_TOLERANCE;
  if (!(maxShape >= 0) || !Number.isFinite(maxShape))
    throw new InputError(`cell-shape tolerance must be a number ≥ 0, got ${opts.maxShapeDeviation}`, where);
  if (shapeErr > maxShape) {
    throw new InputError(
      `reference "${template.name}" does not match: the cell is a ${n.join('×')} supercell of a cell whose shape differs from the template's (normalised metric differs by ${shapeErr.toPrecision(3)} > ${maxShape}, the cell-shape tolerance maxShapeDeviation, CLI --shape-tolerance); lattice mismatch`,
      where,
    );
  }
  const dist2 = (d: ArrayLike<number>) => {
    const x = d[0] * R[0] + d[1] * R[3] + d[2] * R[6];
    const y = d[0] * R[1] + d[1] * R[4] + d[2] * R[7];
    const z = d[0] * R[2] + d[1] * R[5] + d[2] * R[8];
    return x * x + y * y + z * z;
  };
  const wrapInt = (c: number, k: number) => ((c % n[k]) + n[k]) % n[k];
  const cellIndex = (c: ArrayLike<number>) => (wrapInt(c[0], 0) * n[1] + wrapInt(c[1], 1)) * n[2] + wrapInt(c[2], 2);

  // Host positions in template units u = f·n.
  const f = cell.toFractional(hostPositions);
  const u = new Float64Array(3 * M);
  for (let m = 0; m < M; m++) for (let k = 0; k < 3; k++) u[3 * m + k] = f[3 * m + k] * n[k];

  // Nearest ideal host (basis b + integer cell) to a point given relative to the template origin
  // (allocation-free: the result object is reused; copy what you keep).
  const nn = { d2: Infinity, b: -1, c: [0, 0, 0] as V3 };
  const nearest = (p0: number, p1: number, p2: number, hosts: number[][]) => {
    let best = Infinity,
      bb = -1,
      c0 = 0,
      c1 = 0,
      c2 = 0;
    for (let b = 0; b < hosts.length; b++) {
      const h = hosts[b];
      const d0 = p0 - h[0],
        d1 = p1 - h[1],
        d2 = p2 - h[2];
      const r0 = Math.round(d0),
        r1 = Math.round(d1),
        r2 = Math.round(d2);
      for (let i = -1; i <= 1; i++)
        for (let j = -1; j <= 1; j++)
          for (let l = -1; l <= 1; l++) {
            const e0 = d0 - r0 - i,
              e1 = d1 - r1 - j,
              e2 = d2 - r2 - l;
            const x = e0 * R[0] + e1 * R[3] + e2 * R[6],
              y = e0 * R[1] + e1 * R[4] + e2 * R[7],
              z = e0 * R[2] + e1 * R[5] + e2 * R[8];
            const q = x * x + y * y + z * z;
            if (q < best) {
              best = q;
              bb = b;
              c0 = r0 + i;
              c1 = r1 + j;
              c2 = r2 + l;
            }
          }
    }
    nn.d2 = best;
    nn.b = bb;
    nn.c[0] = c0;
    nn.c[1] = c1;
    nn.c[2] = c2;
    return nn;
  };

  // Best overlay: shift (and optional inversion) that puts an anchor host on some ideal host.
  const signs = template.tryInversion ? [1, -1] : [1];
  const sample: number[] = [];
  for (let m = 0; m < M; m += Math.max(1, Math.floor(M / 48))) sample.push(m);
  let best = { cost: Infinity, sigma: 1, shift: [0, 0, 0] as V3 };
  for (const sigma of template.fixedOrigin ? [] : signs) {
    const hosts = template.hostFrac.map((h) => h.map((x) => sigma * x));
    // Anchor on three different host atoms so one badly displaced atom cannot spoil the overlay.
    for (const anchor of new Set([0, Math.floor(M / 3), Math.floor((2 * M) / 3)]))
      for (let b = 0; b < T; b++) {
        const a3 = 3 * anchor;
        const shift: V3 = [u[a3] - hosts[b][0], u[a3 + 1] - hosts[b][1], u[a3 + 2] - hosts[b][2]];
        let cost = 0;
        for (const m of sample) cost += nearest(u[3 * m] - shift[0], u[3 * m + 1] - shift[1], u[3 * m + 2] - shift[2], hosts).d2;
        if (cost < best.cost) best = { cost, sigma, shift };
      }
  }
  const sigma = best.sigma;
  const hosts = template.hostFrac.map((h) => h.map((x) => sigma * x));
  const shift = best.shift;
  // Refine the shift by the mean residual (removes the thermal displacement of host 0).
  {
    const acc = [0, 0, 0];
    for (let m = 0; m < M; m++) {
      const p = [u[3 * m] - shift[0], u[3 * m + 1] - shift[1], u[3 * m + 2] - shift[2]];
      const nn = nearest(p[0], p[1], p[2], hosts);
      for (let k = 0; k < 3; k++) acc[k] += p[k] - hosts[nn.b][k] - nn.c[k];
    }
    for (let k = 0; k < 3; k++) shift[k] += acc[k] / M;
  }

  // One-to-one pairing of host atoms with ideal hosts.
  let dminIdeal2 = Infinity;
  for (let b = 0; b < T; b++)
    for (let b2 = 0; b2 < T; b2++) {
      for (let i = -1; i <= 1; i++)
        for (let j = -1; j <= 1; j++)
          for (let l = -1; l <= 1; l++) {
            if (b === b2 && i === 0 && j === 0 && l === 0) continue;
            dminIdeal2 = Math.min(
              dminIdeal2,
              dist2([hosts[b2][0] + i - hosts[b][0], hosts[b2][1] + j - hosts[b][1], hosts[b2][2] + l - hosts[b][2]]),
            );
          }
    }
  const dminIdeal = Math.sqrt(dminIdeal2);
  const tol = opts.matchTolerance_A ?? 0.4 * dminIdeal;
  if (!(tol > 0)) throw new InputError(`match tolerance must be a positive distance in Å, got ${tol}`, where);
  const owner = new Int32Array(M).fill(-1);
  let maxDisp = 0;
  for (let m = 0; m < M; m++) {
    const nn = nearest(u[3 * m] - shift[0], u[3 * m + 1] - shift[1], u[3 * m + 2] - shift[2], hosts);
    const dist = Math.sqrt(nn.d2);
    maxDisp = Math.max(maxDisp, dist);
    if (dist > tol) {
      throw new InputError(
        `reference "${template.name}" does not match: host atom ${m} is ${dist.toFixed(2)} Å from the nearest reference host position (tolerance ${tol.toPrecision(3)} Å: matchTolerance_A, CLI --match-tolerance)`,
        where,
      );
    }
    const I = cellIndex(nn.c) * T + nn.b;
    if (owner[I] >= 0) {
      throw new InputError(
        `reference "${template.name}" does not match: host atoms ${owner[I]} and ${m} both sit on reference host position ${I}`,
        where,
      );
    }
    owner[I] = m;
  }

  // Sites: the k ideal hosts nearest to each ideal centre, in every template cell.
  const protos: ProtoSite[] = [];
  const typeNames = template.siteTypes.map((t) => t.name);
  const typeKinds = template.siteTypes.map((t) => t.kind);
  // The k nearest ideal hosts of a centre are found once in the template cell at the origin and
  // translated to every cell (a lattice translation maps nearest hosts to nearest hosts): the
  // k + 1 nearest of the T × 27 candidate images are kept by insertion into short typed arrays.
  const maxK = Math.max(1, ...template.siteTypes.map((st) => st.nVertices));
  const bestD = new Float64Array(maxK + 1),
    bestB = new Int32Array(maxK + 1),
    bestC = new Int32Array(3 * (maxK + 1));
  const R0 = R[0],
    R1 = R[1],
    R2 = R[2],
    R3 = R[3],
    R4 = R[4],
    R5 = R[5],
    R6 = R[6],
    R7 = R[7],
    R8 = R[8];
  template.siteTypes.forEach((st, t) => {
    const k = st.nVertices;
    for (const c0 of st.centresFrac) {
      const c = c0.map((x) => sigma * x);
      let filled = 0;
      for (let b = 0; b < T; b++) {
        const h = hosts[b];
        const d0 = c[0] - h[0],
          d1 = c[1] - h[1],
          d2 = c[2] - h[2];
        const r0 = Math.round(d0),
          r1 = Math.round(d1),
          r2 = Math.round(d2);
        for (let a = -1; a <= 1; a++)
          for (let e = -1; e <= 1; e++)
            for (let g = -1; g <= 1; g++) {
              const e0 = d0 - r0 - a,
                e1 = d1 - r1 - e,
                e2 = d2 - r2 - g;
              const x = e0 * R0 + e1 * R3 + e2 * R6,
                y = e0 * R1 + e1 * R4 + e2 * R7,
                z = e0 * R2 + e1 * R5 + e2 * R8;
              const q = x * x + y * y + z * z;
              if (filled === k + 1 && q >= bestD[k]) continue;
              // insert after every candidate at the same or a smaller distance (stable order)
              let pos = filled === k + 1 ? k : filled++;
              while (pos > 0 && bestD[pos - 1] > q) {
                bestD[pos] = bestD[pos - 1];
                bestB[pos] = bestB[pos - 1];
                bestC[3 * pos] = bestC[3 * pos - 3];
                bestC[3 * pos + 1] = bestC[3 * pos - 2];
                bestC[3 * pos + 2] = bestC[3 * pos - 1];
                pos--;
              }
              bestD[pos] = q;
              bestB[pos] = b;
              bestC[3 * pos] = r0 + a;
              bestC[3 * pos + 1] = r1 + e;
              bestC[3 * pos + 2] = r2 + g;
            }
      }
      if (filled > k && bestD[k] - bestD[k - 1] < 1e-6 * bestD[k]) {
        throw new InputError(
          `site type "${st.name}" of "${template.name}": the ${k} nearest hosts of the centre (${c0.join(', ')}) are not unique (a tie at ${Math.sqrt(bestD[k]).toFixed(3)} Å)`,
          where,
        );
      }
      const vb = Array.from(bestB.subarray(0, k)),
        vc = Array.from(bestC.subarray(0, 3 * k));
      for (let i = 0; i < n[0]; i++)
        for (let j = 0; j < n[1]; j++)
          for (let l = 0; l < n[2]; l++) {
            const p: V3 = [c[0] + i, c[1] + j, c[2] + l];
            const verts = vb.map((b, v) => {
              const cc = [vc[3 * v] + i, vc[3 * v + 1] + j, vc[3 * v + 2] + l];
              return { ideal: cellIndex(cc) * T + b, q: [hosts[b][0] + cc[0], hosts[b][1] + cc[1], hosts[b][2] + cc[2]] as V3 };
            });
            protos.push({ type: t, p, verts });
          }
    }
  });
  if (template.derive?.trigonal) deriveTrigonal(protos, typeNames, typeKinds, n, dist2);
  if (template.derive?.linear) deriveLinear(protos, typeNames, typeKinds, n, hosts, dist2, dminIdeal2, cellIndex);

  // Pack.
  const nSites = protos.length;
  const siteType = new Int32Array(nSites);
  const vertexStart = new Int32Array(nSites + 1);
  for (let s2 = 0; s2 < nSites; s2++) vertexStart[s2 + 1] = vertexStart[s2] + protos[s2].verts.length;
  const vertices = new Int32Array(vertexStart[nSites]);
  const vertexShift = new Float64Array(3 * vertexStart[nSites]);
  const idealTemplate = new Float64Array(3 * nSites),
    idealFrac = new Float64Array(3 * nSites);
  protos.forEach((ps, s2) => {
    siteType[s2] = ps.type;
    const q0 = ps.verts[0].q;
    ps.verts.forEach((v, k) => {
      const o = vertexStart[s2] + k;
      vertices[o] = owner[v.ideal];
      for (let a = 0; a < 3; a++) vertexShift[3 * o + a] = (v.q[a] - q0[a]) / n[a];
    });
    for (let a = 0; a < 3; a++) {
      idealTemplate[3 * s2 + a] = ps.p[a];
      idealFrac[3 * s2 + a] = (ps.p[a] + shift[a]) / n[a];
    }
  });
  return {
    template: template.name,
    typeNames,
    typeKinds,
    nSites,
    siteType,
    vertexStart,
    vertices,
    vertexShift,
    idealTemplate,
    idealFrac,
    replication: n,
    nHosts: M,
    hostAtoms: opts.hostAtoms ?? null,
    maxMatchDisplacement_A: maxDisp,
    inverted: sigma < 0,
  };
}

function keyOf(p: ArrayLike<number>, n: V3): string {
  const out: number[] = [];
  for (let k = 0; k < 3; k++) {
    let w = p[k] - n[k] * Math.floor(p[k] / n[k]);
    if (w > n[k] - 1e-6) w = 0;
    out.push(Math.round(w * 1e5));
  }
  return out.join(',');
}

/** Trigonal sites: unique triangular faces of the tetrahedral and octahedral sites. */
function deriveTrigonal(protos: ProtoSite[], names: string[], kinds: SiteKind[], n: V3, dist2: (d: ArrayLike<number>) => number) {
  const t = names.length;
  names.push('trigonal');
  kinds.push('trigonal');
  const seen = new Set<string>();
  const parents = protos.filter((p) => kinds[p.type] === 'tetrahedral' || kinds[p.type] === 'octahedral');
  for (const ps of parents) {
    const vs = ps.verts;
    const faces: number[][] = [];
    if (vs.length === 4) faces.push([0, 1, 2], [0, 1, 3], [0, 2, 3], [1, 2, 3]);
    else {
      // Octahedron: faces are the triples containing no opposite (farthest) pair.
      const opp = vs.map((a, i) => {
        let far = -1,
          fd = -1;
        vs.forEach((b, j) => {
          if (j !== i) {
            const d = dist2([b.q[0] - a.q[0], b.q[1] - a.q[1], b.q[2] - a.q[2]]);
            if (d > fd) {
              fd = d;
              far = j;
            }
          }
        });
        return far;
      });
      for (let a = 0; a < 6; a++)
        for (let b = a + 1; b < 6; b++)
          for (let c = b + 1; c < 6; c++) {
            if (opp[a] !== b && opp[a] !== c && opp[b] !== c) faces.push([a, b, c]);
          }
    }
    for (const fc of faces) {
      const verts = fc.map((i) => vs[i]);
      const p: V3 = [0, 1, 2].map((k) => (verts[0].q[k] + verts[1].q[k] + verts[2].q[k]) / 3) as V3;
      const key = keyOf(p, n);
      if (seen.has(key)) continue;
      seen.add(key);
      protos.push({ type: t, p, verts });
    }
  }
}

/** Linear sites: midpoints of nearest-neighbour host–host edges (within 10 % of the shortest). */
function deriveLinear(
  protos: ProtoSite[],
  names: string[],
  kinds: SiteKind[],
  n: V3,
  hosts: number[][],
  dist2: (d: ArrayLike<number>) => number,
  dmin2: number,
  cellIndex: (c: ArrayLike<number>) => number,
) {
  const t = names.length;
  names.push('linear');
  kinds.push('linear');
  const T = hosts.length;
  // Nearest-neighbour edges from each basis host, found once (translation invariant).
  const edges: { b: number; b2: number; o: V3 }[] = [];
  for (let b = 0; b < T; b++)
    for (let b2 = 0; b2 < T; b2++)
      for (let a = -1; a <= 1; a++)
        for (let e = -1; e <= 1; e++)
          for (let g = -1; g <= 1; g++) {
            const d2 = dist2([hosts[b2][0] + a - hosts[b][0], hosts[b2][1] + e - hosts[b][1], hosts[b2][2] + g - hosts[b][2]]);
            if (d2 >= 1e-12 && d2 <= 1.21 * dmin2) edges.push({ b, b2, o: [a, e, g] });
          }
  const seen = new Set<string>();
  for (let i = 0; i < n[0]; i++)
    for (let j = 0; j < n[1]; j++)
      for (let l = 0; l < n[2]; l++) {
        for (const { b, b2, o } of edges) {
          const qa: V3 = [hosts[b][0] + i, hosts[b][1] + j, hosts[b][2] + l];
          const cc: V3 = [i + o[0], j + o[1], l + o[2]];
          const qb: V3 = [hosts[b2][0] + cc[0], hosts[b2][1] + cc[1], hosts[b2][2] + cc[2]];
          const p: V3 = [(qa[0] + qb[0]) / 2, (qa[1] + qb[1]) / 2, (qa[2] + qb[2]) / 2];
          const key = keyOf(p, n);
          if (seen.has(key)) continue;
          seen.add(key);
          protos.push({
            type: t,
            p,
            verts: [
              { ideal: cellIndex([i, j, l]) * T + b, q: qa },
              { ideal: cellIndex(cc) * T + b2, q: qb },
            ],
          });
        }
      }
}

/** Cartesian host positions of a frame: the network's host atoms (or throw if it has none). */
export function networkHostPositions(net: SiteNetwork, positions: Float64Array, out: Float64Array = new Float64Array(3 * net.nHosts)): Float64Array {
  if (!net.hostAtoms) throw new InputError('this site network was built from host positions (e.g. anion COMs); supply them each frame');
  const h = net.hostAtoms;
  for (let m = 0; m < h.length; m++) {
    out[3 * m] = positions[3 * h[m]];
    out[3 * m + 1] = positions[3 * h[m] + 1];
    out[3 * m + 2] = positions[3 * h[m] + 2];
  }
  return out;
}

/**
 * Site centres (Cartesian, Å, 3 per site, wrapped into the cell) from the instantaneous host
 * positions: the centroid of each site's vertices, each vertex taken at the periodic image closest
 * to its reference displacement from the site's first vertex.
 */
export function siteCentres(
  net: SiteNetwork,
  hostPositions: Float64Array,
  cell: Cell,
  out: Float64Array = new Float64Array(3 * net.nSites),
): Float64Array {
  const hf = cell.toFractional(hostPositions);
  const { vertexStart: vs, vertices: vx, vertexShift: sh, centreOffsetFrac: off } = net;
  for (let s = 0; s < net.nSites; s++) {
    const a = vs[s],
      b = vs[s + 1],
      v0 = vx[a];
    const f0 = hf[3 * v0],
      f1 = hf[3 * v0 + 1],
      f2 = hf[3 * v0 + 2];
    let s0 = 0,
      s1 = 0,
      s2 = 0;
    for (let o = a + 1; o < b; o++) {
      const v = vx[o];
      const d0 = hf[3 * v] - f0,
        d1 = hf[3 * v + 1] - f1,
        d2 = hf[3 * v + 2] - f2;
      s0 += d0 + Math.round(sh[3 * o] - d0);
      s1 += d1 + Math.round(sh[3 * o + 1] - d1);
      s2 += d2 + Math.round(sh[3 * o + 2] - d2);
    }
    const k = b - a;
    let c0 = f0 + s0 / k,
      c1 = f1 + s1 / k,
      c2 = f2 + s2 / k;
    if (off) {
      c0 += off[3 * s];
      c1 += off[3 * s + 1];
      c2 += off[3 * s + 2];
    }
    c0 -= Math.floor(c0);
    c1 -= Math.floor(c1);
    c2 -= Math.floor(c2);
    out[3 * s] = c0;
    out[3 * s + 1] = c1;
    out[3 * s + 2] = c2;
  }
  return cell.toCartesian(out, out);
}

/** Number of sites of each type (N_i), by type name. */
export function siteCounts(net: SiteNetwork): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const t of net.typeNames) counts[t] = 0;
  for (let s = 0; s < net.nSites; s++) counts[net.typeNames[net.siteType[s]]]++;
  return counts;
}

/** Options naming the host atoms of a network built from a frame. */
export interface HostSelection {
  /** Host species (e.g. ["S", "Cl"]); all their atoms are hosts. */
  host: string | string[];
}

/**
 * Build a network on a frame of a trajectory (the reference frame): hosts = the atoms of the
 * host species. Throws an InputError if there are no such atoms or the template does not match.
 */
export function buildSiteNetworkFromFrame(
  template: SiteTemplate,
  frame: Frame,
  topology: Topology,
  sel: HostSelection,
  opts: Omit<BuildSiteNetworkOptions, 'hostAtoms'> = {},
): SiteNetwork {
  const where = { ...(opts.where ?? {}), frame: frame.index };
  if (!frame.cell) throw new InputError('sites need a periodic cell; the frame has none', where);
  const hostAtoms = indicesOf(topology, sel.host, where);
  if (hostAtoms.length === 0) throw new InputError(`no host atoms of species ${([] as string[]).concat(sel.host).join(', ')}`, where);
  const pos = new Float64Array(3 * hostAtoms.length);
  for (let m = 0; m < hostAtoms.length; m++) for (let k = 0; k < 3; k++) pos[3 * m + k] = frame.positions[3 * hostAtoms[m] + k];
  return buildSiteNetwork(template, pos, frame.cell, { ...opts, where, hostAtoms });
}

/** A network, or how to build one on the first frame an analysis sees (the reference frame). */
export type SiteNetworkSource =
  SiteNetwork | { template: SiteTemplate; host: string | string[]; matchTolerance_A?: number; maxShapeDeviation?: number };

/** Resolve a network source on a frame (builds it there if it is a recipe). */
export function resolveSiteNetwork(src: SiteNetworkSource, frame: Frame, topology: Topology, file?: string): SiteNetwork {
  if ('nSites' in src) return src;
  return buildSiteNetworkFromFrame(
    src.template,
    frame,
    topology,
    { host: src.host },
    { matchTolerance_A: src.matchTolerance_A, maxShapeDeviation: src.maxShapeDeviation, where: { file } },
  );
}
