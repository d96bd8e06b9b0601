/**
 * Ewald summation of the Coulomb energy (the reference for the DSF sum; METHODS §6), reciprocal-space and
 * self parts, with per-atom energies. The real-space part k q_i q_j erfc(αr)/r is in pairForces.ts.
 *
 *   E_recip = (k/V) Σ_{k in half space} A(k) |S(k)|²,   A(k) = 4π/k² e^{−k²/4α²},  S(k) = Σ_j q_j e^{i k·r_j}
 *   E_recip,i = (k/V) Σ A(k) q_i [cos(k·r_i) S_c + sin(k·r_i) S_s]           (sums to E_recip)
 *   F_i = (2k/V) Σ A(k) q_i k [sin(k·r_i) S_c − cos(k·r_i) S_s]
 *   E_self,i = −k α q_i²/√π;  neutralising background (if Σq = Q ≠ 0) E_bg,i = −k π q_i Q / (2Vα²)
 *   virial W_recip = Σ_k E_k (1 − k²/2α²)  (from E's scaling with the cell), W_bg = 3 E_bg.
 * Parameters from a relative accuracy δ and the real-space cutoff r_c: α = √(−ln δ)/r_c, k_max = 2α√(−ln δ).
 */
import type { Cell } from '../core/cell.js';
import { COULOMB_EV_A } from '../core/units.js';

const INV_SQRT_PI = 0.5641895835477563;

export interface EwaldParameters {
  alpha: number;
  kMax: number;
}

export function ewaldParameters(cutoff: number, accuracy = 1e-10): EwaldParameters {
  const s = Math.sqrt(-Math.log(accuracy));
  const alpha = s / cutoff;
  return { alpha, kMax: 2 * alpha * s };
}

/** Reciprocal-space k vectors (half space) with their prefactors A(k), for a cell. */
export class EwaldReciprocal {
  readonly kvec: Float64Array;
  readonly pref: Float64Array;
  readonly k2: Float64Array;
  readonly count: number;
  private readonly sinBuf: Float64Array;
  private readonly cosBuf: Float64Array;

  constructor(
    readonly cell: Cell,
    readonly alpha: number,
    readonly kMax: number,
    nAtoms: number,
  ) {
    const inv = cell.inverse,
      m = cell.matrix,
      lens = cell.lengths();
    const nmax = lens.map((L) => Math.ceil((kMax * L) / (2 * Math.PI)));
    const kv: number[] = [],
      pf: number[] = [],
      kk: number[] = [];
    const tp = 2 * Math.PI;
    for (let a = 0; a <= nmax[0]; a++)
      for (let b = -nmax[1]; b <= nmax[1]; b++)
        for (let c = -nmax[2]; c <= nmax[2]; c++) {
          if (a === 0 && (b < 0 || (b === 0 && c <= 0))) continue; // half space, skip k = 0
          const kx = tp * (inv[0] * a + inv[1] * b + inv[2] * c);
          const ky = tp * (inv[3] * a + inv[4] * b + inv[5] * c);
          const kz = tp * (inv[6] * a + inv[7] * b + inv[8] * c);
          const k2 = kx * kx + ky * ky + kz * kz;
          if (k2 > kMax * kMax) continue;
          kv.push(kx, ky, kz);
          kk.push(k2);
          pf.push(((4 * Math.PI) / k2) * Math.exp(-k2 / (4 * alpha * alpha)));
        }
    void m;
    this.kvec = Float64Array.from(kv);
    this.pref = Float64Array.from(pf);
    this.k2 = Float64Array.from(kk);
    this.count = pf.length;
    this.sinBuf = new Float64Array(nAtoms);
    this.cosBuf = new Float64Array(nAtoms);
  }

  /**
   * Add reciprocal, self and background parts to forces `f` and per-atom energies `pe`.
   * Returns [energy, virial].
   */
  accumulate(x: Float64Array, q: Float64Array, f: Float64Array, pe: Float64Array): [number, number] {
    const n = q.length,
      V = this.cell.volume,
      kc = COULOMB_EV_A / V;
    const sn = this.sinBuf,
      cs = this.cosBuf;
    let E = 0,
      W = 0;
    for (let t = 0; t < this.count; t++) {
      const kx = this.kvec[3 * t],
        ky = this.kvec[3 * t + 1],
        kz = this.kvec[3 * t + 2];
      let Sc = 0,
        Ss = 0;
      for (let i = 0; i < n; i++) {
        const ph = kx * x[3 * i] + ky * x[3 * i + 1] + kz * x[3 * i + 2];
        const c = Math.cos(ph),
          s = Math.sin(ph);
        cs[i] = c;
        sn[i] = s;
        Sc += q[i] * c;
        Ss += q[i] * s;
      }
      const A = kc * this.pref[t];
      const Ek = A * (Sc * Sc + Ss * Ss);
      E += Ek;
      W += Ek * (1 - this.k2[t] / (2 * this.alpha * this.alpha));
      for (let i = 0; i < n; i++) {
        if (q[i] === 0) continue;
        pe[i] += A * q[i] * (cs[i] * Sc + sn[i] * Ss);
        const g = 2 * A * q[i] * (sn[i] * Sc - cs[i] * Ss);
        f[3 * i] += g * kx;
        f[3 * i + 1] += g * ky;
        f[3 * i + 2] += g * kz;
      }
    }
    let Q = 0;
    for (let i = 0; i < n; i++) Q += q[i];
    const selfK = -COULOMB_EV_A * this.alpha * INV_SQRT_PI;
    const bgK = (-COULOMB_EV_A * Math.PI * Q) / (2 * V * this.alpha * this.alpha);
    for (let i = 0; i < n; i++) {
      const es = selfK * q[i] * q[i],
        eb = bgK * q[i];
      pe[i] += es + eb;
      E += es + eb;
      W += 3 * eb;
    }
    return [E, W];
  }
}
