/**
 * Course notebooks 5 and 6 (notebooks/course/, issue 20): the committed notebooks carry production outputs with
 * no error and checks that reveal no answer; each runs with the short profile (SUPERIONIC_PROFILE=short) without
 * a cell error and produces the same kinds of outputs, cell by cell, as the committed run; and with answers filled
 * in, a correct answer passes every exercise check while a typical wrong one gets its hint (two filled-in copies:
 * the first right/wrong/right…, the second the other way round).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gaussianBhattacharyya } from '../../src/doas/index';
import { Notebook, allOutputs, artifacts, join, notebooksDir, outputKinds, requireEnvironment, runAnsweredCopy, streamText } from './helpers';

beforeAll(requireEnvironment);

const checkLines = (nb: Notebook) => allOutputs(nb).map((o) => join(o.data?.['text/plain'] as string | string[] | undefined)).filter((t) => /^Exercise \d\.\d: /.test(t));
const checkOutputs = (nb: Notebook) => allOutputs(nb).filter((o) => /^Exercise \d\.\d: /.test(join(o.data?.['text/plain'] as string | string[] | undefined))).map((o) => JSON.stringify(o.data)).join('\n');
const text = (nb: Notebook) => nb.cells.map(streamText).join('');
const errors = (nb: Notebook) => allOutputs(nb).filter((o) => o.output_type === 'error').map((e) => `${e.ename}: ${e.evalue}`);
const forms = (x: number) => [x.toExponential(2), x.toExponential(3), x.toPrecision(3), x.toPrecision(4), String(x)];

/** A copy of the committed notebook with `answers` (name → TypeScript expression) filled in, run with the short profile. */
function runAnswered(file: string, answers: Record<string, string>, tag: string) {
  const r = runAnsweredCopy(file, answers, { dir: path.join(artifacts, `course-answered-${tag}`), name: path.basename(file) });
  expect(errors(r.nb), r.log).toEqual([]);
  expect(r.status, r.log).toBe(0);
  return r.nb;
}

const NB5 = path.join(notebooksDir, 'course', '05-dynamical-frustration.ipynb');

describe('course notebook 05: dynamical frustration', () => {
  const committed: Notebook = JSON.parse(readFileSync(NB5, 'utf8'));

  it('the committed notebook has production outputs, consistent printed numbers, and checks that ask without revealing', () => {
    expect(committed.metadata.kernelspec?.name).toBe('superionic');
    const t = text(committed);
    expect(t).toContain('profile: production');
    expect(errors(committed)).toEqual([]);
    expect(checkLines(committed)).toEqual([
      'Exercise 5.1: ✗ no answer yet: put your number in hops per reorientation in place of null',
      'Exercise 5.2: ✗ no answer yet: put your number in per SO4 per ns in place of null',
      'Exercise 5.3: ✗ no answer yet: put your number in (a share between 0 and 1) in place of null',
    ]);
    // Δ_rot printed = log10 of the printed σ_UC/σ_RC (both rounded: 0.005 decades + the ratio's rounding).
    const m = /Δ_rot = log10\(σ_UC\/σ_RC\) = ([0-9.]+) ± ([0-9.]+) decades \(σ_UC\/σ_RC = ([0-9.]+); resolved: (true|false)\)/.exec(t);
    expect(m, t).not.toBeNull();
    expect(Math.abs(Number(m![1]) - Math.log10(Number(m![3])))).toBeLessThan(0.005 + 0.005 / Number(m![3]) / Math.LN10 + 1e-9);
    // The resolution of a 10 ps run is stated: D_min = 1e-8 cm²/s × 10 ns / 10 ps = 1.0e-5 cm²/s.
    expect(t + checkOutputs(committed) + JSON.stringify(allOutputs(committed).map((o) => o.data?.['text/plain']))).toContain('D_min of a 10 ps run = 1.0e-5 cm²/s');
    // Rates of section 2 are printed; the expected answers never appear in the check outputs.
    const rot = /→ ([0-9.]+) per SO4 per ns/.exec(t), hop = /→ ([0-9.]+) per Li per ns/.exec(t);
    expect(rot).not.toBeNull();
    expect(hop).not.toBeNull();
    const out = checkOutputs(committed);
    const r53 = Math.log10(2590 / 1030) / Math.log10(2590 / 208);
    for (const x of [Number(hop![1]) / Number(rot![1]), 1 / 0.32, r53]) for (const f of forms(x)) expect(out).not.toContain(f);
    expect(out).toContain('text/html');
  });

  it('short profile, answers filled in (right, wrong, right): runs without error, same outputs as committed, checks say right / give the hint', () => {
    const nb = runAnswered(NB5, {
      answer_5_1: 'hopUC.hop_per_ns / rotUC.reorientation_per_ns',     // right
      answer_5_2: '1 / 10e-3',                                          // forgot to divide by the 32 rotors
      answer_5_3: 'Math.log10(2590 / 1030) / Math.log10(2590 / 208)',   // right (Li 2025 SI eqs 3–6 by hand)
    }, 'a');
    expect(text(nb)).toContain('profile: short');
    expect(outputKinds(nb)).toEqual(outputKinds(committed));
    expect(allOutputs(nb).filter((o) => o.data && o.data['application/vnd.vegalite.v6+json']).length).toBeGreaterThanOrEqual(6);
    expect(checkLines(nb)).toEqual([
      'Exercise 5.1: ✓ correct',
      'Exercise 5.2: ✗ not yet — that is the rate for the whole cell: divide by the number of rotors',
      'Exercise 5.3: ✓ correct',
    ]);
  }, 900_000);

  it('short profile, answers filled in (wrong, right, wrong): each typical mistake gets its hint', () => {
    const nb = runAnswered(NB5, {
      answer_5_1: 'rotUC.reorientation_per_ns / hopUC.hop_per_ns',     // inverted
      answer_5_2: '1 / (32 * 0.010)',                                   // right
      answer_5_3: '(2590 - 1030) / (2590 - 208)',                       // linear instead of decades
    }, 'b');
    expect(checkLines(nb)).toEqual([
      'Exercise 5.1: ✗ not yet — that is reorientations per hop: put the Li hop rate on top',
      'Exercise 5.2: ✓ correct',
      'Exercise 5.3: ✗ not yet — shares are of decades lost: use the logarithms of σ, not the differences of σ',
    ]);
  }, 900_000);
});

const NB6 = path.join(notebooksDir, 'course', '06-energy-landscapes-and-the-doas.ipynb');

/** The "Broadening and overlap per run" table: width of all Ag states (eV) and the largest overlap per run. */
function broadening(nb: Notebook) {
  const table = allOutputs(nb).map((o) => join(o.data?.['text/plain'] as string | string[] | undefined)).find((t) => t.startsWith('Broadening and overlap per run'));
  expect(table).toBeDefined();
  const row = (run: string) => {
    const line = table!.split('\n').find((l) => l.trim().startsWith(run));
    expect(line, table).toBeDefined();
    const m = /(\d+)\s+([0-9.]+)\s+([0-9.]+)\s+(n\/a \(one class\)|([0-9.]+) ± ([0-9.]+))/.exec(line!.slice(line!.indexOf(run) + run.length));
    expect(m, line).not.toBeNull();
    return { classes: Number(m![1]), mean: Number(m![2]), width: Number(m![3]), overlap: m![5] === undefined ? null : Number(m![5]) };
  };
  return { ordered: row('ordered, 350 K'), hot: row('disordered, 600 K'), supercooled: row('supercooled, 350 K') };
}

describe('course notebook 06: energy landscapes and the DOAS', () => {
  const committed: Notebook = JSON.parse(readFileSync(NB6, 'utf8'));

  it('the committed notebook has production outputs: a narrow ordered DOAS, broad overlapping disordered ones, consistent printed numbers, silent checks', () => {
    expect(committed.metadata.kernelspec?.name).toBe('superionic');
    const t = text(committed);
    expect(t).toContain('profile: production');
    expect(errors(committed)).toEqual([]);
    expect(checkLines(committed)).toEqual([
      'Exercise 6.1: ✗ no answer yet: put your number in (dimensionless) in place of null',
      'Exercise 6.2: ✗ no answer yet: put your number in (dimensionless) in place of null',
      'Exercise 6.3: ✗ no answer yet: put your number in k_B per Ag in place of null',
    ]);
    // Wang 2023's finding in the model: below T_c one narrow class; above T_c and supercooled, broad (≥ 10× wider) overlapping classes.
    const b = broadening(committed);
    expect(b.ordered.classes).toBe(1);
    expect(b.ordered.width).toBeLessThan(0.01);
    for (const r of [b.hot, b.supercooled]) {
      expect(r.classes).toBeGreaterThanOrEqual(2);
      expect(r.width).toBeGreaterThan(10 * b.ordered.width);
      expect(r.overlap!).toBeGreaterThan(0.5);
    }
    // The narrow-level comparison is the library's exact Gaussian formula.
    const narrow = /widths 0\.005 eV: ([0-9.]+e[-+]?\d+)/.exec(t);
    expect(narrow).not.toBeNull();
    expect(Number(narrow![1])).toBeCloseTo(Number(gaussianBhattacharyya(0.18, 0.005, 0.22, 0.005).toExponential(1)), 12);
    // ΔS printed = ΔE / (k_B · 475 K), both as printed (ΔE to 0.1 meV, ΔS to 0.01 k_B).
    const dE = /ΔE = ([0-9.]+) ± ([0-9.]+) meV per Ag/.exec(t), dS = /needs ΔS ≈ ([0-9.]+) k_B per Ag/.exec(t);
    expect(dE).not.toBeNull();
    expect(dS).not.toBeNull();
    expect(Math.abs(Number(dE![1]) / 1000 / (8.617333262e-5 * 475) - Number(dS![1]))).toBeLessThan(0.005 + 0.00005 / (8.617333262e-5 * 475) + 1e-9);
    const out = checkOutputs(committed);
    for (const x of [Math.exp(-0.040 / (8.617333262e-5 * 600)), gaussianBhattacharyya(0.18, 0.05, 0.22, 0.05), -6 * ((1 / 6) * Math.log(1 / 6) + (5 / 6) * Math.log(5 / 6))]) {
      for (const f of forms(x)) expect(out).not.toContain(f);
    }
    expect(out).toContain('text/html');
  });

  it('short profile, answers filled in (right, wrong, right): runs without error, same outputs and the same finding, checks say right / give the hint', () => {
    const nb = runAnswered(NB6, {
      answer_6_1: 'Math.exp(-0.040 / (8.617e-5 * 600))',                                 // right
      answer_6_2: 'Math.exp(-(0.04 ** 2) / (0.05 ** 2 + 0.05 ** 2))',                    // forgot the 4
      answer_6_3: '-6 * ((1 / 6) * Math.log(1 / 6) + (5 / 6) * Math.log(5 / 6))',        // right (notebook 3's eq. 1)
    }, 'a');
    expect(text(nb)).toContain('profile: short');
    expect(outputKinds(nb)).toEqual(outputKinds(committed));
    const b = broadening(nb);
    expect(b.ordered.width).toBeLessThan(0.01);
    expect(b.hot.width).toBeGreaterThan(5 * b.ordered.width);
    expect(b.supercooled.width).toBeGreaterThan(5 * b.ordered.width);
    expect(checkLines(nb)).toEqual([
      'Exercise 6.1: ✓ correct',
      'Exercise 6.2: ✗ not yet — the exponent has 4(σ₁² + σ₂²) in its denominator: you left out the 4',
      'Exercise 6.3: ✓ correct',
    ]);
  }, 900_000);

  it('short profile, answers filled in (wrong, right, wrong): each typical mistake gets its hint', () => {
    const nb = runAnswered(NB6, {
      answer_6_1: 'Math.exp(0.040 / (8.617e-5 * 600))',                                  // sign of the exponent
      answer_6_2: 'Math.sqrt(2 * 0.05 * 0.05 / (0.05 ** 2 + 0.05 ** 2)) * Math.exp(-((0.18 - 0.22) ** 2) / (4 * (0.05 ** 2 + 0.05 ** 2)))', // right
      answer_6_3: 'Math.log(6)',                                                          // forgot the empty holes
    }, 'b');
    expect(checkLines(nb)).toEqual([
      'Exercise 6.1: ✗ not yet — the upper hole is less likely: the exponent is −ΔE/k_BT',
      'Exercise 6.2: ✓ correct',
      'Exercise 6.3: ✗ not yet — count the empty holes too: the (1 − P₂) ln(1 − P₂) term',
    ]);
  }, 900_000);
});
