/**
 * Langevin thermostat, BAOAB splitting (Leimkuhler & Matthews, Appl. Math. Res. Express 2013, 34): the O step
 * v ← c₁ v + c₂ √(k_B T / m) ξ with c₁ = e^{−γ Δt}, c₂ = √(1 − c₁²), γ = 1/τ_damp, ξ ~ N(0,1) from a seeded RNG.
 * For quick equilibration (METHODS §6); the heat it exchanges is tracked so a conserved quantity can be reported.
 */
import { Random } from '../core/random.js';
import { AMU_A2_PER_FS2_IN_EV, KB_EV_PER_K } from '../core/units.js';

export class LangevinThermostat {
  private readonly rng: Random;
  private readonly sigma: Float64Array;
  readonly c1: number;
  readonly c2: number;

  /** @param masses amu per atom; frozen atoms (mask 1) are left alone. */
  constructor(
    readonly temperature_K: number,
    readonly damping_fs: number,
    readonly dt_fs: number,
    masses: Float64Array,
    seed: number,
    frozen?: Uint8Array,
  ) {
    this.rng = new Random(seed);
    this.c1 = Math.exp(-dt_fs / damping_fs);
    this.c2 = Math.sqrt(1 - this.c1 * this.c1);
    this.sigma = new Float64Array(masses.length);
    const kT = KB_EV_PER_K * temperature_K;
    for (let i = 0; i < masses.length; i++) this.sigma[i] = frozen && frozen[i] ? 0 : Math.sqrt(kT / (masses[i] * AMU_A2_PER_FS2_IN_EV));
  }

  /** The O step over a full time step dt_fs (velocities Å/fs, in place). */
  apply(v: Float64Array): void {
    const c1 = this.c1,
      c2 = this.c2,
      rng = this.rng,
      sig = this.sigma;
    for (let i = 0, n = sig.length; i < n; i++) {
      const s = c2 * sig[i];
      if (s === 0) {
        v[3 * i] = 0;
        v[3 * i + 1] = 0;
        v[3 * i + 2] = 0;
        continue;
      }
      v[3 * i] = c1 * v[3 * i] + s * rng.normal();
      v[3 * i + 1] = c1 * v[3 * i + 1] + s * rng.normal();
      v[3 * i + 2] = c1 * v[3 * i + 2] + s * rng.normal();
    }
  }
}
