import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Args } from '../../src/cli/args';
import { run } from '../../src/cli/commands/msd';
import { Cell } from '../../src/core/cell';
import type { Frame } from '../../src/core/frame';
import { Random } from '../../src/core/random';
import { topologyFromSymbols } from '../../src/core/topology';
import { Trajectory } from '../../src/core/trajectory';
import { randomWalk } from './helpers';
import { openTrajectory, writeExtxyz } from '../../src/io/index';
import { unwrapStream } from '../../src/geometry/unwrap';
import { collectTransportSeries, diffusionFromSeries } from '../../src/transport/diffusionAnalysis';
import { meanSquaredDisplacementDirect } from '../../src/transport/meanSquaredDisplacement';

const dir = mkdtempSync(path.join(tmpdir(), 'transport-cli-'));
const FILE = path.join(dir, 'walk.extxyz');
const nLi = 6,
  nFw = 4,
  T = 300,
  L = 8,
  dt = 5;
/** Unwrapped positions as written (Li random walk leaving the cell; framework vibrating + drifting). */
const truth: number[][] = [];

beforeAll(async () => {
  const rng = new Random(77);
  const top = topologyFromSymbols([...Array(nLi).fill('Li'), ...Array(nFw).fill('S')]);
  const li = Float64Array.from({ length: 3 * nLi }, () => L * rng.uniform());
  const fw0 = Float64Array.from({ length: 3 * nFw }, () => L * rng.uniform());
  const frames: Frame[] = [];
  for (let f = 0; f < T; f++) {
    if (f > 0) for (let i = 0; i < li.length; i++) li[i] += 0.3 * rng.normal();
    const pos = new Float64Array(3 * (nLi + nFw));
    pos.set(li);
    for (let j = 0; j < 3 * nFw; j++) pos[3 * nLi + j] = fw0[j] + 0.05 * rng.normal() + 0.002 * f;
    // Round as the writer will, so the oracle sees exactly the numbers in the file.
    for (let j = 0; j < pos.length; j++) pos[j] = Number(pos[j].toFixed(8));
    truth.push(Array.from(pos));
    frames.push({
      index: f,
      cell: new Cell([
        [L, 0, 0],
        [0, L, 0],
        [0, 0, L],
      ]),
      positions: pos,
      time_fs: f * dt,
    });
  }
  await writeExtxyz(FILE, frames, top);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function msdJson(argv: string[]): Promise<Record<string, unknown>> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
  try {
    await run(new Args([FILE, ...argv, '--json']));
  } finally {
    spy.mockRestore();
  }
  return JSON.parse(out);
}

describe('unwrapStream on a source found to be unwrapped mid-stream', () => {
  it('passes the file positions through unchanged (no lattice jumps added)', async () => {
    const s = await openTrajectory(FILE);
    expect(s.info.unwrapped).toBe(false); // not known before positions leave the cell
    let f = 0;
    for await (const fr of unwrapStream(s)) {
      for (let j = 0; j < fr.positions.length; j++) expect(fr.positions[j]).toBe(truth[f][j]);
      f++;
    }
    expect(f).toBe(T);
  });
});

describe('superionic msd (CLI)', () => {
  it('without --drift (only the Li lines parsed) gives the direct all-origins MSD and the library D', async () => {
    const j = await msdJson(['--species', 'Li']);
    const li = new Float64Array(T * 3 * nLi);
    for (let f = 0; f < T; f++) li.set(truth[f].slice(0, 3 * nLi), f * 3 * nLi);
    const direct = meanSquaredDisplacementDirect(li, nLi, T, dt);
    const msd = j.msd_A2 as number[];
    // 1e-9 relative: FFT rounding (see msd.test.ts); lag 0 is 0 in the oracle.
    for (let m = 0; m < T; m++) expect(Math.abs(msd[m] - direct.msd_A2[m])).toBeLessThanOrEqual(1e-9 * direct.msd_A2[m] + 1e-12);
    const lib = diffusionFromSeries(await collectTransportSeries(await openTrajectory(FILE), 'Li'), {});
    expect(j.D_cm2_s).toBeCloseTo(lib.D_cm2_s, 15);
    expect(j.n_ions).toBe(nLi);
    expect(j.drift_corrected).toBe(false);
  });

  it('with --drift reads the framework and equals the library drift-corrected D', async () => {
    const j = await msdJson(['--species', 'Li', '--drift']);
    const lib = diffusionFromSeries(await collectTransportSeries(await openTrajectory(FILE), 'Li'), { drift: true });
    expect(j.drift_corrected).toBe(true);
    expect(j.D_cm2_s).toBe(lib.D_cm2_s);
    // The imposed framework drift (0.002 Å/frame per component) changes D: the two runs differ.
    const plain = await msdJson(['--species', 'Li']);
    expect(Math.abs((j.D_cm2_s as number) - (plain.D_cm2_s as number))).toBeGreaterThan(0);
  });

  it('bad input: unknown species, missing species', async () => {
    await expect(msdJson(['--species', 'Na'])).rejects.toThrow(/no atoms of species "Na"/);
    await expect(run(new Args([FILE]))).rejects.toThrow(/missing --species/);
  });
});

describe('collectTransportSeries', () => {
  it('keeps exactly the mobile positions across storage chunks, and the mass-weighted framework COM', async () => {
    const nIons = 3,
      nf = 1100; // > 2 chunks of 512 frames
    const li = randomWalk(nIons, nf, 0.2, 5),
      top = topologyFromSymbols(['Li', 'S', 'Li', 'Li', 'P']);
    const positions = new Float64Array(nf * 15);
    for (let f = 0; f < nf; f++) {
      for (let i = 0; i < 3; i++) for (let k = 0; k < 3; k++) positions[f * 15 + 3 * [0, 2, 3][i] + k] = li[f * 9 + 3 * i + k];
      for (let k = 0; k < 3; k++) {
        positions[f * 15 + 3 + k] = f * 0.01 + k;
        positions[f * 15 + 12 + k] = -f * 0.02;
      }
    }
    const traj = new Trajectory({ topology: top, nFrames: nf, positions, cells: null, info: { unwrapped: true } });
    const s = await collectTransportSeries(traj, 'Li');
    expect(s.nFrames).toBe(nf);
    expect(Array.from(s.positions)).toEqual(Array.from(li));
    const mS = top.masses[1],
      mP = top.masses[4];
    // COM of S at (0.01 f, 0.01 f + 1, 0.01 f + 2) and P at −0.02 f, weighted by mass (rounding only).
    const f = 1099;
    expect(s.frameworkCom![3 * f + 1]).toBeCloseTo((mS * (0.01 * f + 1) + mP * (-0.02 * f)) / (mS + mP), 12);
  });

  it('refuses a non-finite position, naming the atom and frame', async () => {
    const top = topologyFromSymbols(['Li', 'S']);
    const positions = new Float64Array(5 * 6);
    positions[3 * 6 + 4] = NaN;
    const traj = new Trajectory({ topology: top, nFrames: 5, positions, cells: null, info: { unwrapped: true, source: 'x.extxyz' } });
    await expect(collectTransportSeries(traj, 'Li')).rejects.toThrow(/atom 1 has a non-finite position.*frame 3|frame 3.*atom 1 has a non-finite/s);
  });
});
