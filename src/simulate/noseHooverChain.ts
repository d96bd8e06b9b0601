/**
 * Nosé–Hoover chain thermostat (Martyna, Klein & Tuckerman, J. Chem. Phys. 97, 2635 (1992)), integrated by the
 * Trotter factorisation of Martyna, Tuckerman, Tobias & Klein (Mol. Phys. 87, 1117 (1996)) with a 3rd-order
 * Suzuki–Yoshida split: a half step of the chain before and after each velocity-Verlet step.
 * Masses Q₁ = N_f k_B T τ², Q_j = k_B T τ² (τ = thermostat period, fs). Conserved quantity
 *   H = KE + PE + Σ_j ½ Q_j v_ξj² + N_f k_B T ξ₁ + k_B T Σ_{j≥2} ξ_j.
 */
import { KB_EV_PER_K } from '../core/units.js';

const W1 = 1 / (2 - Math.cbrt(2));
const YOSHIDA = [W1, 1 - 2 * W1, W1];

export class NoseHooverChain {
  readonly Q: Float64Array;
  readonly xi: Float64Array;
  readonly vxi: Float64Array;
  readonly kT: number;

  constructor(
    readonly nDof: number,
    readonly temperature_K: number,
    readonly tau_fs: number,
    readonly chainLength = 3,
  ) {
    this.kT = KB_EV_PER_K * temperature_K;
    this.Q = new Float64Array(chainLength).fill(this.kT * tau_fs * tau_fs);
    this.Q[0] = nDof * this.kT * tau_fs * tau_fs;
    this.xi = new Float64Array(chainLength);
    this.vxi = new Float64Array(chainLength);
  }

  /**
   * Advance the chain by dt/2 given the kinetic energy (eV); returns the factor to scale velocities by.
   */
  halfStep(kinetic_eV: number, dt: number): number {
    const M = this.chainLength,
      Q = this.Q,
      vxi = this.vxi,
      xi = this.xi,
      kT = this.kT,
      Nf = this.nDof;
    let scale = 1,
      ke2 = 2 * kinetic_eV;
    for (const w of YOSHIDA) {
      const d2 = (w * dt) / 2,
        d4 = d2 / 2,
        d8 = d2 / 4;
      let G = M > 1 ? (Q[M - 2] * vxi[M - 2] * vxi[M - 2] - kT) / Q[M - 1] : (ke2 - Nf * kT) / Q[0];
      vxi[M - 1] += d4 * G;
      for (let j = M - 2; j >= 0; j--) {
        const aa = Math.exp(-d8 * vxi[j + 1]);
        G = j === 0 ? (ke2 - Nf * kT) / Q[0] : (Q[j - 1] * vxi[j - 1] * vxi[j - 1] - kT) / Q[j];
        vxi[j] = vxi[j] * aa * aa + d4 * G * aa;
      }
      const s = Math.exp(-d2 * vxi[0]);
      scale *= s;
      ke2 *= s * s;
      for (let j = 0; j < M; j++) xi[j] += d2 * vxi[j];
      for (let j = 0; j < M - 1; j++) {
        const aa = Math.exp(-d8 * vxi[j + 1]);
        G = j === 0 ? (ke2 - Nf * kT) / Q[0] : (Q[j - 1] * vxi[j - 1] * vxi[j - 1] - kT) / Q[j];
        vxi[j] = vxi[j] * aa * aa + d4 * G * aa;
      }
      G = M > 1 ? (Q[M - 2] * vxi[M - 2] * vxi[M - 2] - kT) / Q[M - 1] : (ke2 - Nf * kT) / Q[0];
      vxi[M - 1] += d4 * G;
    }
    return scale;
  }

  /** Energy of the chain (eV), the term added to KE + PE in the conserved quantity. */
  energy(): number {
    let e = this.nDof * this.kT * this.xi[0];
    for (let j = 0; j < this.chainLength; j++) e += 0.5 * this.Q[j] * this.vxi[j] * this.vxi[j];
    for (let j = 1; j < this.chainLength; j++) e += this.kT * this.xi[j];
    return e;
  }
}
