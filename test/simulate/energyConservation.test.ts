import { describe, expect, test } from 'vitest';
import { energyConservation } from '../../src/simulate/energyConservation';
import { emptyThermoLog } from '../../src/simulate/thermoLog';
import { runMolecularDynamics } from '../../src/simulate/molecularDynamics';
import { buildPolyanionRotor } from '../../src/simulate/polyanionRotor';
import { rotorForceField } from '../../src/simulate/forceField';

describe('energyConservation (is the time step short enough?)', () => {
  test('hand-worked: H rising 0.2 eV per ps in 100 atoms is 2 meV/atom/ps (flagged); ratio std(H)/std(KE) by hand', () => {
    const log = emptyThermoLog();
    for (let k = 0; k <= 10; k++) {
      log.t_fs.push(100 * k);
      log.conserved_eV.push(-50 + 0.2e-3 * 100 * k);
      log.kinetic_eV.push(k % 2 ? 11 : 9); // 6 × 9 and 5 × 11: mean 109/11, Σ(x − x̄)² = 120/11, std (n − 1) = √(12/11) = 1.04447
    }
    const d = energyConservation(log, 100, 5);
    expect(d.drift_meV_atom_ps!).toBeCloseTo(2, 10);
    // H = 0.02·k eV, k = 0..10: Σ(k − 5)² = 110, std (n − 1) = 0.02·√11 = 0.066332; ratio 0.066332 / 1.04447 = 0.063509
    expect(d.fluctuation_ratio!).toBeCloseTo((0.02 * Math.sqrt(11)) / Math.sqrt(12 / 11), 12);
    expect(d.fluctuation_ratio!).toBeCloseTo(0.063509, 5);
    expect(d.acceptable).toBe(false);
    expect(d.reason).toMatch(/drifts by 2\.0 meV\/atom\/ps.*fluctuates 0\.06.*time step 5 fs is too long.*halve it/);
    expect(energyConservation({ ...log, t_fs: [0, 1], conserved_eV: [0, 1], kinetic_eV: [1, 2] }, 100, 5).drift_meV_atom_ps).toBeNull();
  });

  test('the rotor salt in NVE: 5 fs is flagged (H fluctuates ≈ 0.13 × KE), 1 fs (the md CLI default for the rotor) is not', async () => {
    const sys = buildPolyanionRotor({ supercell: 2, seed: 1 });
    const run = async (dt: number) => {
      const steps = Math.round(1000 / dt);
      const r = await runMolecularDynamics({
        system: sys,
        forceField: rotorForceField(),
        dt_fs: dt,
        steps,
        temperature_K: 600,
        seed: 3,
        thermostat: 'none',
        every: steps,
        thermoEvery: 1,
        keepTrajectory: false,
      });
      return energyConservation(r.thermo, sys.topology.species.length, dt);
    };
    const coarse = await run(5),
      fine = await run(1);
    console.log(
      `rotor NVE: 5 fs drift ${coarse.drift_meV_atom_ps!.toFixed(3)} meV/atom/ps, ratio ${coarse.fluctuation_ratio!.toFixed(3)}; 1 fs ${fine.drift_meV_atom_ps!.toFixed(3)}, ${fine.fluctuation_ratio!.toFixed(4)}`,
    );
    expect(coarse.acceptable).toBe(false);
    expect(fine.acceptable).toBe(true);
    expect(fine.fluctuation_ratio!).toBeLessThan(0.01);
  });
});
