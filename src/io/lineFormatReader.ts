/**
 * What the line-based trajectory readers (extxyz, CP2K xyz, LAMMPS dump, XDATCAR/POSCAR) share: a
 * ByteLineReader on the file, error locations naming it, the atom selection (file atom → output
 * slot), progress counters, and opening with the file closed again when the header is bad.
 * Each format subclasses it and parses its own headers and frames.
 */
import type { InputErrorLocation } from '../core/errors.js';
import type { Frame, SourceInfo } from '../core/frame.js';
import type { Topology } from '../core/topology.js';
import { ByteLineReader } from './byteLineReader.js';
import { FormatReader, ReadOptions, SkippedFrame, slotMap } from './readOptions.js';

export abstract class LineFormatReader implements FormatReader {
  topology!: Topology;
  info!: SourceInfo;
  /** Atoms per frame in the file. */
  protected nAtoms = 0;
  /** Output slot of each file atom (−1: not kept), or null to keep all atoms in file order. */
  protected map: Int32Array | null = null;
  /** Atoms per output frame. */
  protected nOut = 0;

  protected constructor(protected readonly r: ByteLineReader, protected readonly opts: ReadOptions) {}

  /**
   * Open `path`, make the reader and run `init` (header parsing) on it; the file is closed if
   * `init` throws.
   */
  protected static async openWith<R extends LineFormatReader>(
    path: string, make: (r: ByteLineReader) => R, init: (reader: R) => Promise<void>,
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

  /** Error location in this file (plus frame / line). */
  protected where(extra: InputErrorLocation = {}): InputErrorLocation {
    return { file: this.r.path, ...extra };
  }

  setSelection(idx: Int32Array | null): void {
    this.map = slotMap(this.nAtoms, idx);
    this.nOut = idx ? idx.length : this.nAtoms;
  }

  abstract readFrame(index: number): Promise<Frame | null>;
  abstract skipFrame(index: number): Promise<SkippedFrame | null>;

  bytesRead(): number { return this.r.bytesConsumed; }
  totalBytes(): number { return this.r.fileSize; }
  compressed(): boolean { return this.r.gzip; }
  close(): Promise<void> { return this.r.close(); }
}
