/**
 * Readers over byte sources: the line readers take a path (Node) or the bytes themselves
 * (`{bytes, name}`: an ArrayBuffer or Uint8Array, e.g. a Blob's or a fetch body's bytes), plain or
 * gzip-compressed (DecompressionStream), and give bit-identical frames either way.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../src/core/frame';
import { readTrajectory } from '../../src/io/index';
import { ExtxyzReader } from '../../src/io/extxyz';
import { XdatcarReader } from '../../src/io/xdatcar';
import { ByteLineReader, GzipStreamError } from '../../src/io/byteLineReader';
import type { FormatReader } from '../../src/io/readOptions';

const DATA = path.resolve(__dirname, '../../data');
const LGPS = path.join(DATA, 'Li10GeP2S12_600K_AIMD.extxyz.gz');
const ARGY = path.join(DATA, 'Li6PS5Cl_0pct_500K_XDATCAR.gz');

async function allFrames(r: FormatReader): Promise<Frame[]> {
  r.setSelection(null); // all atoms, as openTrajectory does without --atoms
  const out: Frame[] = [];
  for (let i = 0; ; i++) {
    const f = await r.readFrame(i);
    if (!f) break;
    out.push(f);
  }
  return out;
}

describe('line readers over bytes in memory', () => {
  it('extxyz: gzip bytes, plain bytes and the file path give the same frames', async () => {
    const gz = readFileSync(LGPS);
    const byPath = await readTrajectory(LGPS);
    for (const bytes of [gz, gunzipSync(gz), new Uint8Array(gz).buffer]) {
      const r = await ExtxyzReader.open({ bytes, name: 'upload.extxyz.gz' }, {});
      expect(r.topology.symbols).toEqual(byPath.topology.symbols);
      expect(r.info.source).toBe('upload.extxyz.gz');
      const frames = await allFrames(r);
      expect(frames.length).toBe(byPath.nFrames);
      for (const k of [0, 7, frames.length - 1]) {
        expect(Array.from(frames[k].positions)).toEqual(Array.from(byPath.framePositions(k)));
        expect(Array.from(frames[k].cell!.matrix)).toEqual(Array.from(byPath.cells!.subarray(9 * k, 9 * k + 9)));
      }
      await r.close();
    }
  }, 60_000);

  it('XDATCAR from gzip bytes equals the file', async () => {
    const byPath = await readTrajectory(ARGY);
    const r = await XdatcarReader.open({ bytes: readFileSync(ARGY), name: 'XDATCAR.gz' }, {});
    const frames = await allFrames(r);
    expect(frames.length).toBe(byPath.nFrames);
    expect(Array.from(frames[frames.length - 1].positions)).toEqual(Array.from(byPath.framePositions(byPath.nFrames - 1)));
  }, 60_000);

  it('a truncated gzip in memory is one clear InputError naming the source and the last complete line', async () => {
    const gz = readFileSync(LGPS);
    const r = await ExtxyzReader.open({ bytes: gz.subarray(0, Math.floor(gz.length / 2)), name: 'cut.extxyz.gz' }, {});
    let err: unknown;
    try {
      await allFrames(r);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GzipStreamError);
    expect(String((err as Error).message)).toMatch(/cut\.extxyz\.gz.*gzip stream ends early .*file truncated\?/);
    expect(() => ByteLineReader.fromBytes({ bytes: Uint8Array.from([0x1f, 0x8b, 9, 0, 0, 0, 0, 0, 0, 0]), name: 'x.gz' })).toThrow(
      /compression method 9/,
    );
  }, 60_000);
});
