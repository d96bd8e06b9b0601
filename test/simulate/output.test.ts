import { describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTrajectory } from '../../src/io';
import { buildAlphaAgI } from '../../src/simulate/alphaAgI';
import { agiForceField } from '../../src/simulate/forceField';
import { runMolecularDynamics } from '../../src/simulate/molecularDynamics';
import { thermoLogSpec } from '../../src/display/simulate';

test('frames streamed to extended XYZ read back equal to the in-memory trajectory', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-out-'));
  try {
    const path = join(dir, 'agi.extxyz');
    const r = await runMolecularDynamics({
      system: buildAlphaAgI({ supercell: 2 }),
      forceField: agiForceField(),
      dt_fs: 5,
      steps: 40,
      temperature_K: 600,
      seed: 3,
      every: 10,
      extxyzPath: path,
    });
    const t = r.trajectory!,
      back = await readTrajectory(path);
    expect(back.nFrames).toBe(5);
    expect(Array.from(back.times_fs!)).toEqual([0, 50, 100, 150, 200]);
    let dx = 0,
      dv = 0,
      de = 0;
    for (let k = 0; k < t.positions.length; k++) {
      dx = Math.max(dx, Math.abs(back.positions[k] - t.positions[k]));
      dv = Math.max(dv, Math.abs(back.velocities![k] - t.velocities![k]) / 1e-2);
    }
    for (let k = 0; k < t.energies!.length; k++) de = Math.max(de, Math.abs(back.energies![k] - t.energies![k]));
    expect(dx).toBeLessThan(1e-8); // written with 8 decimals
    expect(dv).toBeLessThan(1e-9); // 11 significant digits of ~1e-2 Å/fs
    expect(de).toBeLessThan(1e-10); // 12 significant digits
    const sum = t.energies!.subarray(0, 32).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(t.frameEnergies_eV![0], 9);
    const spec = thermoLogSpec(r.thermo) as unknown as { vconcat: unknown[]; data: { values: unknown[] } };
    expect(spec.vconcat.length).toBe(4);
    expect(spec.data.values.length).toBe(5);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

import { ExtxyzFrameWriter as Writer } from '../../src/simulate/extxyzFrameWriter';
import { InputError as IE } from '../../src/core/errors';
import { buildAlphaAgI as agiBuild } from '../../src/simulate/alphaAgI';

describe('the MD trajectory writer on a path that cannot be written', () => {
  test('an unwritable file (here: a path under /proc) is an InputError naming it, not a stack trace', () => {
    const sys = agiBuild({ supercell: 1, seed: 1 });
    let err: unknown;
    try {
      new Writer('/proc/superionic-cannot-write.extxyz', sys.topology, sys.cell);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(IE);
    expect((err as IE).message).toMatch(/\/proc\/superionic-cannot-write\.extxyz.*cannot write the trajectory.*choose another --out/);
  });
});
