import { expect, test } from 'vitest';
import { buildAlphaAgI } from '../../src/simulate/alphaAgI';
import { agiForceField } from '../../src/simulate/forceField';
import { evaluateForces } from '../../src/simulate/forceComputer';
import { runMolecularDynamics } from '../../src/simulate/molecularDynamics';

// The MD engine computes per-atom energies only on frame steps (every `every` steps); the frames' energies must be
// exactly those of a fresh evaluation at the frame's positions, and sum to the frame energy.
test('MD frames carry the per-atom energies of their own positions (computed only on frame steps)', async () => {
  const system = buildAlphaAgI({ supercell: 2, seed: 5 }),
    ff = agiForceField();
  const r = await runMolecularDynamics({ system, forceField: ff, dt_fs: 5, steps: 60, temperature_K: 600, seed: 3, every: 7, thermoEvery: 5 });
  const t = r.trajectory!,
    n = 32;
  expect(t.nFrames).toBe(9);
  for (let fr = 0; fr < t.nFrames; fr++) {
    const x = t.positions.slice(3 * n * fr, 3 * n * (fr + 1));
    const ref = evaluateForces({ ...system, positions: x }, ff);
    const e = t.energies!.subarray(n * fr, n * (fr + 1));
    let maxDiff = 0,
      sum = 0;
    for (let i = 0; i < n; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(e[i] - ref.energies[i]));
      sum += e[i];
    }
    expect(maxDiff).toBeLessThan(1e-9);
    expect(Math.abs(sum - t.frameEnergies_eV![fr])).toBeLessThan(1e-9 * Math.abs(sum));
  }
});
