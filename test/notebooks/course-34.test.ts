/**
 * Course notebooks 03 (sites and structural frustration) and 04 (chemical frustration), issue 20: the committed
 * notebooks carry production outputs whose printed numbers agree with the library, they run with the short profile,
 * the exercise checks reveal no answer, and for every exercise a right answer passes while a typical wrong one gets
 * its hint (answered copies are run only up to the last exercise check, so they take seconds).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMolecularDynamics, buildPolyanionRotor, rotorForceField } from '../../src/simulate/index';
import { GaussianSiteOccupancy, idealInterstitialSites, idealLatticeTemplate, siteOccupancyBlockErrors } from '../../src/sites/index';
import { CoordinationNumbers, RadialDistribution, paulingRatio } from '../../src/structure/index';
import { readTrajectory } from '../../src/io/index';
import { analyseFrames } from '../../src/core/frameAnalysis';
import { Notebook, allOutputs, execute, join, notebooksDir, requireEnvironment, root, runAnsweredCopy, streamText } from './helpers';

beforeAll(requireEnvironment);

const short = { SUPERIONIC_PROFILE: 'short' };
const textOf = (o: { data?: Record<string, unknown> }) => join(o.data?.['text/plain'] as string | string[] | undefined);
const checkLines = (nb: Notebook) => allOutputs(nb).map(textOf).filter((t) => /^Exercise \d\.\d: /.test(t));
const errorsOf = (nb: Notebook) => allOutputs(nb).filter((o) => o.output_type === 'error').map((e) => `${e.ename}: ${e.evalue}`);
const printed = (nb: Notebook) => nb.cells.map(streamText).join('');
const tableText = (nb: Notebook, caption: string) => {
  const t = allOutputs(nb).map(textOf).find((x) => x.startsWith(caption));
  expect(t, `table "${caption}"`).toBeDefined();
  return t!;
};

/**
 * Fill answers into a copy of the notebook, keep the cells up to the last exercise check, run it (short profile)
 * and return the check lines.
 */
function runAnswered(src: string, tag: string, answers: Record<string, string>): string[] {
  // At the depth of notebooks/course/, so the notebook's relative ../../data paths resolve.
  const r = runAnsweredCopy(src, answers, { dir: path.join(root, 'test-artifacts', 'course-answered'), name: `${path.basename(src, '.ipynb')}-${tag}.ipynb`, upToLastAnswer: true });
  expect(errorsOf(r.nb), r.log).toEqual([]);
  expect(r.status, r.log).toBe(0);
  return checkLines(r.nb);
}

const NB3 = path.join(notebooksDir, 'course', '03-sites-and-structural-frustration.ipynb');
const VOLUMES = [-12, 0, 14];

/** Printed S̃ and D per volume: "ΔV = -12 %: S̃ = 2.911 ± 0.020 k_B per Li, D = 4.14e-5 cm²/s". */
function volumeLines(nb: Notebook) {
  const rows = [...printed(nb).matchAll(/ΔV = +(-?\d+) %: S̃ = ([0-9.]+) ± ([0-9.]+) k_B per Li, D = ([0-9.]+e[-+]?\d+) cm²\/s/g)]
    .map((m) => ({ dV: Number(m[1]), S: Number(m[2]), S_err: Number(m[3]), D: Number(m[4]) }));
  expect(rows.map((r) => r.dV)).toEqual(VOLUMES);
  return rows;
}

function checkStatic3(nb: Notebook) {
  // The ideal-lattice table is the library's.
  const sites = tableText(nb, 'Interstitial sites of ideal anion lattices');
  for (const lat of ['fcc', 'hcp', 'bcc'] as const) {
    const line = sites.split('\n').find((l) => l.trim().startsWith(lat))!;
    const lib = idealInterstitialSites(lat).types;
    const want = [...lib.map((t) => String(t.perAnion)), ...lib.slice(0, 3).map((t) => t.holeRatio.toFixed(3))];
    expect(line.trim().split(/\s+/).slice(1)).toEqual(want);
  }
  expect(printed(nb)).toContain(`R+/R− = ${paulingRatio('fcc', 10.05, 0.59).ratio.toFixed(3)}  →  predicted: trigonal (CN 3)`);
  const rows = volumeLines(nb);
  // S̃ near Kweon's scale (2–4 k_B per cation with 2 cations per fcc anion), errors positive and small.
  for (const r of rows) { expect(r.S).toBeGreaterThan(2); expect(r.S).toBeLessThan(4); expect(r.S_err).toBeGreaterThan(0); expect(r.S_err).toBeLessThan(0.2); }
  // Gaussian weights against nearest-site assignment on the ΔV = 0 run: the same S̃ as the table, and close.
  const both = /S̃ at ΔV = 0 %: Gaussian weights ([0-9.]+) k_B, nearest site ([0-9.]+) k_B per Li/.exec(printed(nb));
  expect(both).not.toBeNull();
  expect(Number(both![1])).toBe(rows.find((r) => r.dV === 0)!.S);
  expect(Math.abs(Number(both![1]) - Number(both![2]))).toBeLessThan(0.1);
  const plots = allOutputs(nb).filter((o) => o.data && o.data['application/vnd.vegalite.v6+json']);
  expect(plots.length).toBe(2);
  for (const p of plots) expect(join(p.data!['image/svg+xml'] as string | string[]).startsWith('<svg')).toBe(true);
  expect(allOutputs(nb).some((o) => o.data && o.data['application/vnd.superionic.trajectory+json'])).toBe(true);
  return rows;
}

describe('course notebook 03: sites and structural frustration', () => {
  it('the committed notebook has production outputs, the library\'s numbers, and checks that ask for answers', () => {
    const nb: Notebook = JSON.parse(readFileSync(NB3, 'utf8'));
    expect(nb.metadata.kernelspec?.name).toBe('superionic');
    expect(errorsOf(nb)).toEqual([]);
    expect(printed(nb)).toContain('profile: production');
    expect(printed(nb)).toContain('501 frames × 20 fs = 10 ps per volume');
    checkStatic3(nb);
    expect(checkLines(nb)).toEqual([
      'Exercise 3.1: ✗ no answer yet: put your number in sites per anion in place of null',
      'Exercise 3.2: ✗ no answer yet: put your number in place of null',
      'Exercise 3.3: ✗ no answer yet: put your number in Å in place of null',
      'Exercise 3.4: ✗ no answer yet: put your number in place of null',
      'Exercise 3.5: ✗ no answer yet: put your number in k_B per cation in place of null',
    ]);
  });

  it('runs with the short profile; its S̃ and D at the model volume are what the library computes for the same seeded run', async () => {
    const { nb, status, log } = execute(NB3, { env: short });
    expect(errorsOf(nb), log).toEqual([]);
    expect(status, log).toBe(0);
    expect(printed(nb)).toContain('profile: short');
    const rows = checkStatic3(nb);
    expect(checkLines(nb).length).toBe(5);
    // The ΔV = 0 run again, outside the kernel (same seeds as the notebook's second volume: k = 1).
    const ff = rotorForceField();
    const eq = await runMolecularDynamics({ system: buildPolyanionRotor({ supercell: 2, a_A: 7.2, seed: 1 }), forceField: ff, dt_fs: 2,
      steps: 500, temperature_K: 1400, seed: 11, thermostat: 'langevin', tau_fs: 50, every: 500, keepTrajectory: false });
    const run = await runMolecularDynamics({ system: eq.final, forceField: ff, dt_fs: 2, steps: 1000, temperature_K: 1400, seed: 31, tau_fs: 100, every: 10, initialVelocities: 'keep' });
    const g = new GaussianSiteOccupancy({ template: idealLatticeTemplate('fcc'), host: 'S' }, { mobile: 'Li' });
    await analyseFrames(run.trajectory!, [g]);
    const occ = g.result();
    const mid = rows.find((r) => r.dV === 0)!;
    expect(Math.abs(mid.S - occ.entropy_kB!)).toBeLessThanOrEqual(0.0005 + 1e-9);
    expect(Math.abs(mid.S_err - siteOccupancyBlockErrors(occ, 5).entropy_stderr_kB!)).toBeLessThanOrEqual(0.0005 + 1e-9);
  }, 600_000);

  it('right answers pass every check', () => {
    expect(runAnswered(NB3, 'right', {
      answer_3_1: '6',
      answer_3_2: '0.99 / (7.98 * Math.sqrt(3) / 4)',
      answer_3_3: '2 * Math.SQRT2 * 0.59 / 0.225',
      answer_3_4: '0.60 / 3',
      answer_3_5: '-(5 * (0.14 * Math.log(0.14) + 0.86 * Math.log(0.86)) + 3 * (0.1 * Math.log(0.1) + 0.9 * Math.log(0.9)))',
    })).toEqual([1, 2, 3, 4, 5].map((k) => `Exercise 3.${k}: ✓ correct`));
  }, 600_000);

  it('typical wrong answers get their hints, which do not give the answer away', () => {
    const lines = runAnswered(NB3, 'wrong', {
      answer_3_1: '12',                                           // per cubic cell
      answer_3_2: '0.99 / (7.98 / (2 * Math.SQRT2))',             // the fcc radius
      answer_3_3: '2 * Math.SQRT2 * 0.59 / 0.155',                // the trigonal limit
      answer_3_4: '0.60 / 6',                                     // per anion, not per cation
      answer_3_5: 'si.shannonEntropy([0.14, 0.14, 0.10], [0.14, 0.57, 0.29])',   // weights P1 instead of N_i/n
    });
    expect(lines).toEqual([
      'Exercise 3.1: ✗ not yet — 12 is per cubic cell; how many anions does one bcc cubic cell hold?',
      'Exercise 3.2: ✗ not yet — a/(2√2) is the fcc radius; in bcc the anions touch along the body diagonal (length a√3, two radii)',
      'Exercise 3.3: ✗ not yet — 0.155 is the trigonal limit; the rule leaves tetrahedral sites when R+/R− falls below the tetrahedral limit',
      'Exercise 3.4: ✗ not yet — count per cation, not per anion: there are 2 Na+ per anion, so the tetrahedral sites per cation are half the sites per anion',
      'Exercise 3.5: ✗ not yet — weight each site type by N_i/n, the number of such sites per cation, not by P1',
    ]);
    const answers = [6, paulingRatio('bcc', 7.98, 0.99).ratio, 2 * Math.SQRT2 * 0.59 / 0.225, 0.2, 3.0];
    for (const x of answers) for (const f of [x.toFixed(2), x.toFixed(3), x.toPrecision(3)]) {
      if (x === 6) continue;   // "6" is in other words of the hints
      for (const l of lines) expect(l).not.toContain(f);
    }
  }, 600_000);
});

const NB4 = path.join(notebooksDir, 'course', '04-chemical-frustration.ipynb');

/** Na3PS4 CN as the notebook computes it (first minimum of the PS4–Na g(r)), from the real file. */
async function na3ps4Coordination() {
  const tr = await readTrajectory(path.join(notebooksDir, '..', 'data', 'Na3PS4_cubic_800K_AIMD.extxyz.gz'));
  const rdf = new RadialDistribution({ a: 'PS4', b: 'Na', rmax_A: 7, bins: 140 });
  await analyseFrames(tr, [rdf]);
  const cn = new CoordinationNumbers({ centre: 'PS4', neighbor: 'Na', cutoff_A: rdf.result().first_min_A! });
  await analyseFrames(tr, [cn]);
  return cn.result();
}

async function checkStatic4(nb: Notebook) {
  const dirs = tableText(nb, 'Cation–anion–cation angles the lattice offers');
  expect(dirs).toMatch(/fcc lattice: 8 tetrahedral holes around an anion +70\.5, 109\.5, 180\.0/);
  expect(dirs).toMatch(/tetrahedral anion: its 6 edges +90\.0, 180\.0/);
  expect(dirs).toMatch(/its 20 faces \(C3 axes\) +41\.8, 70\.5, 109\.5, 138\.2, 180\.0/);
  const c = await na3ps4Coordination();
  expect(printed(nb)).toContain(`Na3PS4 (AIMD, 800 K): Na around PS4 within ${c.cutoff_A.toFixed(2)} Å: CN mean ${c.mean.toFixed(2)}, std ${c.std.toFixed(2)}`);
  // The model salt, cold and hot: CN lines and the cheapest change of n in k_BT.
  const cn = [...printed(nb).matchAll(/model salt, (\d+) K: CN mean ([0-9.]+), std ([0-9.]+)/g)].map((m) => ({ T: Number(m[1]), mean: Number(m[2]), std: Number(m[3]) }));
  expect(cn.map((r) => r.T)).toEqual([600, 1400]);
  for (const r of cn) { expect(r.mean).toBeGreaterThan(7); expect(r.mean).toBeLessThan(9); }
  const cost = [...printed(nb).matchAll(/: the cheapest change of n costs ([0-9.]+) k_BT = (\d+) meV/g)].map((m) => Number(m[1]));
  expect(cost.length).toBe(3);
  const plots = allOutputs(nb).filter((o) => o.data && o.data['application/vnd.vegalite.v6+json']);
  expect(plots.length).toBe(6);
  for (const p of plots) expect(join(p.data!['image/svg+xml'] as string | string[]).startsWith('<svg')).toBe(true);
  return { cn, cost };
}

describe('course notebook 04: chemical frustration', () => {
  it('the committed notebook has production outputs, Na3PS4 numbers equal to the library\'s, a broader hot distribution, and checks that ask for answers', async () => {
    const nb: Notebook = JSON.parse(readFileSync(NB4, 'utf8'));
    expect(nb.metadata.kernelspec?.name).toBe('superionic');
    expect(errorsOf(nb)).toEqual([]);
    expect(printed(nb)).toContain('profile: production');
    const { cn, cost } = await checkStatic4(nb);
    // What the text claims of the committed run: hot broader than cold; leaving the favourite n is cheaper hot (in k_BT).
    expect(cn[1].std).toBeGreaterThan(1.3 * cn[0].std);
    expect(cost[2]).toBeLessThan(1);
    expect(cost[1]).toBeGreaterThan(1.5);
    expect(checkLines(nb)).toEqual([
      'Exercise 4.1: ✗ no answer yet: put your number in degrees in place of null',
      'Exercise 4.2: ✗ no answer yet: put your number in meV in place of null',
      'Exercise 4.3: ✗ no answer yet: put your number in place of null',
    ]);
  });

  it('runs with the short profile without a cell error, with the same tables and plots', async () => {
    const { nb, status, log } = execute(NB4, { env: short });
    expect(errorsOf(nb), log).toEqual([]);
    expect(status, log).toBe(0);
    expect(printed(nb)).toContain('profile: short');
    await checkStatic4(nb);
    expect(checkLines(nb).length).toBe(3);
  }, 600_000);

  it('right answers pass every check', () => {
    expect(runAnswered(NB4, 'right', {
      answer_4_1: 'Math.acos(1 / 3) * 180 / Math.PI',
      answer_4_2: '8.617e-5 * 800 * Math.log(0.5 / 0.2) * 1000',
      answer_4_3: 'Math.sqrt(0.5)',
    })).toEqual([1, 2, 3].map((k) => `Exercise 4.${k}: ✓ correct`));
  }, 600_000);

  it('typical wrong answers get their hints', () => {
    const lines = runAnswered(NB4, 'wrong', {
      answer_4_1: '90',                                               // thinks the corners are perpendicular
      answer_4_2: '8.617e-5 * 800 * Math.log10(0.5 / 0.2) * 1000',   // log10
      answer_4_3: '0.5',                                              // the variance
    });
    expect(lines).toEqual([
      'Exercise 4.1: ✗ not yet — (1,1,1) and (1,1,−1) are not perpendicular: their dot product is 1, not 0',
      'Exercise 4.2: ✗ not yet — use the natural logarithm, ln, not log₁₀',
      'Exercise 4.3: ✗ not yet — that is the variance; the standard deviation is its square root',
    ]);
    for (const x of [Math.acos(1 / 3) * 180 / Math.PI, 8.617e-5 * 800 * Math.log(2.5) * 1000, Math.sqrt(0.5)]) {
      for (const l of lines) for (const f of [x.toFixed(1), x.toFixed(2), x.toPrecision(3)]) expect(l).not.toContain(f);
    }
  }, 600_000);
});
