/**
 * A truncated gzip file names the file, the last frame read whole and the last complete line (it used
 * to say only "gzip data is corrupt or truncated (unexpected end of file)"); XDATCAR messages also give
 * the file's own block label ("Direct configuration= 30" is frame 29 counted from 0).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { GzipStreamError } from '../../src/io/byteLineReader';
import { openTrajectory, readTrajectory, scanTrajectory } from '../../src/io/index';
import { DATA, tmpFile } from './helpers';

/** Lines of the decompressible prefix of a cut gzip file: what any reader can have seen whole. */
function completeLines(cut: Buffer): number {
  const text = gunzipSync(cut, { finishFlush: constants.Z_SYNC_FLUSH }).toString('latin1');
  return text.split('\n').length - 1;
}

const grouped = (n: number) => n.toLocaleString('en-US');

async function error(p: Promise<unknown>): Promise<InputError> {
  const e = await p.then(
    () => null,
    (x) => x,
  );
  expect(e).toBeInstanceOf(InputError);
  return e as InputError;
}

/** extxyz of `n` frames, 3 atoms each (5 lines per frame), with enough random digits that gzip cannot squeeze it. */
function extxyz(n: number): string {
  let s = '';
  let x = 12345;
  const r = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return ((x / 2147483648) * 10).toFixed(9);
  };
  for (let f = 0; f < n; f++) {
    s += `3\nLattice="10 0 0 0 10 0 0 0 10" Properties=species:S:1:pos:R:3 Time=${f * 2}\n`;
    for (let i = 0; i < 3; i++) s += `Li ${r()} ${r()} ${r()}\n`;
  }
  return s;
}

describe('truncated gzip', () => {
  const whole = gzipSync(extxyz(4000));
  const cut = whole.subarray(0, Math.floor(whole.length * 0.6));
  const file = tmpFile('cut.extxyz.gz', Buffer.alloc(0));
  writeFileSync(file, cut);
  const L = completeLines(cut);
  const K = Math.floor(L / 5); // frames read whole

  it('openTrajectory: names the file, the last complete frame and line', async () => {
    expect(L).toBeGreaterThan(1000);
    const e = await error(readTrajectory(file));
    expect(e).toBeInstanceOf(GzipStreamError);
    expect(e.message).toBe(
      `${file}: gzip stream ends early after frame ${K - 1} (${K} complete frames, counted from 0; last complete line ${grouped(L)}): file truncated? (zlib: unexpected end of file)`,
    );
  });
  it('streaming with a frame selection, and scanTrajectory (info) say the same', async () => {
    const s = await openTrajectory(file, { atoms: 'Li', frames: { stride: 7 } });
    const e = await error(
      (async () => {
        for await (const _ of s) void _;
      })(),
    );
    expect(e.message).toContain(`after frame ${K - 1} (${K} complete frames`);
    const e2 = await error(scanTrajectory(file));
    expect(e2.message).toContain(`after frame ${K - 1} (${K} complete frames, counted from 0; last complete line ${grouped(L)})`);
  });
  it('cut inside the first frame: no frame complete', async () => {
    const tiny = gzipSync(extxyz(1));
    const f2 = tmpFile('tiny.extxyz', Buffer.alloc(0));
    writeFileSync(f2, tiny.subarray(0, tiny.length - 12));
    const e = await error(readTrajectory(f2, { format: 'extxyz' }));
    expect(e.message).toMatch(/gzip stream ends early (before the end of the first frame|after line \d+)|before the first complete line/);
    expect(e.message.startsWith(`${f2}: `)).toBe(true);
  });
});

describe("XDATCAR: the file's own configuration number", () => {
  const gz = readFileSync(path.join(DATA, 'Li6PS5Cl_0pct_500K_XDATCAR.gz'));
  const text = gunzipSync(gz).toString('latin1');
  const lines = text.split('\n');
  // header 7 lines; each block: 1 "Direct configuration= N" line + 416 coordinates (see the data README)
  const block = 417,
    header = 7;

  it('truncated gzip: the last complete frame is named with its "Direct configuration= N"', async () => {
    const cut = gz.subarray(0, Math.floor(gz.length * 0.3));
    const file = tmpFile('XDATCAR_cut', Buffer.alloc(0));
    writeFileSync(file, cut);
    const L = completeLines(cut);
    const K = Math.floor((L - header) / block);
    expect(lines[header + (K - 1) * block].trim().replace(/\s+/g, ' ')).toBe(`Direct configuration= ${K}`);
    const e = await error(readTrajectory(file, { atoms: 'Li' }));
    expect(e.message).toBe(
      `${file}: gzip stream ends early after frame ${K - 1} (${K} complete frames, counted from 0; the file's "Direct configuration= ${K}"; last complete line ${grouped(L)}): file truncated? (zlib: unexpected end of file)`,
    );
  });
  it('a short block (frame 29 = "Direct configuration= 30"): the message gives both', async () => {
    // keep 29 whole blocks and 100 coordinate lines of the 30th
    const keep = lines.slice(0, header + 29 * block + 1 + 100).join('\n') + '\n';
    const file = tmpFile('XDATCAR_short', keep);
    const e = await error(readTrajectory(file));
    const configLine = header + 29 * block + 1; // 1-based line of "Direct configuration= 30"
    expect(e.message).toBe(
      `${file}, frame 29, line ${configLine + 1}: truncated frame: 100 coordinate lines; expected 416 (in the file's block "Direct configuration= 30")`,
    );
    const e2 = await error(scanTrajectory(file)); // skipping frames says the same
    expect(e2.message).toContain('frame 29, line');
    expect(e2.message).toContain('(in the file\'s block "Direct configuration= 30")');
  });
  it('a bad number in a block', async () => {
    const bad = lines.slice();
    const at = header + 4 * block + 1 + 10; // 0-based index: 11th coordinate line of frame 4
    bad[at] = '0.1 zz 0.3';
    const file = tmpFile('XDATCAR_bad', bad.slice(0, header + 6 * block).join('\n') + '\n');
    const e = await error(readTrajectory(file));
    expect(e.message).toBe(
      `${file}, frame 4, line ${at + 1}: "zz" is not a number; expected 3 coordinates (in the file's block "Direct configuration= 5")`,
    );
  });
});
