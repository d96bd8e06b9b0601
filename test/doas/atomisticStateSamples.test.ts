// The DOAS samples streamed frame by frame (AtomisticStateSampler over openTrajectory) against the in-memory
// path (mobileAtomEnergies / relaxedAtomicEnergies of readTrajectory, classifyMobileStates per frame):
// energies and labels must be identical (toEqual, bit for bit).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Cell } from '../../src/core/cell';
import type { Frame } from '../../src/core/frame';
import { analyseFrames } from '../../src/core/frameAnalysis';
import { setMemoryBudget } from '../../src/core/memoryBudget';
import { Random } from '../../src/core/random';
import { topologyFromSymbols } from '../../src/core/topology';
import { AtomisticStateSampler } from '../../src/doas/atomisticStateSamples';
import { classifyMobileStates } from '../../src/doas/classifyMobileStates';
import { mobileAtomEnergies } from '../../src/doas/mobileAtomEnergies';
import { relaxedAtomicEnergies, relaxSnapshot } from '../../src/doas/relaxedAtomicEnergies';
import { openTrajectory, readTrajectory, writeExtxyz } from '../../src/io/index';
import { buildAlphaAgI } from '../../src/simulate/alphaAgI';
import { agiForceField } from '../../src/simulate/forceField';

const dir = mkdtempSync(path.join(tmpdir(), 'doas-samples-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function writeRun(file: string, seed: number, nFrames: number, energies = true) {
  const rng = new Random(seed);
  const top = topologyFromSymbols(['Li', 'S', 'Li', 'Li', 'Cl', 'S', 'Li']);
  const frames: Frame[] = [];
  for (let f = 0; f < nFrames; f++) {
    const positions = Float64Array.from({ length: 21 }, () => rng.uniform() * 9);
    const e = Float64Array.from({ length: 7 }, () => -2 + 0.05 * rng.normal());
    frames.push({ index: f, time_fs: 10 * f, cell: Cell.orthorhombic(9, 9, 9), positions, energies: energies ? e : undefined });
  }
  await writeExtxyz(file, frames, top);
}

async function sample(file: string, opts: ConstructorParameters<typeof AtomisticStateSampler>[0]) {
  const s = new AtomisticStateSampler(opts);
  await analyseFrames(await openTrajectory(file), [s]);
  return s.result();
}

describe('AtomisticStateSampler = the in-memory DOAS inputs', () => {
  it('energies and cation/anion labels of 1500 frames (two chunks), bit for bit', async () => {
    const file = path.join(dir, 'run_500K.extxyz');
    await writeRun(file, 3, 1500);
    const traj = await readTrajectory(file);
    const got = await sample(file, { species: 'Li', classify: { parts: ['cations', 'anions'], anions: ['S', 'Cl'], cutoff_A: 3.5 } });
    expect(got.energies_eV).toEqual(mobileAtomEnergies(traj, 'Li'));
    const mobile = traj.indicesOf('Li'),
      anions = traj.indicesOf(['S', 'Cl']);
    const labels: string[] = [];
    for (let f = 0; f < traj.nFrames; f++)
      labels.push(
        ...classifyMobileStates(traj.framePositions(f), traj.cell(f), traj.topology, {
          mobile,
          anions,
          parts: ['cations', 'anions'],
          neighbourCutoff_A: 3.5,
          anionCutoff_A: 3.5,
        }),
      );
    expect(got.classes).toEqual(labels);
    expect(got.nFrames).toBe(1500);
    expect(got.nIons).toBe(4);
    expect((await sample(file, { species: 'Li' })).classes).toBeUndefined();
  });

  it('relaxed frame by frame (FIRE, α-AgI force field) = relaxedAtomicEnergies of the whole file', async () => {
    const sys = buildAlphaAgI({ supercell: 2, seed: 3 });
    const rng = new Random(9);
    const frames: Frame[] = [0, 1].map((f) => ({
      index: f,
      time_fs: 100 * f,
      cell: sys.cell,
      positions: Float64Array.from(sys.positions, (x) => Number((x + 0.08 * rng.normal()).toFixed(8))),
    }));
    const file = path.join(dir, 'agi_500K.extxyz');
    await writeExtxyz(file, frames, sys.topology);
    const ff = agiForceField();
    const oracle = relaxedAtomicEnergies(await readTrajectory(file), ff, { species: 'Ag', fmax: 0.02 });
    const got = await sample(file, {
      species: 'Ag',
      classify: { parts: ['cations'], cutoff_A: 4.5 },
      relax: (fr, top) => relaxSnapshot(fr, top, ff, { fmax: 0.02 }).frame,
    });
    expect(got.energies_eV).toEqual(oracle.mobile_eV);
    const r = oracle.relaxed,
      mobile = r.indicesOf('Ag');
    const labels = [0, 1].flatMap((f) =>
      classifyMobileStates(r.framePositions(f), r.cell(f), r.topology, { mobile, parts: ['cations'], neighbourCutoff_A: 4.5, anionCutoff_A: 4.5 }),
    );
    expect(got.classes).toEqual(labels);
  }, 120_000);

  it('a file without per-atom energies, and a run past the memory budget, are refused clearly', async () => {
    const file = path.join(dir, 'noenergy_300K.extxyz');
    await writeRun(file, 1, 3, false);
    await expect(sample(file, { species: 'Li' })).rejects.toThrow(/per-atom energies missing/);
    // 64 ions × 1024 frames × (8 B energy + 8 B label) × 2 = 2 MiB: above a 1 MiB budget at the first frame
    const top = topologyFromSymbols(Array(64).fill('Li'));
    const fr: Frame = { index: 0, cell: Cell.orthorhombic(20, 20, 20), positions: new Float64Array(192), energies: new Float64Array(64) };
    setMemoryBudget(2 ** 20);
    try {
      const s = new AtomisticStateSampler({ species: 'Li', classify: { parts: ['cations'] } });
      expect(() => s.addFrame(fr, top)).toThrow(
        /per-atom energies of 64 Li ions over 1024 frames for the DOAS would need 2\.0 MiB .* budget of 1\.0 MiB; raise it with --memory-budget/,
      );
      const e = new AtomisticStateSampler({ species: 'Li' }); // 1.0 MiB without labels: fits
      e.addFrame(fr, top);
      expect(e.result().energies_eV.length).toBe(64);
    } finally {
      setMemoryBudget(undefined);
    }
    expect(() => new AtomisticStateSampler({ species: 'Li', classify: { parts: ['anions'] } })).toThrow(/needs the anion species/);
  });
});
