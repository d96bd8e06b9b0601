/**
 * The course notebooks (notebooks/course/, issue 20) run on the superionic kernel with the short profile;
 * printed numbers agree with the library, exercise checks never reveal the answer, and a correct answer
 * filled into the notebook passes while a typical wrong one gets its hint.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { latticeRandomWalk } from '../../src/course/index';
import { arrheniusFit, defaultFitWindow, fitDiffusionCoefficient, meanSquaredDisplacement, runResolution } from '../../src/transport/index';
import { Notebook, allOutputs, artifacts, execute, join, notebooksDir, requireEnvironment, runAnsweredCopy, streamText } from './helpers';

beforeAll(requireEnvironment);

const NB1 = path.join(notebooksDir, 'course', '01-random-walks-and-diffusion.ipynb');
const short = { SUPERIONIC_PROFILE: 'short' };
const checkLines = (nb: Notebook) => allOutputs(nb).map((o) => join(o.data?.['text/plain'] as string | string[] | undefined)).filter((t) => /^Exercise \d\.\d: /.test(t));
/** Everything the exercise checks displayed (HTML and text). */
const checkOutputs = (nb: Notebook) => allOutputs(nb).filter((o) => /^Exercise \d\.\d: /.test(join(o.data?.['text/plain'] as string | string[] | undefined))).map((o) => JSON.stringify(o.data)).join('\n');

/** The library's D of notebook 1's main run (section 2) for `nFrames` frames. */
function mainFit(nFrames: number) {
  const w = latticeRandomWalk({ nWalkers: 64, nFrames, hopProbability: 0.02, a_A: 2.5, dt_fs: 100, seed: 1 });
  const m = meanSquaredDisplacement(w.positions, 64, nFrames, 100);
  return { w, fit: fitDiffusionCoefficient(m.t_fs, m.msd_A2, defaultFitWindow(nFrames, 100)) };
}

function checkPrinted(nb: Notebook, nFrames: number) {
  const text = nb.cells.map(streamText).join('');
  const slope = /MSD slope = ([0-9.]+e[-+]?\d+) Å²\/fs/.exec(text);
  const exact = /exact D of the model \(Γa²\/6\) = ([0-9.]+e[-+]?\d+) cm²\/s/.exec(text);
  expect(slope, text).not.toBeNull();
  expect(exact, text).not.toBeNull();
  const { w, fit } = mainFit(nFrames);
  // Printed with 4 significant digits: agree to half a unit of the last one.
  expect(Math.abs(Number(slope![1]) - fit.slope_A2_fs)).toBeLessThanOrEqual(0.5e-3 * fit.slope_A2_fs * 1.0001);
  expect(Math.abs(Number(exact![1]) - w.D_exact_cm2_s)).toBeLessThanOrEqual(0.5e-3 * w.D_exact_cm2_s * 1.0001);
  expect(text).toMatch(/resolved: false — D = .* is below what a 20\.0 ps run resolves/);
  return { text, fit, w };
}

describe('course notebook 01: random walks and diffusion', () => {
  it('the committed notebook has production outputs, its numbers match the library, and checks reveal nothing', () => {
    const nb: Notebook = JSON.parse(readFileSync(NB1, 'utf8'));
    expect(nb.metadata.kernelspec?.name).toBe('superionic');
    const { w } = checkPrinted(nb, 4000);
    expect(nb.cells.map(streamText).join('')).toContain('profile: production');
    expect(checkLines(nb)).toEqual(['1.1', '1.2', '1.3'].map((k) => `Exercise ${k}: ✗ no answer yet: put your number in cm²/s in place of null`));
    const out = checkOutputs(nb);
    expect(out).toContain('text/html');
    // The expected values: 1.1 (27 Å² over 30 ps), 1.2 (the model's exact D), 1.3 (D_min of a 50 ps run).
    for (const x of [27 / 30_000 / 6 * 0.1, w.D_exact_cm2_s, runResolution(0, 50_000).D_min_cm2_s]) {
      for (const f of [x.toExponential(2), x.toExponential(3), String(x)]) expect(out).not.toContain(f);
    }
    expect(allOutputs(nb).filter((o) => o.output_type === 'error')).toEqual([]);
  });

  it('runs with the short profile without a cell error, with plots and the same printed quantities', () => {
    const { nb, status, log } = execute(NB1, { env: short });
    expect(allOutputs(nb).filter((o) => o.output_type === 'error').map((e) => `${e.ename}: ${e.evalue}`), log).toEqual([]);
    expect(status, log).toBe(0);
    expect(nb.cells.map(streamText).join('')).toContain('profile: short');
    checkPrinted(nb, 1000);
    const plots = allOutputs(nb).filter((o) => o.data && o.data['application/vnd.vegalite.v6+json']);
    expect(plots.length).toBeGreaterThanOrEqual(3);
    for (const p of plots) expect(join(p.data!['image/svg+xml'] as string | string[]).startsWith('<svg')).toBe(true);
    expect(checkLines(nb).length).toBe(3);
  }, 600_000);

  it('answers filled in: right ones pass, forgetting the 6 gets its hint', () => {
    const answers: Record<string, string> = {
      answer_1_1: '(33 - 6) / 30_000 / 6 * 0.1',                // right
      answer_1_2: '(p / dt_fs) * a_A ** 2 * 0.1',               // forgot the 6
      answer_1_3: '1e-8 * (1e7 / 50_000)',                      // right
    };
    const r = runAnsweredCopy(NB1, answers, { dir: path.join(artifacts, 'course-answered'), name: '01-random-walks-and-diffusion.ipynb' });
    expect(r.status, r.log).toBe(0);
    expect(checkLines(r.nb)).toEqual([
      'Exercise 1.1: ✓ correct',
      'Exercise 1.2: ✗ not yet — each hop adds a² to the MSD, and MSD = 6·D·t: divide by 6',
      'Exercise 1.3: ✓ correct',
    ]);
  }, 600_000);
});

const NB2 = path.join(notebooksDir, 'course', '02-from-D-to-conductivity.ipynb');

/** The library's Arrhenius fit of notebook 2's walkers (section 3) for `nFrames` frames. */
function arrheniusOfNotebook2(nFrames: number) {
  const kB = 8.617333262e-5, Tc = 550, pc = 0.02;
  const temps = [300, 350, 400, 450, 600, 700, 800, 900];
  const Ds = temps.map((T, k) => {
    const Ea = T < Tc ? 0.30 : 0.15;
    const w = latticeRandomWalk({ nWalkers: 128, nFrames, hopProbability: pc * Math.exp(-Ea / kB * (1 / T - 1 / Tc)), a_A: 2.5, dt_fs: 100, seed: 200 + k });
    const m = meanSquaredDisplacement(w.positions, 128, nFrames, 100);
    return fitDiffusionCoefficient(m.t_fs, m.msd_A2, defaultFitWindow(nFrames, 100)).D_cm2_s;
  });
  return arrheniusFit(temps, Ds, 'D_cm2_s');
}

describe('course notebook 02: from D to conductivity', () => {
  const printedEa = (nb: Notebook) => {
    const m = /one line: +E_a = ([0-9.]+) ± ([0-9.]+) eV/.exec(nb.cells.map(streamText).join(''));
    expect(m).not.toBeNull();
    return Number(m![1]);
  };

  it('the committed notebook (production) prints the one-line E_a the library fits, and the checks ask for answers', () => {
    const nb: Notebook = JSON.parse(readFileSync(NB2, 'utf8'));
    expect(nb.cells.map(streamText).join('')).toContain('profile: production');
    expect(Math.abs(printedEa(nb) - arrheniusOfNotebook2(6000).Ea_eV)).toBeLessThanOrEqual(0.0005 + 1e-9);
    expect(checkLines(nb)).toEqual(['Exercise 2.1: ✗ no answer yet: put your number in mS/cm in place of null', 'Exercise 2.2: ✗ no answer yet: put your number in eV in place of null']);
    expect(allOutputs(nb).filter((o) => o.output_type === 'error')).toEqual([]);
  });

  it('runs with the short profile without a cell error; printed E_a agrees with the library', () => {
    const { nb, status, log } = execute(NB2, { env: short });
    expect(allOutputs(nb).filter((o) => o.output_type === 'error').map((e) => `${e.ename}: ${e.evalue}`), log).toEqual([]);
    expect(status, log).toBe(0);
    expect(Math.abs(printedEa(nb) - arrheniusOfNotebook2(2000).Ea_eV)).toBeLessThanOrEqual(0.0005 + 1e-9);
    expect(allOutputs(nb).filter((o) => o.data && o.data['application/vnd.vegalite.v6+json']).length).toBeGreaterThanOrEqual(1);
    expect(checkLines(nb).length).toBe(2);
  }, 600_000);
  it('answers filled in: a right σ passes, an E_a left in kelvin gets its hint', () => {
    const answers: Record<string, string> = {
      answer_2_1: '(24 / 1000e-30) * (1.602e-19) ** 2 * 1e-6 * 1e-4 / (1.381e-23 * 300) * 10',   // right, by hand (mS/cm)
      answer_2_2: '2900',                                                                       // forgot k_B
    };
    const r = runAnsweredCopy(NB2, answers, { dir: path.join(artifacts, 'course-answered'), name: '02-from-D-to-conductivity.ipynb' });
    expect(r.status, r.log).toBe(0);
    expect(checkLines(r.nb)).toEqual([
      'Exercise 2.1: ✓ correct',
      'Exercise 2.2: ✗ not yet — the slope is in kelvin: multiply by k_B to get an energy',
    ]);
  }, 600_000);
});
