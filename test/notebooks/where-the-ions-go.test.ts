/**
 * notebooks/04-where-the-ions-go.ipynb: executes on the superionic kernel without a cell error, and the numbers it
 * prints (percolation thresholds per direction and dimensionality, floor, path barriers and lengths, isosurface level)
 * are the library's, recomputed here with the same options; the committed outputs print the same numbers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseFrames } from '../../src/core/frameAnalysis';
import { openTrajectory } from '../../src/io/index';
import { ProbabilityDensity, smearDensity } from '../../src/density/probabilityDensity';
import { freeEnergyLandscape } from '../../src/density/freeEnergyLandscape';
import { percolationThresholds } from '../../src/pathways/percolationThreshold';
import { minimumFreeEnergyPath } from '../../src/pathways/minimumFreeEnergyPath';
import { RadialAngularDistribution, radialAngularPeak } from '../../src/structure/radialAngularDistribution';
import { Notebook, allOutputs, data, execute, notebooksDir, requireEnvironment, streamText } from './helpers';

beforeAll(requireEnvironment);

const NB = path.join(notebooksDir, '04-where-the-ions-go.ipynb');
const RUNS = [
  { name: 'Li6PS5Cl 0 %', file: 'Li6PS5Cl_0pct_500K_XDATCAR.gz', species: 'Li', T: 500 },
  { name: 'Li6PS5Cl 50 %', file: 'Li6PS5Cl_50pct_500K_XDATCAR.gz', species: 'Li', T: 500 },
  { name: 'Li6PS5Cl 100 %', file: 'Li6PS5Cl_100pct_500K_XDATCAR.gz', species: 'Li', T: 500 },
  { name: 'Na3PS4', file: 'Na3PS4_cubic_800K_AIMD.extxyz.gz', species: 'Na', T: 800 },
];

interface Printed { th1d: number; th3d: number; a: number; b: number; c: number; floor: number; barrier: number; length: number }

function printed(nb: Notebook): Map<string, Printed> {
  const text = nb.cells.map(streamText).join('');
  const out = new Map<string, Printed>();
  for (const r of RUNS) {
    const esc = r.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const m = new RegExp(`${esc}: percolation threshold 1D ([0-9.]+) eV, 3D ([0-9.]+) eV \\(along a ([0-9.]+), b ([0-9.]+), c ([0-9.]+)\\); floor ([0-9.]+) eV`).exec(text);
    const p = new RegExp(`${esc}: path across a: barrier ([0-9.]+) eV, length ([0-9.]+) Å`).exec(text);
    expect(m, `the notebook prints the thresholds of ${r.name}`).not.toBeNull();
    expect(p, `the notebook prints the path of ${r.name}`).not.toBeNull();
    const [th1d, th3d, a, b, c, floor] = m!.slice(1).map(Number);
    out.set(r.name, { th1d, th3d, a, b, c, floor, barrier: Number(p![1]), length: Number(p![2]) });
  }
  return out;
}

describe('notebook 04: where the ions go', () => {
  let executed: Notebook;

  it('executes without a cell error', () => {
    const { nb, status, log } = execute(NB);
    const errors = allOutputs(nb).filter((o) => o.output_type === 'error');
    expect(errors.map((e) => `${e.ename}: ${e.evalue}`), log).toEqual([]);
    expect(status, log).toBe(0);
    executed = nb;
  }, 900_000);

  it('prints the library’s percolation thresholds, floors and path barriers (grid 0.25 Å, σ = 0.3 Å)', async () => {
    if (!executed) throw new Error('the notebook did not execute (see the test above)');
    const got = printed(executed);
    for (const r of RUNS) {
      const stream = await openTrajectory(path.join(data, r.file), { atoms: [r.species] });
      const acc = new ProbabilityDensity({ species: r.species, spacing_A: 0.25 });
      await analyseFrames(stream, [acc], { onProgress: () => {} });
      const F = freeEnergyLandscape(smearDensity(acc.result(), 0.3), { temperature_K: r.T });
      let lowest = 0;
      for (let v = 1; v < F.values.length; v++) if (F.values[v] < F.values[lowest]) lowest = v;
      const p = percolationThresholds(F, lowest);
      const path_ = minimumFreeEnergyPath(F, { across: 'a' }, p);
      const g = got.get(r.name)!;
      // Printed to 3 decimals (1 for the length): agree to half a unit of the last digit.
      const near = (x: number, y: number, d = 3) => expect(Math.abs(x - y)).toBeLessThanOrEqual(0.5 * 10 ** -d + 1e-12);
      near(g.th1d, p.threshold_1d); near(g.th3d, p.threshold_3d); near(g.a, p.threshold_a); near(g.b, p.threshold_b); near(g.c, p.threshold_c);
      near(g.floor, F.floor_eV); near(g.barrier, path_.barrier_forward); near(g.length, path_.length_A, 1);
    }
    // The story the notebook tells: the 3D threshold falls from the ordered to the site-exchanged cells.
    expect(got.get('Li6PS5Cl 50 %')!.th3d).toBeLessThan(got.get('Li6PS5Cl 0 %')!.th3d - 0.05);
    expect(got.get('Li6PS5Cl 100 %')!.th3d).toBeLessThan(got.get('Li6PS5Cl 0 %')!.th3d);
  }, 300_000);

  it('shows the 50 % cell in the 3D browser with a density isosurface, and the maps and profiles as Vega-Lite plots', () => {
    if (!executed) throw new Error('the notebook did not execute (see the first test)');
    const outs = allOutputs(executed);
    const traj = outs.map((o) => o.data?.['application/vnd.superionic.trajectory+json'] as any).find(Boolean);
    expect(traj.density.shape).toEqual([41, 41, 41]);
    expect(traj.density.values.length).toBe(41 ** 3);
    const m = /isosurface level ([0-9.]+) Li\/Å³ encloses half/.exec(executed.cells.map(streamText).join(''));
    expect(Math.abs(traj.density.isoLevel - Number(m![1]))).toBeLessThanOrEqual(5e-4);
    // Half of the Li (Σ ρ V_vox over the voxels at or above the level) is inside the surface, within one voxel's share.
    const cell = traj.density.cell as number[];
    const V = Math.abs(cell[0] * (cell[4] * cell[8] - cell[5] * cell[7]) - cell[1] * (cell[3] * cell[8] - cell[5] * cell[6]) + cell[2] * (cell[3] * cell[7] - cell[4] * cell[6]));
    const vv = V / 41 ** 3;
    let inside = 0, total = 0;
    for (const x of traj.density.values as number[]) { total += x * vv; if (x >= traj.density.isoLevel) inside += x * vv; }
    expect(total).toBeCloseTo(192, 0);
    expect(inside / total).toBeGreaterThanOrEqual(0.5 - 1e-3);
    expect(inside / total).toBeLessThan(0.52);
    const titles = outs.map((o) => o.data?.['application/vnd.vegalite.v6+json'] as any).filter(Boolean).map((s) => String(s.title));
    expect(titles.filter((t) => /Li number density in the plane c = /.test(t)).length).toBe(3);
    // The browser opens a cross-section on the same plane as those cuts (grid plane k of 41 along c, c = k/41), heat map labelled.
    expect(traj.density.section.axis).toBe(2);
    expect(traj.density.label).toBe('Li per Å³');
    const cut = titles.find((t) => /Li6PS5Cl 50 %: Li number density in the plane c = /.test(t))!;
    expect(cut).toContain(`c = ${(traj.density.section.index / 41).toFixed(3)}`);
    expect(titles.some((t) => /F in the plane/.test(t))).toBe(true);
    expect(titles.some((t) => /Li density along c/.test(t))).toBe(true);
    expect(titles.some((t) => /F\(s\) along the minimum free-energy path/.test(t))).toBe(true);
    expect(titles.some((t) => /Na3PS4, 800 K: Na density/.test(t))).toBe(true);
  });

  it('the committed outputs print the same numbers as this execution', () => {
    if (!executed) throw new Error('the notebook did not execute (see the first test)');
    const committed = printed(JSON.parse(readFileSync(NB, 'utf8')));
    const now = printed(executed);
    for (const r of RUNS) expect(committed.get(r.name)).toEqual(now.get(r.name));
  });
  it('section 4: the printed g(r, θ) maxima are the library’s (Li6PS5Cl 0 %, Na3PS4), with the maps and the Kweon Fig. 5 angle panels', async () => {
    if (!executed) throw new Error('the notebook did not execute (see the first test)');
    const text = executed.cells.map(streamText).join('');
    for (const [name, file, cation, rMax] of [
      ['Li6PS5Cl 0 %', 'Li6PS5Cl_0pct_500K_XDATCAR.gz', 'Li', 8],
      ['Na3PS4', 'Na3PS4_cubic_800K_AIMD.extxyz.gz', 'Na', 7],
    ] as const) {
      const m = new RegExp(`${name}: θ-averaged g\\(r\\) peaks at [0-9.]+ Å; highest g\\(r, θ\\) = ([0-9.]+) at r = ([0-9.]+) Å, θ = ([0-9.]+)°`).exec(text);
      expect(m, `the notebook prints the g(r, θ) maximum of ${name}`).not.toBeNull();
      const acc = new RadialAngularDistribution({ centre: 'PS4', cation, rMax_A: rMax });
      await analyseFrames(await openTrajectory(path.join(data, file), { atoms: ['P', 'S', cation] }), [acc], { onProgress: () => {} });
      const pk = radialAngularPeak(acc.result())!;
      expect(Math.abs(Number(m![1]) - pk.g)).toBeLessThanOrEqual(0.05 + 1e-12);
      expect(Math.abs(Number(m![2]) - pk.r_A)).toBeLessThanOrEqual(0.005 + 1e-12);
      expect(Math.abs(Number(m![3]) - pk.theta_deg)).toBeLessThanOrEqual(0.05 + 1e-12);
    }
    const titles = allOutputs(executed)
      .map((o) => o.data?.['application/vnd.vegalite.v6+json'] as any)
      .filter(Boolean)
      .map((s) => String(s.title));
    expect(titles.filter((t) => /g\(r, θ\) of (Li|Na) around PS4/.test(t)).length).toBe(3);
    expect(titles.filter((t) => /angles in three ranges of the first shell \(Kweon 2017 Fig\. 5\)/.test(t)).length).toBe(2);
  }, 300_000);
});
