/**
 * Combined radial–angular distribution g(r, θ) of cations around molecular anions, in the anion's own frame
 * (Wood 2021 Fig. 3; the "combined distribution function" of TRAVIS, Brehm & Kirchner 2011).
 *
 * For every anion (centre of mass of a bonded cluster such as PS4, BH4, B12H12) and frame, an anion-fixed axis
 * is the unit vector from the centre to one atom of the anion (by default the first atom of the axis species in
 * the anion's atom list, e.g. one S of PS4: a P–S bond direction; it turns with the anion). Each cation at
 * distance r < r_max from the centre (minimum image) enters the 2D histogram at (r, θ), with
 *   θ = arccos(d̂ · â)  ∈ [0°, 180°],   d = cation − centre, â the axis.
 * Normalisation to an ideal gas of the same cation density: with bins [r₁, r₂) × [θ₁, θ₂),
 *   ΔV = (r₂³ − r₁³)/3 · 2π (cos θ₁ − cos θ₂)     (shell volume × solid angle fraction),
 *   g(r, θ) = N(r, θ) / (N_frames · N_anions · ρ · ΔV),   ρ = ⟨N_cations / V⟩ over the frames,
 * so cations spread uniformly and independently of the anions give g = 1 in every bin (per solid angle and shell
 * volume; a plain θ histogram would instead grow as sin θ). Averaged over θ, g(r, θ) is the anion–cation g(r).
 * The raw counts are kept; bins where N_frames·N_anions·ρ·ΔV < 1 expected cation are few-count and noisy.
 */
import { InputError } from '../core/errors.js';
import type { Frame } from '../core/frame.js';
import type { FrameAnalysis } from '../core/frameAnalysis.js';
import type { Topology } from '../core/topology.js';
import { wholeMoleculePositions } from '../geometry/molecules.js';
import { neighborPairs } from '../geometry/neighborList.js';
import { centrePositions, CentreGroup, CentreOptions, resolveCentres } from './centres.js';
import { frameCell, requireBins, requirePositiveLength } from './frameSetup.js';

export interface RadialAngularOptions extends CentreOptions {
  /** Molecular anion by formula, e.g. "PS4", "BH4", "B12H12". */
  centre: string;
  /** Cation species, e.g. "Li". */
  cation: string;
  /** Species of the atom that defines the anion-fixed axis (default: the heaviest species of the anion other than a lone central atom). */
  axisSpecies?: string;
  /** Which atom of that species in each anion's atom list (0-based, default 0). */
  axisAtom?: number;
  /** Largest distance, Å (default 8), and the numbers of r and θ bins (default 80 and 36, i.e. 0.1 Å × 5°). */
  rMax_A?: number;
  rBins?: number;
  thetaBins?: number;
  source?: string;
}

export interface RadialAngularResult {
  centre: string;
  cation: string;
  /** The axis: "P→S" (centre → atom of that species). */
  axis: string;
  /** Bin centres: r in Å, θ in degrees; bin widths. */
  r_A: Float64Array;
  theta_deg: Float64Array;
  dr_A: number;
  dtheta_deg: number;
  /** g(r, θ), row-major [r][θ] (rBins × thetaBins), normalised to the ideal gas (see the file header). */
  g: Float64Array;
  /** Cation counts in each bin, summed over anions and frames, [r][θ]. */
  counts: Float64Array;
  /** Expected ideal-gas counts per bin, N_frames·N_anions·ρ·ΔV, [r][θ]. */
  ideal: Float64Array;
  /** Mean cation number density ρ, Å⁻³; anions, cations and frames counted. */
  density_per_A3: number;
  anions: number;
  cations: number;
  frames: number;
}

/** Streaming accumulator of g(r, θ) (see the file header). */
export class RadialAngularDistribution implements FrameAnalysis<RadialAngularResult> {
  private readonly rMax: number;
  private readonly nr: number;
  private readonly nt: number;
  private readonly counts: Float64Array;
  private groups: { centres: CentreGroup; cations: CentreGroup; axisAtoms: Int32Array; axisName: string } | null = null;
  private frames = 0;
  private rhoSum = 0;

  constructor(private readonly opts: RadialAngularOptions) {
    const where = { file: opts.source };
    this.rMax = requirePositiveLength(opts.rMax_A ?? 8, 'r_max', where);
    this.nr = requireBins(opts.rBins ?? 80, 'r bins', where);
    this.nt = requireBins(opts.thetaBins ?? 36, 'θ bins', where);
    if (opts.axisAtom !== undefined && !(Number.isInteger(opts.axisAtom) && opts.axisAtom >= 0))
      throw new InputError(`axis atom must be a whole number ≥ 0, got ${opts.axisAtom}`, where);
    this.counts = new Float64Array(this.nr * this.nt);
  }

  addFrame(frame: Frame, topology: Topology): void {
    const cell = frameCell(frame, topology, 'r–θ distribution', this.opts.source);
    const where = { file: this.opts.source, frame: frame.index };
    if (this.rMax > 0.5 * Math.min(...cell.perpendicularWidths())) {
      throw new InputError(
        `r_max ${this.rMax} Å exceeds half the smallest cell width (${(0.5 * Math.min(...cell.perpendicularWidths())).toFixed(2)} Å): a cation would be counted at several images`,
        where,
      );
    }
    const { centres: C, cations: K, axisAtoms } = this.groups ?? this.prepare(topology, frame);
    const set = C.molecules!;
    const pc = centrePositions(C, frame.positions, cell, topology.masses);
    const pk = centrePositions(K, frame.positions, cell, topology.masses);
    // Axis per anion: centre of mass of the whole molecule → the axis atom (same image).
    const whole = wholeMoleculePositions(frame.positions, cell, set);
    const axes = new Float64Array(3 * C.count);
    for (let m = 0; m < set.count; m++) {
      let mx = 0,
        my = 0,
        mz = 0,
        mt = 0,
        ax = 0,
        ay = 0,
        az = 0;
      for (let q = set.offsets[m]; q < set.offsets[m + 1]; q++) {
        const w = topology.masses[set.atoms[q]];
        mx += w * whole[3 * q];
        my += w * whole[3 * q + 1];
        mz += w * whole[3 * q + 2];
        mt += w;
        if (set.atoms[q] === axisAtoms[m]) {
          ax = whole[3 * q];
          ay = whole[3 * q + 1];
          az = whole[3 * q + 2];
        }
      }
      const x = ax - mx / mt,
        y = ay - my / mt,
        z = az - mz / mt,
        n = Math.hypot(x, y, z);
      if (!(n > 1e-6))
        throw new InputError(`anion ${m}: its axis atom sits on the centre of mass, so it defines no direction; choose another axis species`, where);
      axes[3 * m] = x / n;
      axes[3 * m + 1] = y / n;
      axes[3 * m + 2] = z / n;
    }
    const both = new Float64Array(3 * (C.count + K.count));
    both.set(pc, 0);
    both.set(pk, 3 * C.count);
    const pairs = neighborPairs(both, cell, this.rMax, {
      centers: Int32Array.from({ length: C.count }, (_, k) => k),
      neighbors: Int32Array.from({ length: K.count }, (_, k) => C.count + k),
    });
    const dr = this.rMax / this.nr,
      dt = Math.PI / this.nt;
    for (let p = 0; p < pairs.count; p++) {
      const r = pairs.r[p];
      if (!(r > 0) || r >= this.rMax) continue;
      const m = pairs.i[p];
      const cos = (pairs.d[3 * p] * axes[3 * m] + pairs.d[3 * p + 1] * axes[3 * m + 1] + pairs.d[3 * p + 2] * axes[3 * m + 2]) / r;
      const th = Math.acos(Math.max(-1, Math.min(1, cos)));
      this.counts[Math.min(this.nr - 1, Math.floor(r / dr)) * this.nt + Math.min(this.nt - 1, Math.floor(th / dt))]++;
    }
    this.rhoSum += K.count / cell.volume;
    this.frames++;
  }

  result(): RadialAngularResult {
    if (this.frames === 0 || !this.groups) throw new InputError('r–θ distribution: no frames were read', { file: this.opts.source });
    const { nr, nt } = this,
      dr = this.rMax / nr,
      dt = Math.PI / nt;
    const rho = this.rhoSum / this.frames,
      nA = this.groups.centres.count;
    const ideal = new Float64Array(nr * nt),
      g = new Float64Array(nr * nt);
    for (let i = 0; i < nr; i++)
      for (let j = 0; j < nt; j++) {
        const dV = ((((i + 1) * dr) ** 3 - (i * dr) ** 3) / 3) * 2 * Math.PI * (Math.cos(j * dt) - Math.cos((j + 1) * dt));
        const e = this.frames * nA * rho * dV;
        ideal[i * nt + j] = e;
        g[i * nt + j] = e > 0 ? this.counts[i * nt + j] / e : 0;
      }
    return {
      centre: this.opts.centre,
      cation: this.opts.cation,
      axis: this.groups.axisName,
      r_A: Float64Array.from({ length: nr }, (_, i) => (i + 0.5) * dr),
      theta_deg: Float64Array.from({ length: nt }, (_, j) => ((j + 0.5) * 180) / nt),
      dr_A: dr,
      dtheta_deg: 180 / nt,
      g,
      counts: this.counts.slice(),
      ideal,
      density_per_A3: rho,
      anions: nA,
      cations: this.groups.cations.count,
      frames: this.frames,
    };
  }

  /** Resolve anions, cations and each anion's axis atom on the first frame. */
  prepare(topology: Topology, firstFrame: Frame): NonNullable<RadialAngularDistribution['groups']> {
    const cell = frameCell(firstFrame, topology, 'r–θ distribution', this.opts.source);
    const where = { file: this.opts.source, frame: firstFrame.index };
    const o = { ...this.opts, where };
    const centres = resolveCentres(this.opts.centre, topology, firstFrame.positions, cell, o);
    if (centres.kind !== 'molecules')
      throw new InputError(
        `r–θ distribution: "${this.opts.centre}" is a single-atom species; an anion-fixed axis needs a molecular anion given by formula (e.g. PS4, BH4, B12H12)`,
        where,
      );
    const cations = resolveCentres(this.opts.cation, topology, firstFrame.positions, cell, o);
    const set = centres.molecules!;
    let name = this.opts.axisSpecies;
    if (!name) {
      // Heaviest species with more than one atom in the anion (S of PS4, B of B12H12, H of BH4).
      const n = new Map<number, number>();
      for (let q = set.offsets[0]; q < set.offsets[1]; q++) n.set(topology.species[set.atoms[q]], (n.get(topology.species[set.atoms[q]]) ?? 0) + 1);
      let best = -1;
      for (const [s, k] of n) {
        const mass = topology.masses[set.atoms.find((a) => topology.species[a] === s)!];
        if (k > 1 && mass > best) {
          best = mass;
          name = topology.symbols[s];
        }
      }
      if (!name)
        throw new InputError(
          `r–θ distribution: anion "${this.opts.centre}" has no species with several atoms to define an axis; give the axis species`,
          where,
        );
    }
    const code = topology.symbols.indexOf(name);
    if (code < 0) throw new InputError(`axis species "${name}" is not in the trajectory (${topology.symbols.join(', ')})`, where);
    const k = this.opts.axisAtom ?? 0;
    const axisAtoms = new Int32Array(set.count);
    for (let m = 0; m < set.count; m++) {
      const of = Array.from(set.atoms.subarray(set.offsets[m], set.offsets[m + 1])).filter((a) => topology.species[a] === code);
      if (of.length <= k)
        throw new InputError(`anion ${m} (${this.opts.centre}) has ${of.length} ${name} atoms; axis atom ${k} does not exist`, where);
      axisAtoms[m] = of[k];
    }
    // The centre species: the atom kind with one atom (P of PS4) names the axis, else "COM".
    const lone = Array.from(set.atoms.subarray(set.offsets[0], set.offsets[1])).map((a) => topology.symbols[topology.species[a]]);
    const single = [...new Set(lone)].find((s) => lone.filter((x) => x === s).length === 1);
    this.groups = { centres, cations, axisAtoms, axisName: `${single ?? 'COM'}→${name}` };
    return this.groups;
  }
}

/**
 * The θ-average of g(r, θ): per r shell, g(r) = Σ_θ N(r, θ) / Σ_θ N_ideal(r, θ). The solid-angle fractions of the
 * θ bins sum to 4π, so this is the anion-centre–cation radial distribution function on the same r bins (the
 * normalisation of src/structure/rdf.ts: shell volume × mean cation density).
 */
export function radialAngularShellAverage(r: RadialAngularResult): { r_A: Float64Array; g: Float64Array } {
  const nr = r.r_A.length,
    nt = r.theta_deg.length;
  const g = new Float64Array(nr);
  for (let i = 0; i < nr; i++) {
    let n = 0,
      e = 0;
    for (let j = 0; j < nt; j++) {
      n += r.counts[i * nt + j];
      e += r.ideal[i * nt + j];
    }
    g[i] = e > 0 ? n / e : 0;
  }
  return { r_A: r.r_A.slice(), g };
}

/**
 * The highest bin of g(r, θ) among bins expecting at least `minIdealCount` ideal-gas cations (few-count bins near
 * r = 0 and θ = 0°/180°, where the solid angle is small, are noise); null when no bin qualifies.
 */
export function radialAngularPeak(r: RadialAngularResult, minIdealCount = 20): { r_A: number; theta_deg: number; g: number; counts: number } | null {
  const nt = r.theta_deg.length;
  let best = -1;
  for (let b = 0; b < r.g.length; b++) if (r.ideal[b] >= minIdealCount && (best < 0 || r.g[b] > r.g[best])) best = b;
  if (best < 0) return null;
  return { r_A: r.r_A[Math.floor(best / nt)], theta_deg: r.theta_deg[best % nt], g: r.g[best], counts: r.counts[best] };
}
