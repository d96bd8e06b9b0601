/**
 * Pair forces over a Verlet list: the unified short-range form (forceField.ts) plus the real-space Coulomb
 * part, fused in one loop over pairs, with per-atom energy partition (half of each pair energy to each atom;
 * Wang 2023 DOAS needs per-atom energies).
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
}

/**
 * Accumulate pair forces (eV/Å) into `f`, per-atom energies (eV) into `pe`; returns into `out`
 * [E_shortRange, E_coulombReal, virial]. Arrays are accumulated, not cleared. The loop runs over the
 * list's extended atoms (image atoms instead of per-pair translations) in `work`, folded back at the end.
 * @param molecule molecule index per atom (−1 none); same-molecule pairs closer than `exclusionRadius` skip the short-range part.
 * @param perAtom false: leave `pe` untouched (MD steps without output: no scattered pe[j] update in the loop).
 */
export function accumulatePairForces(
  x: Float64Array,
  f: Float64Array,
  pe: Float64Array,
  list: VerletList,
  ff: CompiledForceField,
  coul: RealSpaceCoulomb,
  molecule: Int32Array,
  exclusionRadius: number,
  out: Float64Array,
  perAtom: boolean,
  work: PairWorkspace,
): void {
  const n = list.nAtoms,
    nExt = list.nExtended,
    start = list.start,
    nb = list.image,
    own = list.owner,
    centre = list.centre;
  work.reserve(nExt);
  const xe = work.x,
    fe = work.f,
    pee = work.pe;
  list.extendPositions(x, xe);
  fe.fill(0, 0, 3 * nExt);
  if (perAtom) pee.fill(0, 0, nExt);
  const type = ff.type,
    charge = ff.charge,
    par = ff.pair,
    nT = ff.nTypes;
  const rcSR2 = ff.cutoffSR * ff.cutoffSR;
  const mode = coul.mode;
  const rcC2 = mode === COULOMB_NONE ? 0 : coul.cutoff * coul.cutoff;
  const rcMax2 = Math.max(rcSR2, rcC2);
  const alpha = coul.alpha,
    alpha2 = alpha * alpha,
    eS = coul.eShift,
    fS = coul.fShift;
  const twoAlphaOverSqrtPi = TWO_OVER_SQRT_PI * alpha;
  const excl2 = exclusionRadius * exclusionRadius;
  const expTab = coul.expTable ?? null;
  // Imported constants as locals: the compiled CommonJS would read them as module-object properties per pair.
  const step = EXP_TABLE_STEP,
    invStep = 1 / EXP_TABLE_STEP,
    stride = PAIR_STRIDE,
    kCoul = COULOMB_EV_A;
  const asP = AS_EWALD_P * alpha,
    a1 = AS_A1,
    a2 = AS_A2,
    a3 = AS_A3,
    a4 = AS_A4,
    a5 = AS_A5;
  let eSR = 0,
    eC = 0,
    vir = 0;
  for (let r = 0; r < n; r++) {
    const i = centre[r],
      ai = own[i]; // row r: extended atom i, atom ai
    const xi = xe[3 * i],
      yi = xe[3 * i + 1],
      zi = xe[3 * i + 2];
    const ti = type[ai] * nT,
      qi = kCoul * charge[ai],
      mi = molecule[ai];
    let fxi = 0,
      fyi = 0,
      fzi = 0,
      pei = 0;
    for (let q = start[r], qe = start[r + 1]; q < qe; q++) {
      const j = nb[q],
        a = own[j]; // j: extended neighbour, a: its atom
      const dx = xe[3 * j] - xi;
      const dy = xe[3 * j + 1] - yi;
      const dz = xe[3 * j + 2] - zi;
      const rsq = dx * dx + dy * dy + dz * dz;
      if (rsq >= rcMax2) continue;
      const r = Math.sqrt(rsq),
        ir = 1 / r,
        ir2 = ir * ir;
      let e = 0,
        fr = 0;
      if (rsq < rcSR2) {
        const o = (ti + type[a]) * stride;
        if (par[o + 7] !== 0 && !(mi >= 0 && mi === molecule[a] && rsq < excl2)) {
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
          eSR += es;
        }
      }
      if (rsq < rcC2) {
        const qq = qi * charge[a];
        if (qq !== 0) {
          let erfcd: number;
          const y = alpha2 * rsq;
          if (expTab !== null) {
            const k = (y * invStep + 0.5) | 0;
            const d = k * step - y;
            const d2 = d * d;
            erfcd = expTab[k] * (1 + d + d2 * (0.5 + d * (1 / 6)) + d2 * d2 * (1 / 24));
          } else erfcd = Math.exp(-y);
          let ec: number;
          if (mode === COULOMB_DSF) {
            // A&S 7.1.26 polynomial t(a1 + a2 t + a3 t² + a4 t³ + a5 t⁴), grouped (Estrin) for a shorter dependency chain.
            const t = 1 / (1 + asP * r),
              t2 = t * t;
            const erfcc = t * (a1 + t * a2 + t2 * (a3 + t * a4) + t2 * t2 * a5) * erfcd;
            ec = qq * (erfcc * ir - eS - fS * r);
            fr += qq * (erfcc * ir2 + twoAlphaOverSqrtPi * erfcd * ir + fS) * ir;
          } else {
            const erfcc = erfcAccurate(alpha * r);
            ec = qq * erfcc * ir;
            fr += qq * (erfcc * ir2 + twoAlphaOverSqrtPi * erfcd * ir) * ir;
          }
          e += ec;
          eC += ec;
        }
      }
      const fx = fr * dx,
        fy = fr * dy,
        fz = fr * dz;
      fxi -= fx;
      fyi -= fy;
      fzi -= fz;
      fe[3 * j] += fx;
      fe[3 * j + 1] += fy;
      fe[3 * j + 2] += fz;
      if (perAtom) {
        const h = 0.5 * e;
        pei += h;
        pee[j] += h;
      }
      vir += fr * rsq;
    }
    fe[3 * i] += fxi;
    fe[3 * i + 1] += fyi;
    fe[3 * i + 2] += fzi;
    if (perAtom) pee[i] += pei;
  }
  list.foldImages(fe, f, 3);
  if (perAtom) list.foldImages(pee, pe, 1);
  out[0] = eSR;
  out[1] = eC;
  out[2] = vir;
}
