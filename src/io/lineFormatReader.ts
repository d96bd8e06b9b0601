/**
 * What the line-based trajectory readers (extxyz, CP2K xyz, LAMMPS dump, XDATCAR/POSCAR) share: a
 * ByteLineReader on the file, error locations naming it, the atom selection (file atom → output
 * slot), progress counters, and opening with the file closed again when the header is bad.
 * Each format subclasses it and parses its own headers and frames.
 */
import type { Cell } from '../core/cell.js';
import { InputError, InputErrorLocation } from '../core/errors.js';
import { requireMemory } from '../core/memoryBudget.js';
import type { Frame, SourceInfo } from '../core/frame.js';
import type { Topology } from '../core/topology.js';
import { ByteLineReader, type ByteInput } from './byteLineReader.js';
import { FormatReader, ReadOptions, SkippedFrame, slotMap } from './readOptions.js';

/** Bytes a line reader needs per atom of a frame (the line's bytes and offsets, topology, positions). */
export const READ_BYTES_PER_ATOM = 160;

export abstract class LineFormatReader implements FormatReader {
  topology!: Topology;
  info!: SourceInfo;
  /** Atoms per frame in the file. */
  protected nAtoms = 0;
  /** Output slot of each file atom (−1: not kept), or null to keep all atoms in file order. */
  protected map: Int32Array | null = null;
  /** Atoms per output frame. */
  protected nOut = 0;
  /** File atom of each output slot (null: slot = file atom). */
  protected idx: Int32Array | null = null;
  /** Line of the first atom line of the last frame read (atom k is on this + k), or −1 if unknown. */
  protected firstAtomLine = -1;

  protected constructor(
    protected readonly r: ByteLineReader,
    protected readonly opts: ReadOptions,
  ) {}

  /**
   * Open `path` (a file, or the bytes themselves: {@link ByteInput}), make the reader and run
   * `init` (header parsing) on it; the file is closed if `init` throws.
   */
  protected static async openWith<R extends LineFormatReader>(
    path: ByteInput,
    make: (r: ByteLineReader) => R,
    init: (reader: R) => Promise<void>,
  ): Promise<R> {
    const r = await ByteLineReader.open(path);
    const x = make(r);
    try {
      await init(x);
    } catch (e) {
      await r.close();
      throw e;
    }
    return x;
  }

  /**
   * Check a declared atom count before anything is allocated for it: reading a frame of `n` atoms
   * holds its lines and per-atom arrays ({@link READ_BYTES_PER_ATOM} each, within the memory
   * budget), and an uncompressed file must still hold at least `minBytesPerAtom` bytes per atom.
   */
  protected checkDeclaredCount(n: number, minBytesPerAtom: number, where: InputErrorLocation): void {
    if (!Number.isSafeInteger(n) || n < 0) throw new InputError(`atom count ${n}; expected a non-negative integer`, where);
    if (!this.r.gzip) {
      const left = this.r.fileSize - this.r.bytesConsumed;
      if (n * minBytesPerAtom > left) {
        throw new InputError(
          `declares ${n} atoms, which need at least ${n * minBytesPerAtom} bytes of atom lines, but only ${left} bytes follow; a corrupt count?`,
          where,
        );
      }
    }
    requireMemory(n * READ_BYTES_PER_ATOM, `a frame of ${n} atoms (as the file declares)`, where);
  }

  /** The next line's text (consumed), or null at the end of the file. */
  protected async next(): Promise<string | null> {
    if ((await this.r.ensureLines(1)) === 0) return null;
    const t = this.r.lineText(0);
    this.r.consume(1);
    return t;
  }

  /**
   * The frame of one ionic step of an ab-initio output (OUTCAR, vasprun.xml, pw.x): positions with the
   * forces and energy (eV) the step printed, if any, and time index · dt when the run states its MD step.
   */
  protected static stepFrame(
    index: number,
    cell: Cell | null,
    positions: Float64Array,
    o: { forces?: Float64Array | null; energy_eV?: number; mdStep_fs?: number },
  ): Frame {
    const f: Frame = { index, cell, positions };
    if (o.forces) f.forces = o.forces;
    if (o.energy_eV !== undefined) f.energy_eV = o.energy_eV;
    if (o.mdStep_fs !== undefined) f.time_fs = index * o.mdStep_fs;
    return f;
  }

  /** What skipping step `index` returns: its time when the run states its MD step. */
  protected static skippedStep(index: number, mdStep_fs: number | undefined): SkippedFrame {
    return { time_fs: mdStep_fs !== undefined ? index * mdStep_fs : undefined };
  }

  /** Error location in this file (plus frame / line). */
  protected where(extra: InputErrorLocation = {}): InputErrorLocation {
    return { file: this.r.path, ...extra };
  }

  setSelection(idx: Int32Array | null): void {
    this.map = slotMap(this.nAtoms, idx);
    this.nOut = idx ? idx.length : this.nAtoms;
    this.idx = idx;
  }

  /** Line (1-based) of output slot `slot` in the last frame read, if known. */
  lineOfAtom(slot: number): number | undefined {
    if (this.firstAtomLine < 0) return undefined;
    return this.firstAtomLine + (this.idx ? this.idx[slot] : slot);
  }

  /** File atom index of output slot `slot`. */
  fileAtom(slot: number): number {
    return this.idx ? this.idx[slot] : slot;
  }

  /** The 1-based number of the next line to be read. */
  nextLine(): number {
    return this.r.lineNo;
  }

  /**
   * Restart at byte `offset` (the start of line `line`, where a frame begins) for a format that
   * overrides seekFrameStart, after which it resets its per-frame state; false on a gzip source.
   */
  protected seekTo(offset: number, line: number): boolean {
    if (!this.r.seekable) return false;
    this.r.seek(offset, line);
    this.firstAtomLine = -1;
    return true;
  }

  abstract readFrame(index: number): Promise<Frame | null>;
  abstract skipFrame(index: number): Promise<SkippedFrame | null>;

  bytesRead(): number {
    return this.r.bytesConsumed;
  }
  totalBytes(): number {
    return this.r.fileSize;
  }
  compressed(): boolean {
    return this.r.gzip;
  }
  close(): Promise<void> {
    return this.r.close();
  }
}
