// Frame ranges (src/io/frameRanges.ts, src/analyse/frameParallel.ts; workers load dist/, built by `npm test`): each
// worker parses only its own frames of an uncompressed file. Checked against independent references: the boundaries
// against a direct line split of the file (every boundary line is the start of the frame it names), the analyses
// against the one-thread pass bit for bit (RDF, coordination; XDATCAR, extxyz, LAMMPS dump; 2 and 3 threads, frame
// selections), a file whose frames are not uniform falls back to interleaving with the same result, and bad input in
// a later range gives the one-thread pass's InputError (message, file, frame, line), the first bad frame first.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { analyseFileParallel, type ParallelReadOptions } from '../../src/analyse/frameParallel';
import type { SplitAnalysisSpec, SplitFrameAnalysis } from '../../src/analyse/splitAnalyses';
import { InputError } from '../../src/core/errors';
import { frameBoundaries, frameLayout } from '../../src/io/frameRanges';
import { tmpFile } from '../io/helpers';

const DATA = path.resolve(__dirname, '../../data');
const text = (f: string) => gunzipSync(readFileSync(path.join(DATA, f))).toString('latin1');
const ARG_TEXT = text('Li6PS5Cl_50pct_500K_XDATCAR.gz');
const LGPS_TEXT = text('Li10GeP2S12_600K_AIMD.extxyz.gz');
const ARG = tmpFile('Li6PS5Cl_50pct_XDATCAR', ARG_TEXT);
const LGPS = tmpFile('LGPS.extxyz', LGPS_TEXT);

/** The LGPS extxyz frames as a LAMMPS dump (element column, ids shuffled per frame: the reader sorts them). */
function lgpsDump(): string {
  const lines = LGPS_TEXT.split('\n');
  const n = Number(lines[0]);
  let out = '';
  for (let f = 0; (n + 2) * f + 1 < lines.length - 1; f++) {
    const c = lines[(n + 2) * f + 1];
    const lat = /Lattice="([^"]+)"/.exec(c)![1].split(/\s+/).map(Number);
    out += `ITEM: TIMESTEP\n${100 * f}\nITEM: NUMBER OF ATOMS\n${n}\nITEM: BOX BOUNDS pp pp pp\n`;
    out += `0 ${lat[0]}\n0 ${lat[4]}\n0 ${lat[8]}\n`; // the orthogonal part of the nearly orthogonal LGPS cell
    out += 'ITEM: ATOMS id element x y z\n';
    for (let i = 0; i < n; i++) {
      const k = (i * 7 + f) % n; // a different line order per frame
      const t = lines[(n + 2) * f + 2 + k].trim().split(/\s+/);
      out += `${k + 1} ${t[0]} ${t[1]} ${t[2]} ${t[3]}\n`;
    }
  }
  return out;
}
const DUMP = tmpFile('LGPS.lammpstrj', lgpsDump());

/** Plain JSON of a result with typed arrays as arrays (toEqual on it is exact equality of every number). */
const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)));
const SMALL: ParallelReadOptions = { rangeBytes: 60_000 }; // many ranges on these small files

async function results(file: string, specs: SplitAnalysisSpec[], threads: number, read = {}, how = SMALL) {
  const r = await analyseFileParallel<SplitFrameAnalysis & { result(): unknown }>(file, read, specs, threads, undefined, how);
  return { split: r.split, nFrames: r.nFrames, results: plain(r.analyses.map((a) => a.result())) };
}

async function errorOf(p: Promise<unknown>): Promise<InputError> {
  try {
    await p;
  } catch (e) {
    return e as InputError;
  }
  throw new Error('expected an error');
}

describe('frame layout and boundaries', () => {
  it('every boundary is the start of the frame it names (XDATCAR: "Direct configuration= g+1"; extxyz: count line)', async () => {
    const argLines = ARG_TEXT.split('\n');
    const l = (await frameLayout(ARG, {}))!;
    expect(l).toMatchObject({ format: 'xdatcar', frame1Line: 8 + 417, linesPerFrame: 417 });
    let n = 0;
    for await (const b of frameBoundaries(ARG, l, 50_000)) {
      expect(Number(/^Direct configuration=\s*(\d+)$/.exec(argLines[b.line - 1])![1])).toBe(b.frame + 1);
      expect(Buffer.byteLength(argLines.slice(0, b.line - 1).join('\n') + '\n', 'latin1')).toBe(b.offset);
      n++;
    }
    expect(n).toBeGreaterThan(30);
    const x = (await frameLayout(LGPS, {}))!;
    const xl = LGPS_TEXT.split('\n');
    for await (const b of frameBoundaries(LGPS, x, 30_000)) {
      expect(xl[b.line - 1]).toBe('50');
      expect(xl[b.line]).toContain('Lattice=');
      expect(b.line).toBe(1 + 52 * b.frame);
    }
    // gzip cannot be read from an offset
    expect(await frameLayout(path.join(DATA, 'Li6PS5Cl_50pct_500K_XDATCAR.gz'), {})).toBeNull();
  });
});

const rdf = (file: string, a: string, b: string): SplitAnalysisSpec => ({ kind: 'rdf', options: { a, b, rmax_A: 6, source: file } });
const cn = (file: string): SplitAnalysisSpec => ({ kind: 'coordination', options: { centre: 'S', neighbor: 'Li', cutoff_A: 3.0, source: file } });

describe('frame ranges equal one thread exactly', () => {
  for (const [name, file, pair] of [
    ['XDATCAR', ARG, ['Li', 'S']],
    ['extxyz', LGPS, ['Li', 'S']],
    ['LAMMPS dump', DUMP, ['Li', 'P']],
  ] as const) {
    it(
      name,
      async () => {
        const specs = [rdf(file, pair[0], pair[1]), cn(file)];
        for (const read of [{}, { frames: { start: 3, stride: 4 } }, { atoms: ['Li', 'S', 'P'], frames: { start: 7, end: 120 } }]) {
          const one = await results(file, specs, 1, read);
          for (const threads of [2, 3]) {
            const many = await results(file, specs, threads, read);
            expect(many.split).toBe('ranges');
            expect(many.nFrames).toBe(one.nFrames);
            expect(many.results).toEqual(one.results);
          }
        }
      },
      120_000,
    );
  }

  it('a file whose frames are not uniform (blank lines between some) falls back to interleaving, same result', async () => {
    const lines = LGPS_TEXT.split('\n');
    const bumpy = lines.map((l, i) => (i > 0 && i % 52 === 0 && i % (52 * 9) === 0 ? `\n${l}` : l)).join('\n');
    const file = tmpFile('bumpy.extxyz', bumpy);
    const specs = [rdf(file, 'Li', 'S')];
    const one = await results(file, specs, 1);
    const many = await results(file, specs, 2);
    expect(many.split).toBe('interleaved');
    expect(many.results).toEqual(one.results);
  }, 60_000);
});

describe('bad input in a later range gives the one-thread InputError', () => {
  it('a non-number in frame 100 (and another in frame 130): the same message, file, frame and line', async () => {
    const lines = ARG_TEXT.split('\n');
    const at = (f: number, atom: number) => 8 + f * 417 + atom; // 0-based index of the atom's line
    lines[at(100, 5)] = '0.1 0.2 x0.3';
    lines[at(130, 9)] = '0.1 zz 0.3';
    const file = tmpFile('bad_XDATCAR', lines.join('\n'));
    const specs = [rdf(file, 'Li', 'S')];
    const one = await errorOf(results(file, specs, 1));
    expect(one).toBeInstanceOf(InputError);
    expect(one.frame).toBe(100);
    for (const threads of [2, 3]) {
      const e = await errorOf(results(file, specs, threads));
      expect(e).toBeInstanceOf(InputError);
      expect(e.message).toBe(one.message);
      expect([e.file, e.frame, e.line]).toEqual([one.file, one.frame, one.line]);
    }
  }, 60_000);

  it('XDATCAR numbering that restarts at a range boundary (two runs appended) is refused as in one thread', async () => {
    const lines = ARG_TEXT.split('\n');
    for (let f = 70; f < 140; f++) lines[7 + f * 417] = `Direct configuration=${String(f - 69).padStart(6)}`;
    const file = tmpFile('appended_XDATCAR', lines.join('\n'));
    const specs = [rdf(file, 'Li', 'S')];
    const one = await errorOf(results(file, specs, 1));
    expect(one.message).toMatch(/numbering restarts/);
    for (const rangeBytes of [60_000, 7 * 417 * 34]) {
      const e = await errorOf(results(file, specs, 2, {}, { rangeBytes }));
      expect(e.message).toBe(one.message);
    }
  }, 60_000);
});
