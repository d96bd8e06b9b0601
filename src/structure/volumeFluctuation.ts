/**
 * Cell volume over a run and the isothermal compressibility from its fluctuations (NPT ensemble;
 * Allen & Tildesley, Computer Simulation of Liquids, 2nd ed., eq. 2.83):
 *
 *   κ_T = ⟨δV²⟩ / (k_B T ⟨V⟩),   B = 1/κ_T
 *
 * with V in Å³ and k_B T in eV, κ_T in Å³/eV, reported in GPa⁻¹ (1 eV/Å³ = 160.2177 GPa). The mean volume
 * carries a block standard error (core/blockAverage.ts). A run at constant volume (NVT, NVE) has no
 * fluctuation: κ_T is then null with the reason, not 0. Keeps one number per frame.
 */
import { blockMean } from '../core/blockAverage.js';
import { InputError } from '../core/errors.js';
import type { Frame } from '../core/frame.js';
import type { FrameAnalysis, FrameContext } from '../core/frameAnalysis.js';
import type { Topology } from '../core/topology.js';
import { GPA_PER_EV_A3, KB_EV_PER_K } from '../core/units.js';

export interface VolumeFluctuationOptions {
  /** Temperature of the run, K (needed for κ_T). */
  temperature_K?: number;
  /** Blocks for the standard error of ⟨V⟩ (default 5). */
  blocks?: number;
  /** Source name for errors. */
  source?: string;
}

export interface VolumeFluctuationResult {
  kind: 'volume-fluctuation';
  /** Cell volume per frame, Å³. */
  volume_A3: Float64Array;
  /** ⟨V⟩, Å³, with its block standard error (null with fewer than 2 blocks). */
  mean_volume_A3: number;
  mean_volume_stderr_A3: number | null;
  /** Standard deviation of V over frames, Å³. */
  volume_std_A3: number;
  /** κ_T in GPa⁻¹ and B = 1/κ_T in GPa; null (with `reason`) without a temperature or a fluctuating volume. */
  compressibility_per_GPa: number | null;
  bulk_modulus_GPa: number | null;
  reason: string | null;
  temperature_K: number | null;
  frames: number;
}

/** Streaming accumulator of the cell volume (one number per frame). */
export class VolumeFluctuation implements FrameAnalysis<VolumeFluctuationResult> {
  private readonly volumes: number[] = [];
  private source: string | undefined;

  constructor(private readonly opts: VolumeFluctuationOptions = {}) {
    const T = opts.temperature_K;
    if (T !== undefined && !(T > 0 && Number.isFinite(T))) throw new InputError(`temperature must be > 0 K, got ${T}`, { file: opts.source });
    this.source = opts.source;
  }

  prepare(_topology: Topology, firstFrame: Frame, context: FrameContext): void {
    this.source = this.opts.source ?? context.source;
    if (!firstFrame.cell)
      throw new InputError('volume fluctuations need a periodic cell; the frame has none', { file: this.source, frame: firstFrame.index });
  }

  addFrame(frame: Frame): void {
    if (!frame.cell) throw new InputError('volume fluctuations need a periodic cell; the frame has none', { file: this.source, frame: frame.index });
    this.volumes.push(frame.cell.volume);
  }

  result(): VolumeFluctuationResult {
    const n = this.volumes.length;
    if (n === 0) throw new InputError('volume fluctuations: no frames were read', { file: this.source });
    const V = Float64Array.from(this.volumes);
    const bm = blockMean(V, this.opts.blocks ?? 5);
    let s2 = 0;
    for (let i = 0; i < n; i++) s2 += (V[i] - bm.mean) ** 2;
    const variance = n > 1 ? s2 / n : 0; // ⟨δV²⟩: the ensemble fluctuation (population variance)
    const T = this.opts.temperature_K ?? null;
    let kappa: number | null = null,
      reason: string | null = null;
    if (T === null) reason = 'no temperature given: κ_T = ⟨δV²⟩/(k_B T ⟨V⟩) needs T';
    else if (!(variance > 1e-12 * bm.mean * bm.mean)) reason = 'the cell volume does not fluctuate (a constant-volume run): κ_T needs an NPT run';
    else kappa = variance / (KB_EV_PER_K * T * bm.mean) / GPA_PER_EV_A3;
    return {
      kind: 'volume-fluctuation',
      volume_A3: V,
      mean_volume_A3: bm.mean,
      mean_volume_stderr_A3: bm.stderr,
      volume_std_A3: Math.sqrt(variance),
      compressibility_per_GPa: kappa,
      bulk_modulus_GPa: kappa === null ? null : 1 / kappa,
      reason,
      temperature_K: T,
      frames: n,
    };
  }
}
