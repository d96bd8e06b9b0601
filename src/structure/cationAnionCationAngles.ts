/**
 * Cation–anion–cation angle distributions in distance shells (Kweon 2017 Fig. 5; Wood 2021 Fig. 3).
 *
 * For every anion centre (atom or COM) and frame, the cations within each user shell
 * [r_in, r_out) of the centre are collected, and for every pair (i, j) of cations in the same shell the
 * angle θ = arccos(d̂_i · d̂_j) between the centre→cation vectors enters that shell's histogram on
 * [0°, 180°]. Each shell is normalised to a probability density per degree (∫ P dθ = 1), so shells
 * with few pairs compare with full ones. The cation–anion–cation angle does not depend on the
 * anion's orientation; the anion's own frame enters through the "vertex angle": for molecular anions,
 * the angle between d̂_i and the nearest centre→vertex-atom direction (e.g. the nearest B of B12H12:
 * 0° = cation over a vertex, 37.4° = over a B3 face of an icosahedron).
 */
import { InputError } from '../core/errors.js';
import type { Frame } from '../core/frame.js';
import type { FrameAnalysis } from '../core/frameAnalysis.js';
import type { Topology } from '../core/topology.js';
import { wholeMoleculePositions } from '../geometry/molecules.js';
import { neighborPairs } from '../geometry/neighborList.js';
import { centrePositions, CentreGroup, CentreOptions, resolveCentres } from './centres.js';
import { frameCell, requireBins } from './frameSetup.js';

export interface AngleOptions extends CentreOptions {
  /** Anion centres: species or formula. */
  centre: string;
  /** Cations, e.g. "Li". */
  cation: string;
  /** Distance shells [r_in, r_out) in Å around the centre, e.g. [[0, 5.5], [5.5, 7]]. */
  shells_A: [number, number][];
  /** Number of angle bins on [0°, 180°] (default 90, i.e. 2° bins). */
  bins?: number;
  /** Also histogram the angle to the nearest vertex atom of molecular anions (the anion's own frame). */
  anionFrame?: boolean;
  /** Species of the vertex atoms for `anionFrame` (default: heaviest species of the anion). */
  vertexSpecies?: string;
  source?: string;
}

export interface AngleShellResult {
  r_in_A: number;
  r_out_A: number;
  /** Probability density per degree at each bin centre (∫ = 1; all zeros when the shell holds no pair). */
  density_per_deg: Float64Array;
  /** Cation pairs counted. */
  pairs: number;
  /** Mean number of cations in the shell per centre and frame. */
  mean_cations: number;
  /** Vertex-angle density per degree (anion frame), if asked. */
  vertex_density_per_deg?: Float64Array;
}

export interface AngleResult {
  centre: string;
  cation: string;
  /** Bin centres, degrees. */
  theta_deg: Float64Array;
  shells: AngleShellResult[];
  frames: number;
}

/** Streaming accumulator of cation–anion–cation angles per distance shell. */
export class CationAnionCationAngles implements FrameAnalysis<AngleResult> {
  private readonly bins: number;
  private readonly hist: Float64Array[];
  private readonly vhist: Float64Array[];
  private readonly pairCount: number[];
  private readonly cationCount: number[];
  private readonly rmax: number;
  /** Anion centres, cations and the vertex species code (anion frame), resolved by `prepare` on the first frame. */
  private groups: { centres: CentreGroup; cations: CentreGroup; vertexCode: number } | null = null;
  private frames = 0;
  private samples = 0;

  constructor(private readonly opts: AngleOptions) {
    const where = { file: opts.source };
    this.bins = requireBins(opts.bins ?? 90, 'angle bins', where);
    if (!Array.isArray(opts.shells_A) || opts.shells_A.length === 0)
      throw new InputError('give at least one distance shell [r_in, r_out] in Å', where);
    for (const [a, b] of opts.shells_A) {
      if (!(a >= 0) || !(b > a) || !Number.isFinite(b)) throw new InputError(`distance shell [${a}, ${b}] must have 0 ≤ r_in < r_out (Å)`, where);
    }
    this.rmax = Math.max(...opts.shells_A.map((s) => s[1]));
    this.hist = opts.shells_A.map(() => new Float64Array(this.bins));
    this.vhist = opts.shells_A.map(() => new Float64Array(this.bins));
    this.pairCount = opts.shells_A.map(() => 0);
    this.cationCount = opts.shells_A.map(() => 0);
  }

  addFrame(frame: Frame, topology: Topology): void {
    this.addContribution(this.frameContribution(frame, topology));
  }

  /**
   * The frame's share, computed independently of other frames (worker threads compute these in parallel,
   * src/analyse/frameParallel.ts): [centres, then per shell: cations, angle pairs, angle histogram (bins),
   * vertex-angle histogram (bins)]. `addContribution` of the shares in frame order gives what `addFrame` gives.
   */
  frameContribution(frame: Frame, topology: Topology): Float64Array {
    const cell = frameCell(frame, topology, 'angle distributions', this.opts.source);
    const { centres: C, cations: K, vertexCode } = this.groups ?? this.prepare(topology, frame);
    const pc = centrePositions(C, frame.positions, cell, topology.masses);
    const pk = centrePositions(K, frame.positions, cell, topology.masses);
    const both = new Float64Array(3 * (C.count + K.count));
    both.set(pc, 0);
    both.set(pk, 3 * C.count);
    const pairs = neighborPairs(both, cell, this.rmax, {
      centers: Int32Array.from({ length: C.count }, (_, k) => k),
      neighbors: Int32Array.from({ length: K.count }, (_, k) => C.count + k),
    });
    // Vertex directions per centre (anion frame), from whole molecules.
    let vdirs: Float64Array[] | null = null;
    if (this.opts.anionFrame && C.kind === 'molecules') {
      const set = C.molecules!;
      const whole = wholeMoleculePositions(frame.positions, cell, set);
      vdirs = [];
      for (let m = 0; m < set.count; m++) {
        // Whole molecule relative to its unwrapped COM.
        let mx = 0,
          my = 0,
          mz = 0,
          mt = 0;
        for (let q = set.offsets[m]; q < set.offsets[m + 1]; q++) {
          const w = topology.masses[set.atoms[q]];
          mx += w * whole[3 * q];
          my += w * whole[3 * q + 1];
          mz += w * whole[3 * q + 2];
          mt += w;
        }
        mx /= mt;
        my /= mt;
        mz /= mt;
        const dirs: number[] = [];
        for (let q = set.offsets[m]; q < set.offsets[m + 1]; q++) {
          if (topology.species[set.atoms[q]] !== vertexCode) continue;
          const x = whole[3 * q] - mx,
            y = whole[3 * q + 1] - my,
            z = whole[3 * q + 2] - mz,
            n = Math.hypot(x, y, z);
          if (n > 1e-9) dirs.push(x / n, y / n, z / n);
        }
        vdirs.push(Float64Array.from(dirs));
      }
    }
    // Group pair displacements by centre (pairs come grouped by centre from the neighbour list).
    const shells = this.opts.shells_A,
      nS = shells.length,
      binW = 180 / this.bins;
    let p = 0;
    const members: number[][] = shells.map(() => []);
    const nb = this.bins,
      stride = 2 + 2 * nb;
    const out = new Float64Array(1 + nS * stride);
    out[0] = C.count;
    for (let c = 0; c < C.count; c++) {
      for (const m of members) m.length = 0;
      while (p < pairs.count && pairs.i[p] === c) {
        const r = pairs.r[p];
        for (let s = 0; s < nS; s++) if (r >= shells[s][0] && r < shells[s][1] && r > 0) members[s].push(p);
        p++;
      }
      for (let s = 0; s < nS; s++) {
        const list = members[s];
        const o = 1 + s * stride;
        out[o] += list.length;
        for (let x = 0; x < list.length; x++) {
          const a = list[x],
            ra = pairs.r[a];
          const ax = pairs.d[3 * a] / ra,
            ay = pairs.d[3 * a + 1] / ra,
            az = pairs.d[3 * a + 2] / ra;
          for (let y = x + 1; y < list.length; y++) {
            const b = list[y],
              rb = pairs.r[b];
            const cos = (ax * pairs.d[3 * b] + ay * pairs.d[3 * b + 1] + az * pairs.d[3 * b + 2]) / rb;
            const th = (Math.acos(Math.max(-1, Math.min(1, cos))) * 180) / Math.PI;
            out[o + 2 + Math.min(nb - 1, Math.floor(th / binW))]++;
            out[o + 1]++;
          }
          if (vdirs && vdirs[c].length) {
            const v = vdirs[c];
            let best = -1;
            for (let q = 0; q < v.length; q += 3) best = Math.max(best, ax * v[q] + ay * v[q + 1] + az * v[q + 2]);
            const th = (Math.acos(Math.max(-1, Math.min(1, best))) * 180) / Math.PI;
            out[o + 2 + nb + Math.min(nb - 1, Math.floor(th / binW))]++;
          }
        }
      }
    }
    if (p !== pairs.count) throw new Error('internal error: neighbour pairs not grouped by centre');
    return out;
  }

  /** Accumulate one frame's share (from {@link frameContribution}); frames must come in order. */
  addContribution(c: Float64Array): void {
    const nb = this.bins,
      stride = 2 + 2 * nb;
    for (let s = 0; s < this.hist.length; s++) {
      const o = 1 + s * stride;
      this.cationCount[s] += c[o];
      this.pairCount[s] += c[o + 1];
      const h = this.hist[s],
        v = this.vhist[s];
      for (let k = 0; k < nb; k++) {
        h[k] += c[o + 2 + k];
        v[k] += c[o + 2 + nb + k];
      }
    }
    this.samples += c[0];
    this.frames++;
  }

  result(): AngleResult {
    if (this.frames === 0) throw new InputError('angle distributions: no frames were read', { file: this.opts.source });
    const binW = 180 / this.bins;
    const theta = Float64Array.from({ length: this.bins }, (_, k) => (k + 0.5) * binW);
    const norm = (h: Float64Array) => {
      const tot = h.reduce((s, x) => s + x, 0);
      return Float64Array.from(h, (x) => (tot > 0 ? x / (tot * binW) : 0));
    };
    return {
      centre: this.opts.centre,
      cation: this.opts.cation,
      theta_deg: theta,
      frames: this.frames,
      shells: this.opts.shells_A.map(([a, b], s) => {
        const out: AngleShellResult = {
          r_in_A: a,
          r_out_A: b,
          density_per_deg: norm(this.hist[s]),
          pairs: this.pairCount[s],
          mean_cations: this.cationCount[s] / this.samples,
        };
        if (this.opts.anionFrame && this.groups?.centres.kind === 'molecules') out.vertex_density_per_deg = norm(this.vhist[s]);
        return out;
      }),
    };
  }

  /** Resolve the anion centres, the cations and (anion frame) the vertex species on the first frame. */
  prepare(topology: Topology, firstFrame: Frame): { centres: CentreGroup; cations: CentreGroup; vertexCode: number } {
    const cell = frameCell(firstFrame, topology, 'angle distributions', this.opts.source);
    const o = { ...this.opts, where: { file: this.opts.source, frame: firstFrame.index } };
    const centres = resolveCentres(this.opts.centre, topology, firstFrame.positions, cell, o);
    const cations = resolveCentres(this.opts.cation, topology, firstFrame.positions, cell, o);
    let vertexCode = -1;
    if (this.opts.anionFrame && centres.kind === 'molecules') {
      const set = centres.molecules!;
      let name = this.opts.vertexSpecies;
      if (!name) {
        let best = -1;
        for (let q = set.offsets[0]; q < set.offsets[1]; q++) {
          const a = set.atoms[q];
          if (topology.masses[a] > best) {
            best = topology.masses[a];
            name = topology.symbols[topology.species[a]];
          }
        }
      }
      vertexCode = topology.symbols.indexOf(name!);
      if (vertexCode < 0) throw new InputError(`vertex species "${name}" is not in the trajectory (${topology.symbols.join(', ')})`, o.where);
    }
    return (this.groups = { centres, cations, vertexCode });
  }
}
