// The streamed path of the time-correlation analyses (SubTrajectoryCollector over openTrajectory, only the
// selected atoms kept) against the in-memory path (readTrajectory of the whole file): results must be
// bit-identical (toEqual on every field, typed arrays included), on the real files of data/ and on a
// generated file with velocities; past the memory budget the collector refuses with the budget named.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Cell } from '../../src/core/cell';
import { analyseFrames } from '../../src/core/frameAnalysis';
import type { Frame } from '../../src/core/frame';
import { setMemoryBudget } from '../../src/core/memoryBudget';
import { Random } from '../../src/core/random';
import { collectSubTrajectory, SubTrajectoryCollector } from '../../src/core/subTrajectoryCollector';
import { topologyFromSymbols } from '../../src/core/topology';
import { anionRotation } from '../../src/dynamics/anionRotation';
import { CationHopAnalysis, cationHopFrequency } from '../../src/dynamics/hopFrequency';
import { vanHoveCorrelation } from '../../src/dynamics/vanHoveCorrelation';
import { vibrationalDensityOfStates } from '../../src/dynamics/vibrationalDensityOfStates';
import { openTrajectory, readTrajectory, writeExtxyz } from '../../src/io';

const DATA = path.resolve(__dirname, '../../data');
const NA3PS4 = path.join(DATA, 'Na3PS4_cubic_800K_AIMD.extxyz.gz');
const LGPS = path.join(DATA, 'Li10GeP2S12_600K_AIMD.extxyz.gz');
const ARGYRODITE = path.join(DATA, 'Li6PS5Cl_50pct_500K_XDATCAR.gz');
const dir = mkdtempSync(path.join(tmpdir(), 'streamed-history-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The selected atoms' history, streamed (only their lines parsed). */
async function streamed(file: string, atoms: string | undefined, opts: { velocities?: boolean; dt?: number } = {}) {
  return collectSubTrajectory(await openTrajectory(file, { atoms, timestep_fs: opts.dt }), { velocities: opts.velocities });
}

describe('SubTrajectoryCollector equals readTrajectory of the same atoms', () => {
  it('positions, cells, times and info of Li in the argyrodite XDATCAR (wrapped) and LGPS extxyz (unwrapped)', async () => {
    for (const [file, sp] of [
      [ARGYRODITE, 'Li'],
      [LGPS, 'Li'],
      [NA3PS4, undefined],
    ] as const) {
      const whole = await readTrajectory(file, { atoms: sp });
      const sub = await streamed(file, sp);
      expect(sub.nFrames).toBe(whole.nFrames);
      expect(sub.topology).toEqual(whole.topology);
      expect(sub.positions).toEqual(whole.positions);
      expect(sub.cells).toEqual(whole.cells);
      expect(sub.times_fs).toEqual(whole.times_fs);
      expect(sub.info).toEqual(whole.info);
      expect(sub.velocities).toBeUndefined(); // not asked for
    }
  });

  it('selects by atom indices from an in-memory trajectory (what a notebook passes) as selectAtoms does', async () => {
    const whole = await readTrajectory(NA3PS4);
    const idx = [3, 70, 5, 127];
    const sub = await collectSubTrajectory(whole, { atoms: idx });
    const ref = whole.selectAtoms(idx);
    expect(sub.positions).toEqual(ref.positions);
    expect(sub.topology).toEqual(ref.topology);
    await expect(collectSubTrajectory(whole, { atoms: [128] })).rejects.toThrow(/atom index 128 out of range \(0\.\.127\)/);
  });

  it('past the memory budget: an InputError naming the budget, what was kept and how to raise it', async () => {
    setMemoryBudget(2 ** 20); // 1 MiB; 2 × 256 frames × (416 atoms × 24 B + 80 B) ≈ 5 MB
    try {
      await expect(streamed(ARGYRODITE, undefined)).rejects.toThrow(
        /keeping 416 atoms' positions for the analysis over 256 frames .* above the budget of 1\.0 MiB; raise it with --memory-budget or SUPERIONIC_MEMORY_BUDGET/,
      );
      // 192 Li: 2 × 256 × (192 × 24 + 80) B ≈ 2.4 MB, still above: the message names the analysis
      const c = new SubTrajectoryCollector({ atoms: 'Li', purpose: 'the van Hove functions' });
      await expect(analyseFrames(await openTrajectory(ARGYRODITE), [c])).rejects.toThrow(/keeping 192 atoms' positions for the van Hove functions/);
    } finally {
      setMemoryBudget(undefined);
    }
    expect((await streamed(ARGYRODITE, undefined)).nFrames).toBe(140); // the default budget holds it
  });
});

describe('van Hove and VDOS: streamed = in memory, bit for bit', () => {
  it('van Hove G_s, G_d on the argyrodite (wrapped, all origins) and Na3PS4 (self only, stride)', async () => {
    const x = await readTrajectory(ARGYRODITE, { timestep_fs: 10 });
    expect(vanHoveCorrelation(await streamed(ARGYRODITE, 'Li', { dt: 10 }), { species: 'Li' })).toEqual(vanHoveCorrelation(x, { species: 'Li' }));
    const n = await readTrajectory(NA3PS4);
    const opts = { species: 'Na', distinct: false, originStride: 3, lags_fs: [100, 400] };
    expect(vanHoveCorrelation(await streamed(NA3PS4, 'Na'), opts)).toEqual(vanHoveCorrelation(n, opts));
  });

  it('VDOS from central differences (LGPS Li, Na3PS4 all atoms mass-weighted)', async () => {
    const l = await readTrajectory(LGPS);
    expect(vibrationalDensityOfStates(await streamed(LGPS, 'Li'), { species: 'Li' })).toEqual(vibrationalDensityOfStates(l, { species: 'Li' }));
    const n = await readTrajectory(NA3PS4);
    const o = { massWeighted: true, window: 'blackman' as const, temperature_K: 800 };
    expect(vibrationalDensityOfStates(await streamed(NA3PS4, undefined), o)).toEqual(vibrationalDensityOfStates(n, o));
  });

  it('VDOS from velocities stored in the file (extxyz velo), and velocities dropped when one frame lacks them', async () => {
    const rng = new Random(4);
    const top = topologyFromSymbols(['Li', 'Li', 'Li', 'S', 'S']);
    const frames: Frame[] = [];
    for (let f = 0; f < 40; f++)
      frames.push({
        index: f,
        time_fs: 2 * f,
        cell: Cell.orthorhombic(8, 8, 8),
        positions: Float64Array.from({ length: 15 }, () => 8 * rng.uniform()),
        velocities: Float64Array.from({ length: 15 }, () => 0.01 * rng.normal()),
      });
    const file = path.join(dir, 'velo.extxyz');
    await writeExtxyz(file, frames, top);
    const whole = await readTrajectory(file);
    const sub = await streamed(file, 'Li', { velocities: true });
    expect(sub.velocities).toEqual(whole.selectAtoms(whole.indicesOf('Li')).velocities);
    const r = vibrationalDensityOfStates(sub, { species: 'Li' });
    expect(r.velocity_source).toBe('file');
    expect(r).toEqual(vibrationalDensityOfStates(whole, { species: 'Li' }));
    // one frame without velocities: none kept (as readTrajectory drops them)
    const some = frames.map((fr, k) => (k === 7 ? { ...fr, velocities: undefined } : fr));
    const c = new SubTrajectoryCollector({ velocities: true });
    for (const fr of some) c.addFrame(fr, top);
    expect(c.result().velocities).toBeUndefined();
  });
});

describe('rotation: the rotors streamed (anion species only) and the hops counted in the same pass = in memory', () => {
  it('Na3PS4 PS4 rotation and Na hops (host S → PS4 centres, and frame-0 cation sites), bit for bit', async () => {
    const whole = await readTrajectory(NA3PS4);
    const ref = anionRotation(whole, { anion: 'PS4' });
    for (const hostOpts of [{ host: 'S' }, {}]) {
      const rotors = new SubTrajectoryCollector({ atoms: ['P', 'S'] });
      const hops = new CationHopAnalysis({ mobile: 'Na', ...hostOpts });
      await analyseFrames(await openTrajectory(NA3PS4), [rotors, hops]);
      const got = anionRotation(rotors.result(), { anion: 'PS4' });
      // rotor atoms are numbered within the kept atoms: map them back to the file's
      const kept = whole.indicesOf(['P', 'S']);
      expect(got.rotor_atoms.map((r) => r.map((a) => kept[a]))).toEqual(ref.rotor_atoms);
      expect({ ...got, rotor_atoms: null }).toEqual({ ...ref, rotor_atoms: null });
      const h = hops.result();
      const hRef = await cationHopFrequency(whole, { mobile: 'Na', ...hostOpts });
      expect(h).toEqual(hRef);
      expect(h.n_hops).toBeGreaterThan(0);
    }
    // the streamed path alone (only P and S parsed)
    expect({
      ...anionRotation(await collectSubTrajectory(await openTrajectory(NA3PS4, { atoms: ['P', 'S'] })), { anion: 'PS4' }),
      rotor_atoms: null,
    }).toEqual({
      ...ref,
      rotor_atoms: null,
    });
  }, 60_000);
});
