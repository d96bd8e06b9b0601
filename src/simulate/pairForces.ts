/**
 * Analytic pair forces over a Verlet list: the unified short-range form (forceField.ts) plus the real-space
 * Coulomb part, fused in one pair law (`AnalyticPairLaw`) of the engine's pair sweep (pairSweep.ts: per-atom energy
 * partition, half of each pair energy to each atom; Wang 2023 DOAS needs per-atom energies).
 *
 * Coulomb modes:
 * - DSF (Fennell & Gezelter 2006), exactly as LAMMPS `coul/dsf`:
 *     E_ij = k q_i q_j [erfc(αr)/r − e_s − f_s r],  f_s = −(erfc(αr_c)/r_c² + 2α/√π e^{−α²r_c²}/r_c),
 *     e_s = erfc(αr_c)/r_c − f_s r_c,  self E_i = −(e_s/2 + α/√π) k q_i²
 *   (erfc inside the loop by A&S 7.1.26 as LAMMPS; the shift constants with the accurate erfc).
 * - Ewald real space: E_ij = k q_i q_j erfc(αr)/r (accurate erfc); the reciprocal and self parts are in ewald.ts.
 *
 * Speed (α-AgI, 1372 atoms, ~190k list entries): neighbours are image atoms with extended positions (no
 * per-pair periodic translation), list rows are sorted by distance (predictable cutoff branches), the Gaussian
 * e^{−α²r²} comes from a table with a short polynomial (gaussianExpTable), and per-atom energies are skipped
 * when not asked for.
 *
 * Sign convention: d = r_j − r_i, fOverR = −V'(r)/r, F_j += fOverR d, F_i −= fOverR d.
 * Virial W = Σ_pairs d·F_j = Σ fOverR r² (pressure P = (2 KE + W) / 3V).
 */
import { COULOMB_EV_A } from '../core/units.js';
import { erfcAccurate, AS_EWALD_P, AS_A1, AS_A2, AS_A3, AS_A4, AS_A5 } from './erfc.js';
import { CompiledForceField, PAIR_STRIDE } from './forceField.js';
import type { PairLaw } from './pairSweep.js';
import type { VerletList } from './verletList.js';

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const INV_SQRT_PI = 0.5641895835477563;

export const COULOMB_NONE = 0;
export const COULOMB_DSF = 1;
export const COULOMB_EWALD_REAL = 2;

/** Parameters of the real-space Coulomb part. */
export interface RealSpaceCoulomb {
  mode: number;
  alpha: number;
  cutoff: number;
  /** DSF shifts (0 for Ewald). */
  eShift: number;
  fShift: number;
  /** e^{−kh} for k = 0..K covering α²r_c² (see gaussianExpTable), or null. */
  expTable?: Float64Array | null;
}

/** Spacing of the Gaussian-damping exp table. */
export const EXP_TABLE_STEP = 1 / 512;
const EXP_TABLE_INV_STEP = 512;

/**
 * Table of e^{−k h} (h = 1/512) for y = α²r² ∈ [0, y_max]: e^{−y} = T[k] · e^{kh − y} with k = round(y/h), and
 * e^{d}, |d| ≤ h/2 = 2⁻¹⁰, by its Taylor polynomial to d⁴ (remainder < (2⁻¹⁰)⁵/5! ≈ 7e-18, below half an ulp):
 * double-precision exp of the damping factor without a libm call in the pair loop. The polynomial is
 * evaluated as (1 + d) + d²(½ + d/6) + d⁴/24 (Estrin: a shorter dependency chain than Horner).
 * Size: α = 0.1 Å⁻¹, r_c = 12 Å gives 740 entries (6 kB).
 */
export function gaussianExpTable(yMax: number): Float64Array {
  const K = Math.ceil(yMax / EXP_TABLE_STEP) + 2;
  const t = new Float64Array(K + 1);
  for (let k = 0; k <= K; k++) t[k] = Math.exp(-k * EXP_TABLE_STEP);
  return t;
}

/** DSF constants for damping α and cutoff r_c (LAMMPS pair coul/dsf init_style). */
export function dsfConstants(alpha: number, rc: number): { eShift: number; fShift: number } {
  const erfcc = erfcAccurate(alpha * rc);
  const erfcd = Math.exp(-alpha * alpha * rc * rc);
  const fShift = -(erfcc / (rc * rc) + (TWO_OVER_SQRT_PI * alpha * erfcd) / rc);
  const eShift = erfcc / rc - fShift * rc;
  return { eShift, fShift };
}

/** Self energy per atom of the DSF sum, k q² −(e_s/2 + α/√π). */
export function dsfSelfEnergy(q: number, c: RealSpaceCoulomb): number {
  return -(c.eShift / 2 + c.alpha * INV_SQRT_PI) * q * q * COULOMB_EV_A;
}

/** Positions, forces and per-atom energies of the list's extended atoms (atoms + image atoms; verletList.ts), reused. */
export class PairWorkspace {
  x = new Float64Array(0);
  f = new Float64Array(0);
  pe = new Float64Array(0);
  /** Size the buffers for `nExt` extended atoms (grows only). */
  reserve(nExt: number): void {
    if (this.pe.length >= nExt) return;
    this.x = new Float64Array(3 * nExt);
    this.f = new Float64Array(3 * nExt);
    this.pe = new Float64Array(nExt);
  }
  /** Before a sweep: extended positions from `x`, forces (and per-atom energies) cleared. */
  begin(list: VerletList, x: Float64Array, perAtom: boolean): void {
    const nExt = list.nExtended;
    this.reserve(nExt);
    list.extendPositions(x, this.x);
    this.f.fill(0, 0, 3 * nExt);
    if (perAtom) this.pe.fill(0, 0, nExt);
  }
  /** After a sweep: forces (and per-atom energies) of the extended atoms added onto their atoms in `f` (and `pe`). */
  end(list: VerletList, f: Float64Array, pe: Float64Array, perAtom: boolean): void {
    list.foldImages(this.f, f, 3);
    if (perAtom) list.foldImages(this.pe, pe, 1);
  }
}

/**
 * The analytic pair law (pairSweep.ts): short range (forceField.ts) and real-space Coulomb (DSF or Ewald) per pair,
 * totals E_SR, E_C and the virial Σ φ r² accumulated in `eSR`, `eC`, `vir`.
 */
export class AnalyticPairLaw implements PairLaw {
  readonly cutoff2: number;
  e = 0;
  eSR = 0;
  eC = 0;
  vir = 0;
  private own = new Int32Array(0);
  private readonly type: Int32Array;
  private readonly charge: Float64Array;
  private readonly par: Float64Array;
  private readonly nT: number;
  private readonly rcSR2: number;
  private readonly rcC2: number;
  private readonly mode: number;
  private readonly alpha: number;
  private readonly alpha2: number;
  private readonly eS: number;
  private readonly fS: number;
  private readonly twoAlphaOverSqrtPi: number;
  private readonly excl2: number;
  private readonly expTab: Float64Array | null;
  private readonly asP: number;
  private readonly molecule: Int32Array;
  // Imported constants as fields: the compiled CommonJS would read them as module-object properties per pair.
  private readonly stride = PAIR_STRIDE;
  private readonly a1 = AS_A1;
  private readonly a2 = AS_A2;
  private readonly a3 = AS_A3;
  private readonly a4 = AS_A4;
  private readonly a5 = AS_A5;
  // Row state.
  private ti = 0;
  private qi = 0;
  private mi = -1;

  constructor(list: VerletList, ff: CompiledForceField, coul: RealSpaceCoulomb, molecule: Int32Array, exclusionRadius: number) {
    this.reset(list);
    this.type = ff.type;
    this.charge = ff.charge;
    this.par = ff.pair;
    this.nT = ff.nTypes;
    this.molecule = molecule;
    this.rcSR2 = ff.cutoffSR * ff.cutoffSR;
    this.mode = coul.mode;
    this.rcC2 = coul.mode === COULOMB_NONE ? 0 : coul.cutoff * coul.cutoff;
    this.cutoff2 = Math.max(this.rcSR2, this.rcC2);
    this.alpha = coul.alpha;
    this.alpha2 = coul.alpha * coul.alpha;
    this.eS = coul.eShift;
    this.fS = coul.fShift;
    this.twoAlphaOverSqrtPi = TWO_OVER_SQRT_PI * coul.alpha;
    this.excl2 = exclusionRadius * exclusionRadius;
    this.expTab = coul.expTable ?? null;
    this.asP = AS_EWALD_P * coul.alpha;
  }

  /** Before a sweep: the list's current owners (reallocated when the list grows), totals zeroed. */
  reset(list: VerletList): void {
    this.own = list.owner;
    this.eSR = 0;
    this.eC = 0;
    this.vir = 0;
  }

  row(i: number): number {
    const ai = this.own[i];
    this.ti = this.type[ai] * this.nT;
    this.qi = COULOMB_EV_A * this.charge[ai];
    this.mi = this.molecule[ai];
    return 0;
  }

  pair(rsq: number, j: number): number {
    const a = this.own[j],
      par = this.par,
      mi = this.mi;
    const r = Math.sqrt(rsq),
      ir = 1 / r,
      ir2 = ir * ir;
    let e = 0,
      fr = 0;
    if (rsq < this.rcSR2) {
      const o = (this.ti + this.type[a]) * this.stride;
      if (par[o + 7] !== 0 && !(mi >= 0 && mi === this.molecule[a] && rsq < this.excl2)) {
        const H = par[o],
          A = par[o + 2],
          P = par[o + 4],
          W = par[o + 5];
        let es = -par[o + 6],
          fs = 0;
        if (H !== 0) {
          const eta = par[o + 1];
          let p = (eta & 1) === 1 ? ir : 1;
          for (let k = eta >> 1; k > 0; k--) p *= ir2;
          es += H * p;
          fs += eta * H * p * ir2;
        }
        if (A !== 0) {
          const ex = A * Math.exp(-r * par[o + 3]);
          es += ex;
          fs += ex * par[o + 3] * ir;
        }
        // No branch on P, W: it would depend on the neighbour's type, i.e. be unpredictable.
        const ir4 = ir2 * ir2,
          ir6 = ir4 * ir2;
        es -= P * ir4 + W * ir6;
        fs -= (4 * P * ir4 + 6 * W * ir6) * ir2;
        e += es;
        fr += fs;
        this.eSR += es;
      }
    }
    if (rsq < this.rcC2) {
      const qq = this.qi * this.charge[a];
      if (qq !== 0) {
        let erfcd: number;
        const y = this.alpha2 * rsq;
        const expTab = this.expTab;
        if (expTab !== null) {
          const k = (y * EXP_TABLE_INV_STEP + 0.5) | 0;
          const d = k * EXP_TABLE_STEP - y;
          const d2 = d * d;
          erfcd = expTab[k] * (1 + d + d2 * (0.5 + d * (1 / 6)) + d2 * d2 * (1 / 24));
        } else erfcd = Math.exp(-y);
        let ec: number;
        if (this.mode === COULOMB_DSF) {
          // A&S 7.1.26 polynomial t(a1 + a2 t + a3 t² + a4 t³ + a5 t⁴), grouped (Estrin) for a shorter dependency chain.
          const t = 1 / (1 + this.asP * r),
            t2 = t * t;
          const erfcc = t * (this.a1 + t * this.a2 + t2 * (this.a3 + t * this.a4) + t2 * t2 * this.a5) * erfcd;
          ec = qq * (erfcc * ir - this.eS - this.fS * r);
          fr += qq * (erfcc * ir2 + this.twoAlphaOverSqrtPi * erfcd * ir + this.fS) * ir;
        } else {
          const erfcc = erfcAccurate(this.alpha * r);
          ec = qq * erfcc * ir;
          fr += qq * (erfcc * ir2 + this.twoAlphaOverSqrtPi * erfcd * ir) * ir;
        }
        e += ec;
        this.eC += ec;
      }
    }
    this.e = e;
    this.vir += fr * rsq;
    return fr;
  }
}
