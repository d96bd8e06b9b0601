/**
 * Histogram of periodic pair distances between two point sets (the counting kernel of the RDF).
 *
 * Two exact paths, chosen per frame by pair count and the cell list's estimated cost (per-operation
 * costs measured on this kernel, `bench/structure/kernel-crossover.mjs`):
 * - direct double loop with fractional rounding (only when r_max ≤ w_min/2, w = perpendicular cell
 *   widths): at most one image of each pair then lies within r_max, and since its fractional
 *   components obey |f_k| = |d·n̂_k| / w_k ≤ r_max / w_k ≤ ½, rounding the fractional displacement
 *   finds it, in any triclinic cell. Cost ∝ N_a·N_b: used only up to 3,000 pairs.
 * - a cell list (Allen & Tildesley §5.3) over bins of width ≥ r_max / K (K = 1 or 2, the cheaper by
 *   the same estimate), visiting only the bin offsets whose closest approach is below r_max
 *   (src/geometry/binStencil.ts, exact for any r_max, several images of one atom included). Both
 *   groups are sorted by bin, so each stencil row (o₀, o₁, o₂ ∈ [lo, hi]) is one or a few contiguous
 *   runs of neighbours with one image shift each: the inner loop is a load, three adds and a compare
 *   per candidate. Cost ∝ N_a · ρ_b · (stencil volume): linear in atoms at constant density.
 * No pair list is built; scratch buffers are reused between frames.
 * A–A (same) histograms count each unordered pair (and image) once with weight 2, as i→j and j→i.
 */
import type { Cell } from '../core/cell.js';
import { binGrid, binStencil, BinStencil } from '../geometry/binStencil.js';

/** Forces a path (tests and the crossover benchmark); the default picks the cheapest. */
export interface PairHistogramOptions {
  method?: 'direct' | 'cells';
  /** Bins per r_max for the cell list (default: the cheaper of 1 and 2 by the cost estimate). */
  binsPerCutoff?: number;
}

// Measured on this kernel (bench/structure/kernel-crossover.mjs, Li6PS5Cl ×1…×64 and random
// cubes of 10–320 atoms, node 22, one core): the direct loop wins only below ≈ 3,000 pairs (it
// mispredicts its distance test once a good fraction of the cell lies within r_max); the cell list
// costs ≈ 3 ns per candidate and ≈ 33 ns per contiguous run (segment) per centre, which picks K.
const DIRECT_MAX_PAIRS = 3000,
  C_CANDIDATE = 3,
  C_SEGMENT = 33;

/**
 * Add the counts of pair distances r < r_max to `hist` (bins of width r_max / hist.length).
 * With `same`, `pb` is ignored and each unordered pair i ≠ j of `pa` counts twice (i→j and j→i),
 * as a full neighbour list would. Returns the number of pairs counted.
 */
export function accumulatePairHistogram(
  pa: Float64Array,
  pb: Float64Array | null,
  cell: Cell,
  rmax: number,
  hist: Float64Array,
  same: boolean,
  opts: PairHistogramOptions = {},
): number {
  const b = same ? pa : pb!;
  const nA = pa.length / 3,
    nB = b.length / 3;
  if (nA === 0 || nB === 0) return 0;
  const wmin = Math.min(...cell.perpendicularWidths());
  const directOk = 2 * rmax <= wmin;
  if (opts.method === 'direct') {
    if (!directOk) throw new Error('direct pair histogram needs r_max ≤ half the smallest cell width');
    return directHistogram(pa, b, cell, rmax, hist, same);
  }
  const half = same ? 0.5 : 1;
  if (opts.method !== 'cells' && directOk && nA * nB * half <= DIRECT_MAX_PAIRS) return directHistogram(pa, b, cell, rmax, hist, same);
  let best: { cost: number; stencil: BinStencil | null } = { cost: Infinity, stencil: null };
  const Ks = opts.binsPerCutoff ? [opts.binsPerCutoff] : [1, 2]; // finer bins (3, 4) never won: more runs per centre
  for (const K of Ks) {
    const n = binGrid(cell, rmax, K, Math.max(1, 2 * nB));
    const st = cachedStencil(cell, n, rmax);
    const nBins = n[0] * n[1] * n[2];
    let segments = 0;
    for (let r = 0; r < st.nRows; r++) segments += Math.ceil((st.rows[4 * r + 3] - st.rows[4 * r + 2] + 1) / n[2]) + 0.5;
    const cost = C_CANDIDATE * nB * half * (st.nOffsets / nBins) + C_SEGMENT * segments * half;
    if (cost < best.cost) best = { cost, stencil: st };
  }
  return cellListHistogram(pa, b, cell, rmax, hist, same, best.stencil!);
}

function directHistogram(pa: Float64Array, pb: Float64Array, cell: Cell, rmax: number, hist: Float64Array, same: boolean): number {
  const fa = cell.toFractional(pa),
    fb = same ? fa : cell.toFractional(pb);
  const m = cell.matrix;
  const m0 = m[0],
    m1 = m[1],
    m2 = m[2],
    m3 = m[3],
    m4 = m[4],
    m5 = m[5],
    m6 = m[6],
    m7 = m[7],
    m8 = m[8];
  const rc2 = rmax * rmax,
    inv = hist.length / rmax,
    nb = hist.length;
  const nA = fa.length / 3,
    nB = fb.length / 3;
  const add = same ? 2 : 1;
  let counted = 0;
  for (let i = 0; i < nA; i++) {
    const xi = fa[3 * i],
      yi = fa[3 * i + 1],
      zi = fa[3 * i + 2];
    for (let j = same ? i + 1 : 0; j < nB; j++) {
      let a = fb[3 * j] - xi,
        b = fb[3 * j + 1] - yi,
        c = fb[3 * j + 2] - zi;
      a -= Math.round(a);
      b -= Math.round(b);
      c -= Math.round(c);
      const dx = a * m0 + b * m3 + c * m6,
        dy = a * m1 + b * m4 + c * m7,
        dz = a * m2 + b * m5 + c * m8;
      const d2 = dx * dx + dy * dy + dz * dz;
      if (d2 < rc2) {
        const k = Math.floor(Math.sqrt(d2) * inv);
        if (k < nb) {
          hist[k] += add;
          counted += add;
        }
      }
    }
  }
  return counted;
}

/** The last stencils computed (a fixed cell reuses them every frame; a variable cell recomputes). */
const stencilCache = new Map<string, BinStencil>();
function cachedStencil(cell: Cell, n: [number, number, number], rmax: number): BinStencil {
  const key = `${n.join(',')};${rmax};${Array.from(cell.matrix).join(',')}`;
  let st = stencilCache.get(key);
  if (!st) {
    st = binStencil(cell, n, rmax);
    if (stencilCache.size >= 16) stencilCache.delete(stencilCache.keys().next().value!);
    stencilCache.set(key, st);
  }
  return st;
}

/** Reused between frames: sorted coordinates, bin starts, the segment list of one bin. */
const scratch = {
  bx: new Float64Array(0),
  by: new Float64Array(0),
  bz: new Float64Array(0),
  bStart: new Int32Array(0),
  bBin: new Int32Array(0),
  ax: new Float64Array(0),
  ay: new Float64Array(0),
  az: new Float64Array(0),
  aStart: new Int32Array(0),
  aBin: new Int32Array(0),
  frac: new Float64Array(0),
  segI: new Int32Array(0),
  segF: new Float64Array(0),
};

/**
 * Counting sort of the points `p` (3N, Cartesian) into the bins `n` of `cell` on their wrapped
 * fractional coordinates; writes their wrapped Cartesian coordinates in bin order into x, y, z and
 * the bin starts (nBins + 1) into `start`.
 */
function sortIntoBins(
  p: Float64Array,
  cell: Cell,
  n: [number, number, number],
  x: Float64Array,
  y: Float64Array,
  z: Float64Array,
  start: Int32Array,
  bin: Int32Array,
): void {
  const N = p.length / 3,
    n0 = n[0],
    n1 = n[1],
    n2 = n[2],
    nBins = n0 * n1 * n2;
  if (scratch.frac.length < 3 * N) scratch.frac = new Float64Array(3 * N);
  const f = scratch.frac;
  cell.toFractional(p, f);
  start.fill(0, 0, nBins + 1);
  for (let a = 0; a < N; a++) {
    let f0 = f[3 * a] - Math.floor(f[3 * a]),
      f1 = f[3 * a + 1] - Math.floor(f[3 * a + 1]),
      f2 = f[3 * a + 2] - Math.floor(f[3 * a + 2]);
    if (f0 >= 1) f0 = 0;
    if (f1 >= 1) f1 = 0;
    if (f2 >= 1) f2 = 0; // rounding of values just below an integer
    f[3 * a] = f0;
    f[3 * a + 1] = f1;
    f[3 * a + 2] = f2;
    const b = (Math.min(n0 - 1, Math.floor(f0 * n0)) * n1 + Math.min(n1 - 1, Math.floor(f1 * n1))) * n2 + Math.min(n2 - 1, Math.floor(f2 * n2));
    bin[a] = b;
    start[b + 1]++;
  }
  for (let b = 0; b < nBins; b++) start[b + 1] += start[b];
  const m = cell.matrix;
  for (let a = 0; a < N; a++) {
    const q = start[bin[a]]++;
    const f0 = f[3 * a],
      f1 = f[3 * a + 1],
      f2 = f[3 * a + 2];
    x[q] = f0 * m[0] + f1 * m[3] + f2 * m[6];
    y[q] = f0 * m[1] + f1 * m[4] + f2 * m[7];
    z[q] = f0 * m[2] + f1 * m[5] + f2 * m[8];
  }
  for (let b = nBins; b > 0; b--) start[b] = start[b - 1];
  start[0] = 0;
}

function grow(N: number, nBins: number, withA: boolean): void {
  const s = scratch;
  if (s.bx.length < N) {
    s.bx = new Float64Array(N);
    s.by = new Float64Array(N);
    s.bz = new Float64Array(N);
    s.bBin = new Int32Array(N);
  }
  if (s.bStart.length < nBins + 1) s.bStart = new Int32Array(nBins + 1);
  if (withA) {
    if (s.ax.length < N) {
      s.ax = new Float64Array(N);
      s.ay = new Float64Array(N);
      s.az = new Float64Array(N);
      s.aBin = new Int32Array(N);
    }
    if (s.aStart.length < nBins + 1) s.aStart = new Int32Array(nBins + 1);
  }
}

function cellListHistogram(pa: Float64Array, pb: Float64Array, cell: Cell, rmax: number, hist: Float64Array, same: boolean, st: BinStencil): number {
  const [n0, n1, n2] = st.n,
    nBins = n0 * n1 * n2;
  const nA = pa.length / 3,
    nB = pb.length / 3;
  grow(Math.max(nA, nB), nBins, !same);
  const s = scratch;
  sortIntoBins(pb, cell, st.n, s.bx, s.by, s.bz, s.bStart, s.bBin);
  if (!same) sortIntoBins(pa, cell, st.n, s.ax, s.ay, s.az, s.aStart, s.aBin);
  const X = s.bx,
    Y = s.by,
    Z = s.bz,
    bs = s.bStart;
  const AX = same ? X : s.ax,
    AY = same ? Y : s.ay,
    AZ = same ? Z : s.az,
    as = same ? bs : s.aStart;
  const rows = st.rows,
    nRows = st.nRows;
  // Segments of one centre bin: at most ⌈(hi − lo + 1) / n₂⌉ + 1 per row.
  let maxSeg = 0;
  for (let r = 0; r < nRows; r++) maxSeg += Math.ceil((rows[4 * r + 3] - rows[4 * r + 2] + 1) / n2) + 1;
  if (s.segI.length < 3 * maxSeg) {
    s.segI = new Int32Array(3 * maxSeg);
    s.segF = new Float64Array(3 * maxSeg);
  }
  const segI = s.segI,
    segF = s.segF;
  const m = cell.matrix;
  const rc2 = rmax * rmax,
    inv = hist.length / rmax,
    nb = hist.length,
    add = same ? 2 : 1;
  let counted = 0;
  for (let a0 = 0; a0 < n0; a0++)
    for (let a1 = 0; a1 < n1; a1++)
      for (let a2 = 0; a2 < n2; a2++) {
        const ab = (a0 * n1 + a1) * n2 + a2;
        const qa0 = as[ab],
          qa1 = as[ab + 1];
        if (qa0 === qa1) continue;
        // The runs of neighbours this bin's centres are compared with, each with its image shift.
        let ns = 0;
        for (let r = 0; r < nRows; r++) {
          const t0 = a0 + rows[4 * r],
            t1 = a1 + rows[4 * r + 1];
          const s0 = Math.floor(t0 / n0),
            s1 = Math.floor(t1 / n1);
          const base = ((t0 - s0 * n0) * n1 + (t1 - s1 * n1)) * n2;
          const lo = a2 + rows[4 * r + 2],
            hi = a2 + rows[4 * r + 3];
          for (let s2 = Math.floor(lo / n2), s2e = Math.floor(hi / n2); s2 <= s2e; s2++) {
            let mode = 0;
            if (same) {
              const sign = s0 !== 0 ? s0 : s1 !== 0 ? s1 : s2;
              if (sign < 0) continue; // counted from the other side (j → i with the opposite image)
              if (sign === 0) mode = 1; // same image: count j after i only
            }
            const from = Math.max(lo, s2 * n2) - s2 * n2,
              to = Math.min(hi, s2 * n2 + n2 - 1) - s2 * n2;
            const q0 = bs[base + from],
              q1 = bs[base + to + 1];
            if (q0 === q1) continue;
            segI[3 * ns] = q0;
            segI[3 * ns + 1] = q1;
            segI[3 * ns + 2] = mode;
            segF[3 * ns] = s0 * m[0] + s1 * m[3] + s2 * m[6];
            segF[3 * ns + 1] = s0 * m[1] + s1 * m[4] + s2 * m[7];
            segF[3 * ns + 2] = s0 * m[2] + s1 * m[5] + s2 * m[8];
            ns++;
          }
        }
        for (let qa = qa0; qa < qa1; qa++) {
          const xa = AX[qa],
            ya = AY[qa],
            za = AZ[qa];
          for (let g = 0; g < ns; g++) {
            let q = segI[3 * g];
            const qe = segI[3 * g + 1];
            if (segI[3 * g + 2] === 1 && q <= qa) q = qa + 1;
            const ox = segF[3 * g] - xa,
              oy = segF[3 * g + 1] - ya,
              oz = segF[3 * g + 2] - za;
            for (; q < qe; q++) {
              const dx = X[q] + ox,
                dy = Y[q] + oy,
                dz = Z[q] + oz;
              const d2 = dx * dx + dy * dy + dz * dz;
              if (d2 < rc2) {
                const k = Math.floor(Math.sqrt(d2) * inv);
                if (k < nb) {
                  hist[k] += add;
                  counted += add;
                }
              }
            }
          }
        }
      }
  return counted;
}
