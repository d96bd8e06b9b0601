/**
 * What the transport analyses keep of a trajectory: the continuous positions of the mobile ions
 * and the framework centre of mass per frame — nothing else, so a file far larger than memory can
 * be streamed (DESIGN: whole-history analyses keep only the species they need).
 *
 * A `FrameAnalysis` accumulator: feed it frames with CONTINUOUS positions (from `analyseFrames`
 * over an unwrapped FrameStream or Trajectory; `collectTransportSeries` in diffusionAnalysis.ts
 * unwraps wrapped sources with `unwrapStream` / `unwrapTrajectory` from src/geometry first).
 * It refuses wrapped input (`unwrapped: false`) instead of computing a wrong MSD.
 */
import { InputError } from '../core/errors.js';
import type { Frame, SourceInfo } from '../core/frame.js';
import type { FrameAnalysis } from '../core/frameAnalysis.js';
import type { Topology } from '../core/topology.js';
import { indicesOf } from '../core/topology.js';

export interface TransportSeries {
  /** Continuous positions of the mobile ions, frame-major (nFrames × nIons × 3), Å. */
  positions: Float64Array;
  nIons: number;
  nFrames: number;
  /** Mass-weighted framework COM (continuous), 3 per frame, Å; null when there is no framework. */
  frameworkCom: Float64Array | null;
  /** Frame times from the source, fs (null if the source has none). */
  times_fs: Float64Array | null;
  /** Cell volume per frame, Å³ (null for non-periodic sources). */
  volumes_A3: Float64Array | null;
  /** The mobile species and the framework species. */
  species: string[];
  framework: string[];
  info: SourceInfo;
}

export interface TransportSeriesOptions {
  /** Mobile species, e.g. "Li". */
  species: string | string[];
  /** Framework species for drift correction (default: every other species). */
  framework?: string[];
  /**
   * Weights of the framework centre of mass: 'mass' (default, the physical COM) or 'equal'
   * (plain mean of the framework atoms, as pymatgen-analysis-diffusion and kinisi do).
   */
  frameworkWeights?: 'mass' | 'equal';
  /** Must be true: the positions fed are continuous in time. */
  unwrapped: boolean;
  info?: SourceInfo;
}

const CHUNK_FRAMES = 512;

/** Collect the mobile-ion positions and the framework COM frame by frame. */
export class TransportSeriesCollector implements FrameAnalysis<TransportSeries> {
  /** Mobile and framework atoms and the framework weights, resolved by `prepare` on the first frame. */
  private sel: { mobile: Int32Array; fw: Int32Array; fwMass: number; masses: Float64Array } | null = null;
  /** Positions in chunks of CHUNK_FRAMES frames (growing never copies; result() copies once). */
  private chunks: Float64Array[] = [];
  private com: number[] = [];
  private times: number[] = [];
  private vols: number[] = [];
  private nf = 0;
  private frameworkSymbols: string[] = [];
  constructor(private readonly opts: TransportSeriesOptions) {
    if (!opts.unwrapped) {
      throw new InputError('transport needs continuous (unwrapped) positions; unwrap first (unwrapStream / unwrapTrajectory)', {
        file: opts.info?.source,
      });
    }
  }

  /** Resolve the mobile atoms, the framework atoms and their weights. */
  prepare(topology: Topology, firstFrame: Frame): { mobile: Int32Array; fw: Int32Array; fwMass: number; masses: Float64Array } {
    const where = { file: this.opts.info?.source, frame: firstFrame.index };
    const mobile = indicesOf(topology, this.opts.species, where);
    const mobileCodes = new Set(Array.from(mobile, (i) => topology.species[i]));
    this.frameworkSymbols = this.opts.framework ?? topology.symbols.filter((s, c) => !mobileCodes.has(c) && topology.species.includes(c));
    const fw = this.frameworkSymbols.length ? indicesOf(topology, this.frameworkSymbols, where) : new Int32Array(0);
    const masses = this.opts.frameworkWeights === 'equal' ? new Float64Array(topology.masses.length).fill(1) : topology.masses;
    let fwMass = 0;
    for (const j of fw) fwMass += masses[j];
    return (this.sel = { mobile, fw, fwMass, masses });
  }

  addFrame(frame: Frame, topology: Topology): void {
    const where = { file: this.opts.info?.source, frame: frame.index };
    const { mobile, fw, fwMass, masses } = this.sel ?? this.prepare(topology, frame);
    const r = frame.positions;
    const nAtoms = topology.species.length;
    if (r.length !== 3 * nAtoms) throw new InputError(`frame has ${r.length / 3} atoms; expected ${nAtoms}`, where);
    const nm = mobile.length;
    const c = this.nf % CHUNK_FRAMES;
    if (c === 0) this.chunks.push(new Float64Array(CHUNK_FRAMES * 3 * nm));
    const out = this.chunks[this.chunks.length - 1];
    let bad = 0; // x − x is 0 for finite x and NaN for NaN or ±∞
    for (let a = 0, o = c * 3 * nm; a < nm; a++, o += 3) {
      const p = 3 * mobile[a];
      const x = r[p],
        y = r[p + 1],
        z = r[p + 2];
      bad += x - x + (y - y) + (z - z);
      out[o] = x;
      out[o + 1] = y;
      out[o + 2] = z;
    }
    if (fw.length) {
      let cx = 0,
        cy = 0,
        cz = 0;
      for (let a = 0; a < fw.length; a++) {
        const j = fw[a],
          m = masses[j],
          p = 3 * j;
        const x = r[p],
          y = r[p + 1],
          z = r[p + 2];
        bad += x - x + (y - y) + (z - z);
        cx += m * x;
        cy += m * y;
        cz += m * z;
      }
      this.com.push(cx / fwMass, cy / fwMass, cz / fwMass);
    }
    if (bad !== 0) {
      for (const i of [...mobile, ...fw]) {
        if (!Number.isFinite(r[3 * i]) || !Number.isFinite(r[3 * i + 1]) || !Number.isFinite(r[3 * i + 2]))
          throw new InputError(`atom ${i} has a non-finite position`, where);
      }
    }
    if (frame.time_fs !== undefined) this.times.push(frame.time_fs);
    if (frame.cell) this.vols.push(frame.cell.volume);
    this.nf++;
  }

  /** The collected positions in one array (nFrames × nIons × 3). */
  private positions(nm: number): Float64Array {
    const out = new Float64Array(this.nf * 3 * nm),
      per = CHUNK_FRAMES * 3 * nm;
    this.chunks.forEach((ch, j) => out.set(j * per + ch.length <= out.length ? ch : ch.subarray(0, out.length - j * per), j * per));
    return out;
  }

  result(): TransportSeries {
    if (!this.sel || this.nf === 0) throw new InputError('no frames were read', { file: this.opts.info?.source });
    const nm = this.sel.mobile.length;
    return {
      positions: this.positions(nm),
      nIons: nm,
      nFrames: this.nf,
      frameworkCom: this.sel.fw.length ? Float64Array.from(this.com) : null,
      times_fs: this.times.length === this.nf ? Float64Array.from(this.times) : null,
      volumes_A3: this.vols.length === this.nf ? Float64Array.from(this.vols) : null,
      species: Array.isArray(this.opts.species) ? this.opts.species : [this.opts.species],
      framework: this.frameworkSymbols,
      info: this.opts.info ?? { unwrapped: this.opts.unwrapped },
    };
  }
}
