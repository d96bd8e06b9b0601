/**
 * Frame ranges of an uncompressed text trajectory for readers on several threads (issue 19): where frame g
 * starts (byte offset, line) found by counting lines, so that each worker opens the file and parses only its
 * own contiguous frames (src/analyse/frameParallel.ts) instead of stepping over every frame of the file.
 *
 * The line formats that can be read from the middle (extxyz / XYZ, CP2K xyz, XDATCAR, LAMMPS dump: the
 * readers' `seekFrameStart`) store every frame in the same number of lines L (atom count fixed by the first
 * frame; a variable-cell XDATCAR repeats its 7-line header per frame). The layout is measured by the reader
 * itself on frames 0–3: frame g ≥ 1 starts on line s₁ + (g − 1)·L, where s₁ is the line after frame 0.
 * A boundary is then the byte offset of that line, found by counting newlines (Buffer.indexOf, memchr:
 * ≈ 1 GB/s, far less than parsing). A file whose frames are not uniform (blank lines between some frames,
 * comment lines) is caught by the range readers: each reads the first frame of the next range and checks
 * it starts on the line the layout predicts (src/analyse/frameParallel.ts falls back to interleaving).
 * A gzip file cannot be read from an offset: no layout (null).
 */
import { formatSpec } from './formatRegistry.js';
import { nodeFsPromises } from './nodeModules.js';
import type { ReadOptions, TrajectoryFormat } from './readOptions.js';
import { sniffFormat } from './sniffFormat.js';

/** How frames sit in a file: frame g ≥ 1 starts on line `frame1Line + (g − 1)·linesPerFrame`. */
export interface FrameLayout {
  /** The file's format (as sniffed, or as given). */
  format: TrajectoryFormat;
  /** 1-based line where frame 1 starts (the line after frame 0). */
  frame1Line: number;
  /** Lines per frame (header lines included). */
  linesPerFrame: number;
  /** Size of the file, bytes. */
  fileBytes: number;
}

/** The start of frame `frame`: byte `offset` of line `line` (1-based). */
export interface FrameBoundary {
  frame: number;
  line: number;
  offset: number;
}

/**
 * The frame layout of `path` measured on frames 0–3 by its reader, or null when the file cannot be split
 * this way (gzip, a format without `seekFrameStart`, fewer than four frames, frames of unequal line counts,
 * or a reading error, which the one-thread pass reports in its own words).
 */
export async function frameLayout(path: string, opts: ReadOptions): Promise<FrameLayout | null> {
  let reader, format: TrajectoryFormat;
  try {
    format = opts.format ?? (await sniffFormat(path));
    reader = await formatSpec(format, path).open(path, { ...opts, onWarning: () => undefined });
  } catch {
    return null;
  }
  try {
    if (reader.compressed() || !reader.seekFrameStart || !reader.nextLine) return null;
    const s: number[] = [];
    for (let f = 0; f < 3; f++) {
      if (!(await reader.skipFrame(f))) return null;
      s.push(reader.nextLine());
    }
    const L = s[1] - s[0];
    if (!(L > 0) || s[2] - s[1] !== L) return null;
    return { format, frame1Line: s[0], linesPerFrame: L, fileBytes: reader.totalBytes() };
  } catch {
    return null;
  } finally {
    await reader.close();
  }
}

/**
 * Frame boundaries about `chunkBytes` apart, in file order, by counting the file's newlines: each is the first
 * frame (g ≥ 1) starting at least `chunkBytes` after the previous boundary (the first: after byte `chunkBytes`).
 * Frames are assumed to follow `layout` (the range readers check it).
 */
export async function* frameBoundaries(path: string, layout: FrameLayout, chunkBytes: number): AsyncGenerator<FrameBoundary> {
  const fh = await nodeFsPromises().open(path, 'r');
  const buf = Buffer.allocUnsafe(1 << 22);
  const L = layout.linesPerFrame;
  let pos = 0, // file offset of buf[0]
    line = 1, // number of the line that starts after the last newline counted
    frame = 1,
    frameLine = layout.frame1Line,
    target = chunkBytes;
  try {
    for (;;) {
      const { bytesRead: got } = await fh.read(buf, 0, buf.length, pos);
      if (got === 0) return;
      let i = 0;
      for (;;) {
        const nl = buf.indexOf(10, i);
        if (nl < 0 || nl >= got) break;
        i = nl + 1;
        if (++line === frameLine) {
          const offset = pos + i;
          if (offset >= layout.fileBytes) return;
          if (offset >= target) {
            yield { frame, line, offset };
            target = offset + chunkBytes;
          }
          frame++;
          frameLine += L;
        }
      }
      pos += got;
    }
  } finally {
    await fh.close();
  }
}
