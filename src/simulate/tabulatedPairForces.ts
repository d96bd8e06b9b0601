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
 * Steps without thermo output compute forces only (no energies, no virial), as LAMMPS does. The table is a pair
 * law of the engine's one pair sweep (pairSweep.ts), as the analytic form is.
 * For systems without molecules (exclusions would differ per term) and real-space Coulomb by DSF or none.
 */
import { InputError } from '../core/errors.js';
import { COULOMB_EV_A } from '../core/units.js';
import { erfcTimesExpFast } from './erfc.js';
import { CompiledForceField, PAIR_STRIDE } from './forceField.js';
import { COULOMB_DSF, COULOMB_NONE, RealSpaceCoulomb } from './pairForces.js';
import type { PairLaw } from './pairSweep.js';
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

/**
 * Table offset of every extended atom of the list, typ·4·intervals (the column of its type in a row block of the
 * force table), cached per list build: the pair (i, j) reads the block at offset nTypes·col(i) + col(j).
 */
export class ExtendedTypeOffsets {
  private builds = -1;
  private list: VerletList | null = null;
  offsets = new Int32Array(0);
  /** `alloc` makes the array (shared memory for the two-core engine). */
  constructor(private readonly alloc: (n: number) => Int32Array = (n) => new Int32Array(n)) {}
  of(list: VerletList, type: Int32Array, table: PairTable): Int32Array {
    if (list === this.list && list.builds === this.builds) return this.offsets;
    const ne = list.nExtended,
      own = list.owner,
      blk = 4 * table.intervals;
    if (this.offsets.length < ne) this.offsets = this.alloc(Math.ceil(1.2 * ne));
    for (let e = 0; e < ne; e++) this.offsets[e] = type[own[e]] * blk;
    this.list = list;
    this.builds = list.builds;
    return this.offsets;
  }
}

/**
 * The table pair law (pairSweep.ts): F/r from the cubic of its interval and type pair; with `energy` set also
 * E_SR, E_C (totals in `eSR`, `eC`) and the virial Σ φ r² (`vir`). Without energies, per pair: one table read of 4
 * numbers and a cubic, no sqrt, exp or erfc.
 */
export class TablePairLaw implements PairLaw {
  readonly cutoff2: number;
  e = 0;
  eSR = 0;
  eC = 0;
  vir = 0;
  /** Compute energies and the virial (thermo steps) or forces only. */
  energy = true;
  private readonly T: Float64Array;
  private readonly E: Float64Array;
  private readonly s0: number;
  private readonly inv: number;
  private readonly nT: number;

  /** @param offsets per extended atom, from ExtendedTypeOffsets (may be replaced between sweeps). */
  constructor(
    table: PairTable,
    public offsets: Int32Array,
  ) {
    this.cutoff2 = table.rc2;
    this.T = table.force;
    this.E = table.energy;
    this.s0 = table.s0;
    this.inv = table.inv;
    this.nT = table.nTypes;
  }

  /** Zero the totals and choose forces only or with energies. */
  reset(energy: boolean): void {
    this.energy = energy;
    this.eSR = 0;
    this.eC = 0;
    this.vir = 0;
  }

  row(i: number): number {
    return this.offsets[i] * this.nT;
  }

  pair(rsq: number, j: number, ti: number): number {
    const T = this.T;
    const u = (rsq - this.s0) * this.inv;
    let k = u | 0;
    if (k < 0) k = 0; // r² < s₀: the first interval's cubic extrapolated (atoms that close are flagged at the list build)
    const p = ti + this.offsets[j] + 4 * k,
      w = u - k;
    const fr = T[p] + w * (T[p + 1] + w * (T[p + 2] + w * T[p + 3]));
    if (this.energy) {
      const E = this.E,
        pE = 2 * p;
      const es = E[pE] + w * (E[pE + 1] + w * (E[pE + 2] + w * E[pE + 3]));
      const ec = E[pE + 4] + w * (E[pE + 5] + w * (E[pE + 6] + w * E[pE + 7]));
      this.eSR += es;
      this.eC += ec;
      this.e = es + ec;
      this.vir += fr * rsq;
    }
    return fr;
  }
}
