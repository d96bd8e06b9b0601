/**
 * The samples of a density of atomistic states (Wang, Liu & Mo, Angew. Chem. 2023), collected from ONE
 * streamed pass over a trajectory: for every frame, the per-atom energy E_i of each ion of the mobile
 * species (and, when asked, the label of its local state: neighbouring cations, coordinating anions;
 * classifyMobileStates.ts). Only these numbers are kept — 8 bytes per ion per frame, plus a label
 * reference when classifying — never the frames, so a run far larger than memory gives its DOAS.
 *
 * Wang 2023 takes the energies of relaxed snapshots: give `relax`, a function that returns the
 * FIRE-relaxed frame with its per-atom energies (relaxedAtomicEnergies.ts relaxes one frame at a time),
 * and the energies and labels are taken from the relaxed frame; one frame is relaxed and dropped before
 * the next is read. The samples equal `mobileAtomEnergies` (and the labels of each frame in order) of
 * the whole trajectory read into memory.
 */
import type { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import type { Frame, SourceInfo } from '../core/frame.js';
import type { FrameAnalysis, FrameContext } from '../core/frameAnalysis.js';
import { requireMemory } from '../core/memoryBudget.js';
import type { Topology } from '../core/topology.js';
import { indicesOf } from '../core/topology.js';
import { classifyMobileStates } from './classifyMobileStates.js';

export interface AtomisticStateSampleOptions {
  /** Mobile species whose per-atom energies are sampled (e.g. "Li"). */
  species: string;
  /** Label each ion's state: the parts of the label, the anion species (for 'anions') and the cutoff (Å, default 3). */
  classify?: { parts: ('cations' | 'anions')[]; anions?: string[]; cutoff_A?: number };
  /** Relax each frame before sampling (returns the relaxed frame with `energies`), e.g. FIRE with a force field. */
  relax?: (frame: Frame, topology: Topology) => Frame;
  /** The source, for messages. */
  info?: SourceInfo;
}

/** The collected samples. */
export interface AtomisticStateSamples {
  /** Per-atom energies of the mobile ions, frame-major (frame × ion), eV. */
  energies_eV: Float64Array;
  /** State label of each sample (same order), when classifying. */
  classes?: string[];
  nFrames: number;
  nIons: number;
}

const CHUNK_FRAMES = 1024;

/** Collect the DOAS samples frame by frame (a `FrameAnalysis`; see the file header). */
export class AtomisticStateSampler implements FrameAnalysis<AtomisticStateSamples> {
  private sel: { mobile: Int32Array; anions?: Int32Array; source?: string } | null = null;
  private chunks: Float64Array[] = [];
  private classes: string[] | undefined;
  private labels = new Map<string, string>();
  private nf = 0;

  constructor(private readonly opts: AtomisticStateSampleOptions) {
    const c = opts.classify;
    if (c) {
      for (const p of c.parts) if (p !== 'cations' && p !== 'anions') throw new InputError(`classify accepts cations, anions; got "${p}"`);
      if (c.parts.includes('anions') && !c.anions?.length) throw new InputError('classifying by anions needs the anion species');
      if (c.cutoff_A !== undefined && !(c.cutoff_A > 0))
        throw new InputError(`the classification cutoff must be a positive distance in Å, got ${c.cutoff_A}`);
      this.classes = [];
    }
  }

  /** Resolve the mobile ions (and the anions when classifying). */
  prepare(topology: Topology, firstFrame: Frame, context: FrameContext = {}): NonNullable<AtomisticStateSampler['sel']> {
    const source = context.source ?? this.opts.info?.source;
    const where = { file: source, frame: firstFrame.index };
    const mobile = indicesOf(topology, this.opts.species, where);
    const an = this.opts.classify?.anions;
    const anions = an?.length ? indicesOf(topology, an, where) : undefined;
    return (this.sel = { mobile, anions, source });
  }

  addFrame(input: Frame, topology: Topology): void {
    const { mobile, anions, source } = this.sel ?? this.prepare(topology, input);
    const fr = this.opts.relax ? this.opts.relax(input, topology) : input;
    const where = { file: source, frame: input.index };
    const e = fr.energies;
    if (!e) {
      throw new InputError(
        'per-atom energies missing: the DOAS needs a per-atom energy column (extxyz energies/energy/c_pe/atom_ener, LAMMPS c_pe) or energies from the simulation engine after static relaxation',
        where,
      );
    }
    const n = mobile.length;
    const c = this.nf % CHUNK_FRAMES;
    if (c === 0) {
      requireMemory(
        (this.nf + CHUNK_FRAMES) * n * (this.classes ? 16 : 8) * 2,
        `keeping the per-atom energies of ${n} ${this.opts.species} ions over ${this.nf + CHUNK_FRAMES} frames for the DOAS`,
        where,
      );
      this.chunks.push(new Float64Array(CHUNK_FRAMES * n));
    }
    const out = this.chunks[this.chunks.length - 1];
    for (let k = 0; k < n; k++) {
      const x = e[mobile[k]];
      if (!this.opts.relax && !Number.isFinite(x)) throw new InputError(`per-atom energy of atom ${mobile[k]} is not finite (${x})`, where);
      out[c * n + k] = x;
    }
    if (this.classes) {
      const cl = this.opts.classify!;
      const cutoff = cl.cutoff_A ?? 3;
      if (!fr.cell) throw new InputError('classifying states needs a periodic cell; the frame has none', where);
      const labels = classifyMobileStates(fr.positions, fr.cell as Cell, topology, {
        mobile,
        anions,
        parts: cl.parts,
        neighbourCutoff_A: cutoff,
        anionCutoff_A: cutoff,
      });
      for (const l of labels) {
        // one string per distinct label (a handful), not one per ion and frame
        let u = this.labels.get(l);
        if (u === undefined) this.labels.set(l, (u = l));
        this.classes.push(u);
      }
    }
    this.nf++;
  }

  result(): AtomisticStateSamples {
    const n = this.sel?.mobile.length ?? 0;
    if (this.nf === 0) throw new InputError('no frames found; expected at least one', { file: this.sel?.source ?? this.opts.info?.source });
    const out = new Float64Array(this.nf * n),
      per = CHUNK_FRAMES * n;
    this.chunks.forEach((ch, j) => out.set(ch.subarray(0, Math.min(per, out.length - j * per)), j * per));
    return { energies_eV: out, classes: this.classes?.slice(), nFrames: this.nf, nIons: n };
  }
}
