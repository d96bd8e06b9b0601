/**
 * Tetrahedral interstices of a host framework: the empty-circumsphere (Delaunay) tetrahedra of the
 * host positions of a reference structure, grouped into site types (METHODS §3).
 *
 * A tetrahedron of four hosts is an interstitial site when no other host lies inside its
 * circumsphere; these tetrahedra tile space (a Delaunay tessellation), which we CHECK: the volumes
 * of the distinct tetrahedra (one per lattice translation) must add up to the cell volume to 1e-6.
 * A sum above the cell volume means cospherical hosts (e.g. the octahedra of an ideal fcc lattice,
 * whose split into tetrahedra is arbitrary) and is refused; a sum below means the search radius
 * was too small, and it is widened. For tetrahedrally close-packed frameworks the tessellation is
 * the classic site list: the Li6PS5X argyrodite anion framework (MgCu2-like, 24 anions per F-43m
 * cell) gives the 136 tetrahedra = 4 + 16 + 48 + 4 + 16 + 48 of Morgan 2021's six types.
 *
 * Types: tetrahedra are grouped into orbits of the reference's symmetry operations (e.g. from a
 * CIF) when given, else by geometry (same vertex labels, sorted edge lengths within 0.02 Å). A type
 * is named after the reference atoms that sit inside its tetrahedra (e.g. "Li1", "P1": the PS4
 * centre), else after its vertex labels and its number of sites per reference cell
 * ("Cl1-S1-S1-S2 ×48"). Each site's centre in the template is its circumcentre, whose four nearest
 * hosts are exactly its vertices (empty sphere), so the network build recovers the same tetrahedra.
 */
import type { Cell } from '../core/cell.js';
import { InputError, InputErrorLocation } from '../core/errors.js';
import { neighborPairs } from '../geometry/neighborList.js';

/**
 * Hosts within this relative margin of R² of an empty sphere count as ON it (0.1 % of R², 0.05 % of
 * R: ~0.001 Å for R ≈ 2 Å, the rounding of 4-decimal coordinates); more than four such hosts make
 * the tetrahedral split ambiguous and are refused rather than split arbitrarily.
 */
const NEAR_SPHERE = 1e-3;

/** A fractional-coordinate symmetry operation x' = R·x + t (R row-major). */
export interface FractionalOperation {
  rotation: ArrayLike<number>;
  translation: ArrayLike<number>;
}

/** One tetrahedron: host indices and the lattice cell of each vertex (relative to the first). */
export interface HostTetrahedron {
  hosts: [number, number, number, number];
  /** Integer lattice shift of each vertex, 3 per vertex (first vertex at 0,0,0). */
  shifts: Int32Array;
  /** Circumcentre, fractional, wrapped into [0, 1). */
  circumcentreFrac: [number, number, number];
  /** Circumradius, Å. */
  radius_A: number;
  /** Volume, Å³. */
  volume_A3: number;
}

/**
 * Empty-circumsphere tetrahedra of periodic points (hosts), one per lattice translation.
 * @param hostFrac fractional host positions (3 per host).
 */
export function delaunayTetrahedra(hostFrac: ArrayLike<number>, cell: Cell, where: InputErrorLocation = {}): HostTetrahedron[] {
  const N = hostFrac.length / 3;
  if (N === 0) throw new InputError('no host positions to tessellate', where);
  const frac = new Float64Array(3 * N);
  for (let k = 0; k < 3 * N; k++) frac[k] = hostFrac[k] - Math.floor(hostFrac[k]);
  const pos = cell.toCartesian(frac);
  const V = cell.volume;
  // Shortest host–host distance (including periodic images of the same host).
  let probe = 2 * Math.cbrt(V / N),
    dmin = Infinity;
  for (let tries = 0; tries < 8 && !Number.isFinite(dmin); tries++, probe *= 2) {
    const p = neighborPairs(pos, cell, probe);
    for (let q = 0; q < p.count; q++) if (p.r[q] > 1e-8) dmin = Math.min(dmin, p.r[q]);
  }
  if (!Number.isFinite(dmin)) throw new InputError('could not find neighbouring hosts to tessellate', where);
  for (let q = 0; q < N; q++)
    for (let r = q + 1; r < N; r++) {
      const d = cell.distance(pos, q, pos, r);
      if (d < 1e-3) throw new InputError(`hosts ${q} and ${r} coincide; cannot tessellate`, where);
    }

  let rc = 1.5 * dmin;
  for (let attempt = 0; attempt < 6; attempt++, rc *= 1.3) {
    const tets = tetrahedraWithin(pos, cell, rc, where);
    const sum = tets.reduce((s, t) => s + t.volume_A3, 0);
    if (Math.abs(sum - V) <= 1e-6 * V) return tets;
    if (sum > V) {
      throw new InputError(
        `the host positions have cospherical subsets (e.g. the octahedra of an ideal fcc lattice), so their split into tetrahedra is not unique (tetrahedra fill ${(sum / V).toFixed(3)} cell volumes); mark the sites explicitly (site species) or use an ideal lattice`,
        where,
      );
    }
  }
  throw new InputError(
    `empty-sphere tetrahedra of the hosts do not fill the cell within a search radius of ${rc.toFixed(2)} Å (the framework has very large voids); mark the sites explicitly`,
    where,
  );
}

/** All empty-sphere tetrahedra with a vertex from which the other three lie within rc. */
function tetrahedraWithin(pos: Float64Array, cell: Cell, rc: number, where: InputErrorLocation): HostTetrahedron[] {
  const N = pos.length / 3;
  const near = neighborPairs(pos, cell, rc, { centers: Int32Array.from({ length: N }, (_, k) => k) });
  const far = neighborPairs(pos, cell, 2 * rc, { centers: Int32Array.from({ length: N }, (_, k) => k) });
  const group = (p: typeof near) => {
    const start = new Int32Array(N + 1);
    for (let q = 0; q < p.count; q++) start[p.i[q] + 1]++;
    for (let k = 0; k < N; k++) start[k + 1] += start[k];
    const order = new Int32Array(p.count),
      fill = start.slice(0, N);
    for (let q = 0; q < p.count; q++) order[fill[p.i[q]]++] = q;
    return { start, order };
  };
  const gn = group(near),
    gf = group(far);
  const seen = new Set<string>();
  const out: HostTetrahedron[] = [];
  const inv = cell.inverse;
  for (let i = 0; i < N; i++) {
    const L = Array.from(gn.order.subarray(gn.start[i], gn.start[i + 1]));
    const F = Array.from(gf.order.subarray(gf.start[i], gf.start[i + 1]));
    for (let a = 0; a < L.length; a++)
      for (let b = a + 1; b < L.length; b++)
        for (let c = b + 1; c < L.length; c++) {
          const qa = L[a],
            qb = L[b],
            qc = L[c];
          const A = [near.d[3 * qa], near.d[3 * qa + 1], near.d[3 * qa + 2]];
          const B = [near.d[3 * qb], near.d[3 * qb + 1], near.d[3 * qb + 2]];
          const C = [near.d[3 * qc], near.d[3 * qc + 1], near.d[3 * qc + 2]];
          const det = A[0] * (B[1] * C[2] - B[2] * C[1]) - A[1] * (B[0] * C[2] - B[2] * C[0]) + A[2] * (B[0] * C[1] - B[1] * C[0]);
          const vol = Math.abs(det) / 6;
          if (vol < 1e-6 * rc * rc * rc) continue; // flat
          // Circumcentre x (relative to host i): 2 A·x = |A|², 2 B·x = |B|², 2 C·x = |C|² (Cramer).
          const ra = (A[0] ** 2 + A[1] ** 2 + A[2] ** 2) / 2,
            rb = (B[0] ** 2 + B[1] ** 2 + B[2] ** 2) / 2,
            rcc = (C[0] ** 2 + C[1] ** 2 + C[2] ** 2) / 2;
          const x = [
            (ra * (B[1] * C[2] - B[2] * C[1]) - A[1] * (rb * C[2] - B[2] * rcc) + A[2] * (rb * C[1] - B[1] * rcc)) / det,
            (A[0] * (rb * C[2] - B[2] * rcc) - ra * (B[0] * C[2] - B[2] * C[0]) + A[2] * (B[0] * rcc - rb * C[0])) / det,
            (A[0] * (B[1] * rcc - rb * C[1]) - A[1] * (B[0] * rcc - rb * C[0]) + ra * (B[0] * C[1] - B[1] * C[0])) / det,
          ];
          const R2 = x[0] * x[0] + x[1] * x[1] + x[2] * x[2];
          if (R2 > rc * rc) continue; // a sphere this large cannot be checked with the 2·rc list
          let empty = true,
            onSphere = 1; // host i itself is on the sphere
          for (const q of F) {
            const dx = far.d[3 * q] - x[0],
              dy = far.d[3 * q + 1] - x[1],
              dz = far.d[3 * q + 2] - x[2];
            const r2 = dx * dx + dy * dy + dz * dz;
            if (r2 < R2 * (1 - 1e-9)) {
              empty = false;
              break;
            }
            if (r2 < R2 * (1 + NEAR_SPHERE)) onSphere++;
          }
          if (!empty) continue;
          if (onSphere > 4) {
            const c = [0, 1, 2].map((e) => {
              const f = (pos[3 * i] + x[0]) * inv[e] + (pos[3 * i + 1] + x[1]) * inv[3 + e] + (pos[3 * i + 2] + x[2]) * inv[6 + e];
              return f - Math.floor(f);
            });
            throw new InputError(
              `${onSphere} hosts lie on one empty sphere (radius ${Math.sqrt(R2).toFixed(3)} Å, centre (${c.map((v) => v.toFixed(4)).join(', ')}) fractional; within ${NEAR_SPHERE * 50} % of its radius): the split of that polyhedron into tetrahedra is not unique (e.g. the octahedra of an fcc or hcp lattice); mark the sites explicitly (site species) or use an ideal lattice`,
              where,
            );
          }
          // Canonical form: vertices (host, cell) translated so that one vertex is in cell 0, minimal key.
          const verts = [[i, 0, 0, 0], ...[qa, qb, qc].map((q) => [near.j[q], near.shift[3 * q], near.shift[3 * q + 1], near.shift[3 * q + 2]])];
          let key = '',
            anchor = 0;
          for (let v = 0; v < 4; v++) {
            const k = verts
              .map((w) => [w[0], w[1] - verts[v][1], w[2] - verts[v][2], w[3] - verts[v][3]].join(':'))
              .sort()
              .join('|');
            if (key === '' || k < key) {
              key = k;
              anchor = v;
            }
          }
          if (seen.has(key)) continue;
          seen.add(key);
          const order = [anchor, ...[0, 1, 2, 3].filter((v) => v !== anchor)];
          const shifts = new Int32Array(12);
          order.forEach((v, k) => {
            for (let e = 0; e < 3; e++) shifts[3 * k + e] = verts[v][e + 1] - verts[anchor][e + 1];
          });
          const xc = [pos[3 * i] + x[0], pos[3 * i + 1] + x[1], pos[3 * i + 2] + x[2]];
          const cf = [0, 1, 2].map((e) => {
            const f = xc[0] * inv[e] + xc[1] * inv[3 + e] + xc[2] * inv[6 + e];
            const w = f - Math.floor(f);
            return w >= 1 ? 0 : w;
          });
          out.push({
            hosts: order.map((v) => verts[v][0]) as [number, number, number, number],
            shifts,
            circumcentreFrac: cf as [number, number, number],
            radius_A: Math.sqrt(R2),
            volume_A3: vol,
          });
        }
  }
  return out;
}

/** Options for grouping tetrahedra into site types. */
export interface TetrahedralTypeOptions {
  /** Label of each host (e.g. CIF atom-site labels "S1", "Cl1"); default: "host". */
  hostLabels?: string[];
  /** Symmetry operations of the reference (fractional): tetrahedra in one orbit are one type. */
  symmetryOperations?: FractionalOperation[];
  /** Non-host reference atoms (e.g. Li, P): a type is named after the atoms inside its tetrahedra. */
  markers?: { label: string; frac: ArrayLike<number> }[];
  /** Orbit matching tolerance for circumcentres, Å (default 0.05). */
  tolerance_A?: number;
  where?: InputErrorLocation;
}

/** A site type of tetrahedral interstices. */
export interface TetrahedralSiteType {
  name: string;
  tetrahedra: HostTetrahedron[];
}

/** Group tetrahedra into site types (symmetry orbits, or geometry) and name them (see the header). */
export function tetrahedralSiteTypes(
  tets: HostTetrahedron[],
  hostFrac: ArrayLike<number>,
  cell: Cell,
  opts: TetrahedralTypeOptions = {},
): TetrahedralSiteType[] {
  const where = opts.where ?? {};
  const tol = opts.tolerance_A ?? 0.05;
  const n = tets.length;
  const parent = Int32Array.from({ length: n }, (_, k) => k);
  const find = (k: number): number => {
    while (parent[k] !== k) {
      parent[k] = parent[parent[k]];
      k = parent[k];
    }
    return k;
  };
  const unite = (a: number, b: number) => {
    const ra = find(a),
      rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const m = cell.matrix,
    tmp = [0, 0, 0];
  const fracDist2 = (d0: number, d1: number, d2: number) => {
    d0 -= Math.round(d0);
    d1 -= Math.round(d1);
    d2 -= Math.round(d2);
    return cell.minimumImage(d0 * m[0] + d1 * m[3] + d2 * m[6], d0 * m[1] + d1 * m[4] + d2 * m[7], d0 * m[2] + d1 * m[5] + d2 * m[8], tmp);
  };
  const labelOf = (h: number) => opts.hostLabels?.[h] ?? 'host';
  const vertexCart = (t: HostTetrahedron) =>
    [0, 1, 2, 3].map((v) => {
      const h = t.hosts[v];
      const f = [0, 1, 2].map((e) => hostFrac[3 * h + e] - Math.floor(hostFrac[3 * h + e]) + t.shifts[3 * v + e]);
      return [0, 1, 2].map((e) => f[0] * m[e] + f[1] * m[3 + e] + f[2] * m[6 + e]);
    });
  if (opts.symmetryOperations && opts.symmetryOperations.length > 0) {
    const tol2 = tol * tol;
    // A point within tol Å differs by at most tol / w_e in fractional coordinate e (w_e: perpendicular width).
    const fw = cell.perpendicularWidths().map((w) => tol / w);
    for (const op of opts.symmetryOperations) {
      const R = op.rotation,
        t = op.translation;
      for (let a = 0; a < n; a++) {
        const p = tets[a].circumcentreFrac;
        const q = [0, 1, 2].map((r) => R[3 * r] * p[0] + R[3 * r + 1] * p[1] + R[3 * r + 2] * p[2] + t[r]);
        let hit = -1;
        for (let b = 0; b < n && hit < 0; b++) {
          const c = tets[b].circumcentreFrac;
          const d0 = q[0] - c[0],
            d1 = q[1] - c[1],
            d2 = q[2] - c[2];
          if (Math.abs(d0 - Math.round(d0)) > fw[0] || Math.abs(d1 - Math.round(d1)) > fw[1] || Math.abs(d2 - Math.round(d2)) > fw[2]) continue;
          if (fracDist2(q[0] - c[0], q[1] - c[1], q[2] - c[2]) <= tol2) hit = b;
        }
        if (hit < 0) {
          throw new InputError(
            `the host framework is not invariant under the symmetry operation of the reference: the image of the tetrahedron with circumcentre (${p.map((v) => v.toFixed(4)).join(', ')}) is no tetrahedron (tolerance ${tol} Å)`,
            where,
          );
        }
        unite(a, hit);
      }
    }
  } else {
    const sig = tets.map((t) => {
      const v = vertexCart(t);
      const edges: number[] = [];
      for (let a = 0; a < 4; a++) for (let b = a + 1; b < 4; b++) edges.push(Math.hypot(v[a][0] - v[b][0], v[a][1] - v[b][1], v[a][2] - v[b][2]));
      return { labels: t.hosts.map(labelOf).sort().join(','), edges: edges.sort((x, y) => x - y) };
    });
    for (let a = 0; a < n; a++)
      for (let b = 0; b < a; b++) {
        if (find(b) !== b) continue;
        if (sig[a].labels === sig[b].labels && sig[a].edges.every((e, k) => Math.abs(e - sig[b].edges[k]) <= 0.02)) {
          unite(a, b);
          break;
        }
      }
  }
  const groups = new Map<number, HostTetrahedron[]>();
  for (let a = 0; a < n; a++) {
    const r = find(a);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r)!.push(tets[a]);
  }
  // Names: the marker atoms inside, else the vertex labels and the count.
  const inside = (t: HostTetrahedron, frac: ArrayLike<number>): boolean => {
    const v = vertexCart(t);
    // Bring the marker to the image nearest the tetrahedron's first vertex.
    const f0 = [0, 1, 2].map((e) => hostFrac[3 * t.hosts[0] + e] - Math.floor(hostFrac[3 * t.hosts[0] + e]));
    const d = [0, 1, 2].map((e) => {
      const x = frac[e] - f0[e];
      return x - Math.round(x);
    });
    const p = [0, 1, 2].map((e) => v[0][e] + d[0] * m[e] + d[1] * m[3 + e] + d[2] * m[6 + e]);
    const e1 = v[1].map((x, k) => x - v[0][k]),
      e2 = v[2].map((x, k) => x - v[0][k]),
      e3 = v[3].map((x, k) => x - v[0][k]),
      r = p.map((x, k) => x - v[0][k]);
    const det3 = (a: number[], b: number[], c: number[]) =>
      a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) + a[2] * (b[0] * c[1] - b[1] * c[0]);
    const D = det3(e1, e2, e3);
    const l1 = det3(r, e2, e3) / D,
      l2 = det3(e1, r, e3) / D,
      l3 = det3(e1, e2, r) / D;
    const eps = 1e-3;
    return l1 >= -eps && l2 >= -eps && l3 >= -eps && l1 + l2 + l3 <= 1 + eps;
  };
  const types: TetrahedralSiteType[] = [...groups.values()].map((g) => {
    const found = new Set<string>();
    for (const mk of opts.markers ?? []) if (g.some((t) => inside(t, mk.frac))) found.add(mk.label);
    const name = found.size > 0 ? [...found].sort().join('+') : `${g[0].hosts.map(labelOf).sort().join('-')} ×${g.length}`;
    return { name, tetrahedra: g };
  });
  const used = new Map<string, number>();
  for (const t of types) {
    const k = (used.get(t.name) ?? 0) + 1;
    used.set(t.name, k);
    if (k > 1) t.name = `${t.name} #${k}`;
  }
  return types;
}
