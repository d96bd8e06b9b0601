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
import type { ByteInput } from '../../src/io/byteSource';
import { DcdReader } from '../../src/io/dcd';
import { AseTrajReader } from '../../src/io/aseTraj';

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

describe('binary readers over random access: a path, bytes in memory or a Blob', () => {
  const CONF = path.resolve(__dirname, '../fixtures/conformance');
  const cases: { file: string; open: (input: ByteInput) => Promise<FormatReader> }[] = [
    { file: path.join(CONF, 'mdanalysis', 'tip125_tric_C36.dcd'), open: (i) => DcdReader.open(i, { typeMap: Array(375).fill('O') }) },
    { file: path.join(CONF, 'mdanalysis', 'watdyn.dcd'), open: (i) => DcdReader.open(i, { typeMap: Array(15).fill('O') }) },
    { file: path.join(CONF, 'ase', 'md.traj'), open: (i) => AseTrajReader.open(i, { onWarning: () => undefined }) },
  ];
  for (const c of cases) {
    it(`${path.basename(c.file)}: Uint8Array, ArrayBuffer and Blob give the frames of the path, bit for bit`, async () => {
      const r0 = await c.open(c.file);
      const byPath = await allFrames(r0);
      await r0.close();
      const buf = readFileSync(c.file);
      const ab = new Uint8Array(buf).buffer;
      for (const bytes of [buf, ab, new Blob([buf])]) {
        const r = await c.open({ bytes, name: path.basename(c.file) });
        expect(r.info.source).toBe(path.basename(c.file));
        const frames = await allFrames(r);
        await r.close();
        expect(frames.length).toBe(byPath.length);
        expect(frames.length).toBeGreaterThan(1);
        frames.forEach((f, k) => {
          const g = byPath[k];
          expect(Array.from(f.positions)).toEqual(Array.from(g.positions));
          expect(f.cell?.matrix ? Array.from(f.cell.matrix) : null).toEqual(g.cell?.matrix ? Array.from(g.cell.matrix) : null);
          expect(f.velocities ? Array.from(f.velocities) : null).toEqual(g.velocities ? Array.from(g.velocities) : null);
          expect(f.forces ? Array.from(f.forces) : null).toEqual(g.forces ? Array.from(g.forces) : null);
          expect(f.energy_eV).toBe(g.energy_eV);
        });
      }
    });
  }

  it('a cut DCD or .traj in memory is the same InputError as the cut file, naming the given name', async () => {
    const dcd = readFileSync(path.join(CONF, 'mdanalysis', 'watdyn.dcd'));
    const cut = dcd.subarray(0, dcd.length - 100);
    const warnings: string[] = [];
    const r = await DcdReader.open({ bytes: cut, name: 'cut.dcd' }, { typeMap: Array(15).fill('O'), onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual(['cut.dcd: the DCD header says 10 frames but the file holds 9 whole frames; reading those']);
    await expect(allFrames(r)).rejects.toThrow(/^cut\.dcd, frame 9: truncated DCD: frame 9 needs \d+ bytes, \d+ remain/);
    const traj = readFileSync(path.join(CONF, 'ase', 'md.traj'));
    await expect(AseTrajReader.open({ bytes: new Blob([traj.subarray(0, 60)]), name: 'cut.traj' }, { onWarning: () => undefined })).rejects.toThrow(
      /^cut\.traj: ASE trajectory header says \d+ frames with their table at byte \d+, beyond the file's 60 bytes/,
    );
  });
});
