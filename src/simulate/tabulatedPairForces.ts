/**
 * Pair forces from one table per type pair (ForceComputer's default for systems without molecules and with DSF or
 * no Coulomb; `ForceComputerOptions.pairTable`): the short-range form and the DSF Coulomb term (pairForces.ts, Fennell & Gezelter 2006) folded into one table of F(r)/r
 * (and, for the energy steps, E_SR(r), E_C(r)) on nodes equally spaced in s = r² from ≤ r_in² to
 * r_c² = max(r_c,SR, r_c,C)², cubic Hermite per interval (values and d/ds from the analytic form; energy
 * slopes dE/ds = −F/(2r)), one node exactly on the inner cutoff so that no interval straddles the
 * short-range force jump. One pass over the Verlet list with no sqrt, exp or erfc per pair (what LAMMPS
 * `pair_style table` with one combined table does; its tables are linear, 20,000 points in r²).
 * Interpolation error ∝ Δs⁴: 2,000 nodes on 0.5–12 Å give, on α-AgI rattled by ±0.3 Å, energy 3e-9 relative,
 * forces 1e-7 relative RMS, a 40-step NVE run within 1e-8 Å of the analytic one, a single pair's force within
 * 1e-6 of max(|F|, 1 eV/Å) over 2–12 Å (test/simulate/tabulatedPairForces.test.ts): 400× more accurate than a
 * linear 20,000-point table, in 64 kB per type pair (cache-resident; the linear one, 320 kB, was slower).
 * Steps without thermo output compute forces only (no energies, no virial), as LAMMPS does. The table law has its
 * own copy of the pair sweep (pairSweep.ts) reading packed neighbour entries (TableNeighbours).
 * For systems without molecules (exclusions would differ per term) and real-space Coulomb by DSF or none.
 */
import { InputError } from '../core/errors.js';
import { COULOMB_EV_A } from '../core/units.js';
import { erfcTimesExpFast } from './erfc.js';
import { CompiledForceField, PAIR_STRIDE } from './forceField.js';
import { COULOMB_DSF, COULOMB_NONE, RealSpaceCoulomb } from './pairForces.js';
import type { VerletList } from './verletList.js';

export interface PairTable {
  /** s₀ = r² of the first node, 1/Δ (Δ: node spacing in r²), intervals, cutoff² (Å², Å⁻², –, Å²). */
  s0: number;
  inv: number;
  intervals: number;
  rc2: number;
  nTypes: number;
  /**
   * F(r)/r (eV/Å²) as cubic coefficients per interval, 4 numbers per interval: the block of type pair (a, b)
   * starts at (a·nTypes + b)·4·intervals; with u = (r² − s₀)/Δ, k = ⌊u⌋, w = u − k and c = force[o + 4k …]:
   * F/r = c₀ + w(c₁ + w(c₂ + w c₃)).
   */
  force: Float64Array;
  /** E_SR and E_C (eV) in the same form, 8 numbers per interval (block of (a, b) at (a·nTypes + b)·8·intervals). */
  energy: Float64Array;
}

/**
 * Build the table for the compiled force field (charges per type from the first atom of each type): `points`
 * nodes equally spaced in r² from (at most) r_in² to r_c², one node exactly on the inner cutoff r_c,SR² or r_c,C²
 * when they differ, so that no interval straddles a cutoff (the short-range force is not shifted: F jumps there).
 * On each interval, the cubic Hermite interpolant of the analytic F/r (values and d/dr² at both ends, the terms
 * switched on by the interval, not by the point) and of the energies (values and dE/dr² = −F/(2r) at both ends).
 */
export function buildPairTable(ff: CompiledForceField, coul: RealSpaceCoulomb, points = 2000, rin = 0.5): PairTable {
  if (coul.mode !== COULOMB_DSF && coul.mode !== COULOMB_NONE)
    throw new InputError('a pair table folds DSF Coulomb (or none) only; Ewald runs use the analytic pair loop');
  if (!(Number.isInteger(points) && points >= 16)) throw new InputError(`pair table points must be an integer ≥ 16, got ${points}`);
  if (!(rin > 0)) throw new InputError(`pair table inner radius must be > 0 Å, got ${rin}`);
  const nT = ff.nTypes,
    rcSR = ff.cutoffSR,
    rcC = coul.mode === COULOMB_NONE ? 0 : coul.cutoff;
  const rc = Math.max(rcSR, rcC),
    rc2 = rc * rc,
    rin2 = rin * rin;
  if (!(rin < rc)) throw new InputError(`pair table inner radius ${rin} Å must be below the cutoff ${rc} Å`);
  // Node spacing Δ ≈ (r_c² − r_in²)/(points − 1), adjusted so that the inner cutoff (if any) is a node.
  const inner = Math.min(rcSR, rcC > 0 ? rcC : rcSR),
    inner2 = inner * inner;
  let d = (rc2 - rin2) / (points - 1);
  if (inner < rc && inner > rin) d = (rc2 - inner2) / Math.max(1, Math.round((rc2 - inner2) / d));
  let intervals = Math.ceil((rc2 - rin2) / d - 1e-9);
  let s0 = rc2 - intervals * d;
  while (s0 <= 0) {
    intervals--;
    s0 += d;
  }
  const qOf = new Float64Array(nT);
  for (let i = ff.type.length - 1; i >= 0; i--) qOf[ff.type[i]] = ff.charge[i];
  const a = coul.alpha,
    par = ff.pair;
  const force = new Float64Array(nT * nT * 4 * intervals),
    energy = new Float64Array(nT * nT * 8 * intervals);
  const v = new Float64Array(4); // E_SR, E_C, (F/r)_SR, (F/r)_C at one r²
  for (let ti = 0; ti < nT; ti++)
    for (let tj = 0; tj < nT; tj++) {
      const o = (ti * nT + tj) * PAIR_STRIDE,
        qq = COULOMB_EV_A * qOf[ti] * qOf[tj];
      const fo = (ti * nT + tj) * 4 * intervals,
        eo = (ti * nT + tj) * 8 * intervals;
      /** E_SR, E_C and the two parts of F/r at r² = s with the terms of an interval whose midpoint is at r² = mid. */
      const at = (s: number, mid: number): void => {
        const r = Math.sqrt(s);
        let es = 0,
          ec = 0,
          f = 0,
          fc = 0;
        if (par[o + 7] !== 0 && mid < rcSR * rcSR) {
          const H = par[o],
            eta = par[o + 1],
            A = par[o + 2],
            irho = par[o + 3],
            P = par[o + 4],
            W = par[o + 5];
          const ex = A !== 0 ? A * Math.exp(-r * irho) : 0;
          es = (H !== 0 ? H / r ** eta : 0) + ex - P / r ** 4 - W / r ** 6 - par[o + 6];
          f = ((H !== 0 ? (eta * H) / r ** (eta + 1) : 0) + ex * irho - (4 * P) / r ** 5 - (6 * W) / r ** 7) / r;
        }
        if (qq !== 0 && mid < rcC * rcC) {
          const ed = Math.exp(-a * a * s),
            erfcc = erfcTimesExpFast(a * r, ed);
          ec = qq * (erfcc / r - coul.eShift - coul.fShift * r);
          fc = (qq * (erfcc / s + (1.1283791670955126 * a * ed) / r + coul.fShift)) / r;
        }
        v[0] = es;
        v[1] = ec;
        v[2] = f;
        v[3] = fc;
      };
      /** d(F/r)/d(r²) at s (five-point difference, step h ≪ Δ, same terms). */
      const h = d / 256;
      const slope = (s: number, mid: number): number => {
        at(s - 2 * h, mid);
        const m2 = v[2] + v[3];
        at(s - h, mid);
        const m1 = v[2] + v[3];
        at(s + h, mid);
        const p1 = v[2] + v[3];
        at(s + 2 * h, mid);
        const p2 = v[2] + v[3];
        return (m2 - 8 * m1 + 8 * p1 - p2) / (12 * h);
      };
      // Node values and slopes are shared by the two intervals that meet at a node, unless a cutoff lies between
      // their midpoints (the terms switch there): the right end of interval k is reused as the left end of k + 1.
      const side = (mid: number) => (mid < rcSR * rcSR ? 1 : 0) + (mid < rcC * rcC ? 2 : 0);
      let prevSide = -1,
        esa = 0,
        eca = 0,
        fsa = 0,
        fca = 0,
        dsa = 0;
      for (let k = 0; k < intervals; k++) {
        const sa = s0 + k * d,
          sb = k === intervals - 1 ? rc2 : s0 + (k + 1) * d,
          mid = 0.5 * (sa + sb),
          sd = side(mid);
        if (sd !== prevSide) {
          at(sa, mid);
          esa = v[0];
          eca = v[1];
          fsa = v[2];
          fca = v[3];
          dsa = slope(sa, mid);
        }
        at(sb, mid);
        const esb = v[0],
          ecb = v[1],
          fsb = v[2],
          fcb = v[3];
        const dsb = slope(sb, mid);
        hermite(force, fo + 4 * k, fsa + fca, fsb + fcb, dsa * d, dsb * d);
        // dE/dr² = −F/(2r): the energy interpolants' end slopes are the force parts at the nodes.
        hermite(energy, eo + 8 * k, esa, esb, -0.5 * d * fsa, -0.5 * d * fsb);
        hermite(energy, eo + 8 * k + 4, eca, ecb, -0.5 * d * fca, -0.5 * d * fcb);
        prevSide = sd;
        esa = esb;
        eca = ecb;
        fsa = fsb;
        fca = fcb;
        dsa = dsb;
      }
    }
  return { s0, inv: 1 / d, intervals, rc2, nTypes: nT, force, energy };
}

/** Cubic Hermite coefficients on w ∈ [0, 1] from end values y₀, y₁ and end slopes d₀, d₁ (per unit w) into t[o..o+3]. */
function hermite(t: Float64Array, o: number, y0: number, y1: number, d0: number, d1: number): void {
  t[o] = y0;
  t[o + 1] = d0;
  t[o + 2] = 3 * (y1 - y0) - 2 * d0 - d1;
  t[o + 3] = 2 * (y0 - y1) + d0 + d1;
}

/** What the table sweep reads of a Verlet list (verletList.ts): rows, and each entry's neighbour with its type packed in. */
export interface TableNeighbourArrays {
  /** Row r's entries are entry[start[r]] … entry[start[r + 1] − 1] (the list's rows, copied). */
  start: Int32Array;
  /** Extended index of each row's atom (the list's `centre`, copied). */
  centre: Int32Array;
  /** Per entry: neighbour j (extended index) | its type ≪ J_BITS. */
  entry: Int32Array;
  /** Per row: the table offset of the row atom's type, type(i)·nTypes·4·intervals (its row of type-pair blocks). */
  rowBase: Int32Array;
}

/**
 * Bits of the extended index in a packed entry; the type takes the 8 bits above (j = e & J_MASK, type = e >>> J_BITS).
 * Constants: with the shift in a variable the sweep measured 6 % slower.
 */
const J_BITS = 24;
const J_MASK = 0xffffff;

/**
 * The list's entries for the table sweep, repacked once per list build: each neighbour j with its type in the top
 * bits (one load per pair gives both; reading the type from a per-atom array was a second, scattered load per pair:
 * 1.91 → 1.64 ms per forces-only sweep on 1,372-atom α-AgI, CPU time, min of 15) and each row's table offset.
 * `alloc` makes the arrays (shared memory for the two-core engine).
 */
export class TableNeighbours implements TableNeighbourArrays {
  private builds = -1;
  private list: VerletList | null = null;
  start = new Int32Array(0);
  centre = new Int32Array(0);
  entry = new Int32Array(0);
  rowBase = new Int32Array(0);
  constructor(private readonly alloc: (n: number) => Int32Array = (n) => new Int32Array(n)) {}

  /** The arrays for `list` (atom types `type`), rebuilt after each list build. */
  of(list: VerletList, type: Int32Array, table: PairTable): TableNeighbours {
    if (list === this.list && list.builds === this.builds) return this;
    const n = list.nAtoms,
      ne = list.nExtended,
      cnt = list.start[n],
      own = list.owner,
      img = list.image,
      lc = list.centre,
      nT = table.nTypes;
    if (ne > J_MASK + 1 || nT > 256)
      throw new InputError(`the pair table handles at most ${J_MASK + 1} extended atoms and 256 atom types (${ne} and ${nT} here)`);
    if (this.start.length < n + 1) {
      this.start = this.alloc(n + 1);
      this.centre = this.alloc(n);
      this.rowBase = this.alloc(n);
    }
    if (this.entry.length < cnt) this.entry = this.alloc(Math.ceil(1.25 * cnt));
    const entry = this.entry,
      rowBase = this.rowBase,
      rowBlock = nT * 4 * table.intervals;
    this.start.set(list.start.subarray(0, n + 1));
    this.centre.set(lc.subarray(0, n));
    for (let r = 0; r < n; r++) rowBase[r] = type[own[lc[r]]] * rowBlock;
    for (let q = 0; q < cnt; q++) {
      const j = img[q];
      entry[q] = j | (type[own[j]] << J_BITS);
    }
    this.list = list;
    this.builds = list.builds;
    return this;
  }
}

/**
 * The table pair law and its sweep over rows of the half list (the sweep of pairSweep.ts, with the type read from
 * the packed entry): F/r from the cubic of its interval and type pair; with energies also E_SR, E_C (totals in
 * `eSR`, `eC`), the virial Σ φ r² (`vir`) and, when asked, half of each pair energy onto each atom. Without
 * energies, per pair: one table read of 4 numbers and a cubic, no sqrt, exp or erfc.
 *   d = r_j − r_i,  s = |d|²;  if s < r_c²:  φ = F/r(s),  F_j += φ d,  F_i −= φ d.
 */
export class TablePairLaw {
  readonly cutoff2: number;
  eSR = 0;
  eC = 0;
  vir = 0;
  private readonly T: Float64Array;
  private readonly E: Float64Array;
  private readonly s0: number;
  private readonly inv: number;
  private readonly block: number;

  constructor(table: PairTable) {
    this.cutoff2 = table.rc2;
    this.T = table.force;
    this.E = table.energy;
    this.s0 = table.s0;
    this.inv = table.inv;
    this.block = 4 * table.intervals;
  }

  /**
   * Sweep rows r0…r1−1: forces onto extended atoms into `fe` (3 per extended atom, accumulated); with `energy`, the
   * totals eSR, eC, vir (zeroed first) and, with `perAtom`, half pair energies into `pee` (accumulated).
   */
  sweep(
    nb: TableNeighbourArrays,
    r0: number,
    r1: number,
    xe: Float64Array,
    fe: Float64Array,
    pee: Float64Array,
    energy: boolean,
    perAtom: boolean,
  ): void {
    this.eSR = 0;
    this.eC = 0;
    this.vir = 0;
    if (energy || perAtom) this.sweepWithEnergy(nb, r0, r1, xe, fe, pee, perAtom);
    else sweepTableForces(nb.start, nb.centre, nb.entry, nb.rowBase, this.T, this.s0, this.inv, this.block, this.cutoff2, r0, r1, xe, fe);
  }

  /** Forces, energy totals, virial and (with `perAtom`) per-atom energies (thermo and frame steps). */
  private sweepWithEnergy(
    nb: TableNeighbourArrays,
    r0: number,
    r1: number,
    xe: Float64Array,
    fe: Float64Array,
    pee: Float64Array,
    perAtom: boolean,
  ): void {
    const start = nb.start,
      centre = nb.centre,
      entry = nb.entry,
      rowBase = nb.rowBase;
    const T = this.T,
      E = this.E,
      s0 = this.s0,
      inv = this.inv,
      blk = this.block,
      rc2 = this.cutoff2;
    let eSR = 0,
      eC = 0,
      vir = 0;
    for (let r = r0; r < r1; r++) {
      const i = centre[r],
        i3 = 3 * i,
        ti = rowBase[r];
      const xi = xe[i3],
        yi = xe[i3 + 1],
        zi = xe[i3 + 2];
      let fxi = 0,
        fyi = 0,
        fzi = 0,
        pei = 0;
      for (let q = start[r], qe = start[r + 1]; q < qe; q++) {
        const v = entry[q],
          j = v & J_MASK,
          j3 = 3 * j;
        const dx = xe[j3] - xi,
          dy = xe[j3 + 1] - yi,
          dz = xe[j3 + 2] - zi;
        const rsq = dx * dx + dy * dy + dz * dz;
        if (rsq >= rc2) continue;
        const u = (rsq - s0) * inv;
        let k = u | 0;
        if (k < 0) k = 0;
        const p = ti + (v >>> J_BITS) * blk + 4 * k,
          w = u - k;
        const fr = T[p] + w * (T[p + 1] + w * (T[p + 2] + w * T[p + 3]));
        const pE = 2 * p;
        const es = E[pE] + w * (E[pE + 1] + w * (E[pE + 2] + w * E[pE + 3]));
        const ec = E[pE + 4] + w * (E[pE + 5] + w * (E[pE + 6] + w * E[pE + 7]));
        eSR += es;
        eC += ec;
        vir += fr * rsq;
        const fx = fr * dx,
          fy = fr * dy,
          fz = fr * dz;
        fxi -= fx;
        fyi -= fy;
        fzi -= fz;
        fe[j3] += fx;
        fe[j3 + 1] += fy;
        fe[j3 + 2] += fz;
        if (perAtom) {
          const h = 0.5 * (es + ec);
          pei += h;
          pee[j] += h;
        }
      }
      fe[i3] += fxi;
      fe[i3 + 1] += fyi;
      fe[i3 + 2] += fzi;
      if (perAtom) pee[i] += pei;
    }
    this.eSR = eSR;
    this.eC = eC;
    this.vir = vir;
  }
}

/** The forces-only sweep of rows r0…r1−1 (the hot loop; a function of its arrays: measured faster than as a method). */
function sweepTableForces(
  start: Int32Array,
  centre: Int32Array,
  entry: Int32Array,
  rowBase: Int32Array,
  T: Float64Array,
  s0: number,
  inv: number,
  blk: number,
  rc2: number,
  r0: number,
  r1: number,
  xe: Float64Array,
  fe: Float64Array,
): void {
  for (let r = r0; r < r1; r++) {
    const i3 = 3 * centre[r],
      ti = rowBase[r];
    const xi = xe[i3],
      yi = xe[i3 + 1],
      zi = xe[i3 + 2];
    let fxi = 0,
      fyi = 0,
      fzi = 0;
    for (let q = start[r], qe = start[r + 1]; q < qe; q++) {
      const v = entry[q],
        j3 = 3 * (v & J_MASK);
      const dx = xe[j3] - xi,
        dy = xe[j3 + 1] - yi,
        dz = xe[j3 + 2] - zi;
      const rsq = dx * dx + dy * dy + dz * dz;
      if (rsq >= rc2) continue;
      const u = (rsq - s0) * inv;
      let k = u | 0;
      if (k < 0) k = 0; // r² < s₀: the first interval's cubic extrapolated (atoms that close are flagged at the list build)
      const p = ti + (v >>> J_BITS) * blk + 4 * k,
        w = u - k;
      const fr = T[p] + w * (T[p + 1] + w * (T[p + 2] + w * T[p + 3]));
      const fx = fr * dx,
        fy = fr * dy,
        fz = fr * dz;
      fxi -= fx;
      fyi -= fy;
      fzi -= fz;
      fe[j3] += fx;
      fe[j3 + 1] += fy;
      fe[j3 + 2] += fz;
    }
    fe[i3] += fxi;
    fe[i3 + 1] += fyi;
    fe[i3 + 2] += fzi;
  }
}
