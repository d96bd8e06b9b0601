// Real AIMD of Li6PS5Cl (B. J. Morgan, Chem. Mater. 2021; data/README.md): 2×2×2 argyrodite,
// 416 atoms (Li192 P32 S160 Cl32), 140 frames at 500 K, 0 %, 50 % and 100 % S/Cl site exchange.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseFrames } from '../../src/core/frameAnalysis';
import { readTrajectory } from '../../src/io/index';
import { findMolecules, moleculeFormulaCounts } from '../../src/geometry/molecules';
import { RadialDistribution, runningCoordinationAt } from '../../src/structure/rdf';
import { CoordinationNumbers } from '../../src/structure/coordination';
import { CationAnionCationAngles } from '../../src/structure/cationAnionCationAngles';

const DATA = path.resolve(__dirname, '../../data');

describe.each(['0pct', '50pct', '100pct'])('Li6PS5Cl %s at 500 K', (tag) => {
  it('RDFs, PS4 anions and coordination numbers are consistent and physical', async () => {
    const traj = await readTrajectory(path.join(DATA, `Li6PS5Cl_${tag}_500K_XDATCAR.gz`));
    expect(traj.nFrames).toBe(140);
    // Bonded clusters of P and S: 32 PS4³⁻ and 32 free S²⁻ whatever the S/Cl disorder.
    const set = findMolecules(traj.topology, traj.framePositions(0), traj.cell(0), { species: ['P', 'S'] });
    expect(moleculeFormulaCounts(set)).toEqual({ PS4: 32, S: 32 });

    const liS = new RadialDistribution({ a: 'Li', b: 'S', rmax_A: 8, bins: 160 });
    const liCl = new RadialDistribution({ a: 'Li', b: 'Cl', rmax_A: 8, bins: 160 });
    const clLi = new RadialDistribution({ a: 'Cl', b: 'Li', rmax_A: 8, bins: 160 });
    const ps4Li = new RadialDistribution({ a: 'PS4', b: 'Li', rmax_A: 8, bins: 160 });
    await analyseFrames(traj, [liS, liCl, clLi, ps4Li]);
    const rS = liS.result(),
      rCl = liCl.result(),
      rClLi = clLi.result(),
      rP = ps4Li.result();
    // Li–S and Li–Cl contact distances of Li argyrodites are 2.4–2.6 Å (Li–S ≈ 2.45 Å in Li6PS5Cl, Deiseroth 2008).
    for (const r of [rS, rCl]) {
      expect(r.first_peak_A!).toBeGreaterThan(2.3);
      expect(r.first_peak_A!).toBeLessThan(2.65);
    }
    // Li–PS4 COM: Li bonded to the S of PS4 (P–S 2.05 Å, Li–S 2.45 Å) sits 3–4 Å from P.
    expect(rP.first_peak_A!).toBeGreaterThan(3.0);
    expect(rP.first_peak_A!).toBeLessThan(4.0);
    // Pair-count symmetry (exact): N_Li · n_LiCl(r) = N_Cl · n_ClLi(r) at every r.
    for (let k = 0; k < rCl.bins; k += 7) expect(192 * rCl.n[k]).toBeCloseTo(32 * rClLi.n[k], 9);
    // Coordination at the RDF's first minimum equals n(r_min) of the same RDF; pick a bin edge so it is exact.
    const rc = rClLi.n_r_A[Math.round(rClLi.first_min_A! / 0.05) - 1];
    const cn = new CoordinationNumbers({ centre: 'Cl', neighbor: 'Li', cutoff_A: rc });
    const ang = new CationAnionCationAngles({ centre: 'PS4', cation: 'Li', shells_A: [[0, rP.first_min_A!]], anionFrame: true });
    await analyseFrames(traj, [cn, ang]);
    const c = cn.result();
    expect(c.mean).toBeCloseTo(runningCoordinationAt(rClLi, rc), 9);
    expect(c.histogram.probability.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    expect(c.std).toBeGreaterThan(0.3); // Li hop at 500 K: the distribution is not a single value.
    const a = ang.result().shells[0];
    expect(a.pairs).toBeGreaterThan(0);
    expect(Array.from(a.density_per_deg).reduce((s, x) => s + x, 0) * 2).toBeCloseTo(1, 10);
    // Report (vitest prints console output with --reporter verbose): the numbers quoted in the area notes.
    console.log(
      `${tag}: Li–S peak ${rS.first_peak_A!.toFixed(3)} min ${rS.first_min_A?.toFixed(3)}; Li–Cl peak ${rCl.first_peak_A!.toFixed(3)} min ${rCl.first_min_A?.toFixed(3)}; ` +
        `Cl–Li CN ${c.mean.toFixed(2)}±${c.std.toFixed(2)} (rc ${rc.toFixed(2)}); PS4–Li min ${rP.first_min_A?.toFixed(2)} n ${runningCoordinationAt(rP, rP.first_min_A!).toFixed(2)}`,
    );
  });
});
