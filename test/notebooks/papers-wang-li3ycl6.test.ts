/**
 * notebooks/papers/wang-2023-li3ycl6.ipynb (Wang 2023 on Li3YCl6 / Li3YBr1.5Cl4.5 with CHGNet). The committed outputs
 * come from the production runs in notebooks/papers/wang-2023-li3ycl6-runs/ (made by bench/simulate/wang-2023-li3ycl6.mjs);
 * the short profile runs every phase of that script with a few CHGNet steps, so this test needs the ML environment
 * (.venv-ml, which npm test creates, or SUPERIONIC_ML_PYTHON). Without it the test FAILS with the setup hint, unless
 * SUPERIONIC_SKIP_ML=1 is set explicitly (as test/simulate/mlPotential.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mlPython } from '../../src/simulate/ml/mlPotential';
import { Notebook, artifacts, htmlTable, join, jupyterEnv, notebooksDir, requireEnvironment, root } from './helpers';

const SKIP_ML = process.env.SUPERIONIC_SKIP_ML === '1';
const src = path.join(notebooksDir, 'papers', 'wang-2023-li3ycl6.ipynb');
const runs = path.join(notebooksDir, 'papers', 'wang-2023-li3ycl6-runs');
const committed = JSON.parse(readFileSync(src, 'utf8')) as Notebook;

/** Per code cell, the MIME kinds of its rich outputs (tables, plots, trajectories), in order. */
const kinds = (nb: Notebook) => nb.cells.filter((c) => c.cell_type === 'code').map((c) => (c.outputs ?? [])
  .filter((o) => o.output_type === 'display_data' || o.output_type === 'execute_result')
  .map((o) => Object.keys(o.data ?? {}).filter((k) => k !== 'text/plain' && k !== 'image/svg+xml').sort().join('+') || 'text'));

const streams = (nb: Notebook) => nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === 'stream').map((o) => join(o.text)).join('');

describe('papers/wang-2023-li3ycl6.ipynb: committed production outputs', () => {
  it('come from the production profile, have no error and state the run time', () => {
    expect(streams(committed)).toMatch(/profile production/);
    expect(streams(committed)).toMatch(/run time of these results: MD \d/);
    expect(committed.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === 'error')).toEqual([]);
  });
  it('show the committed run results: D*_Li per run and the NEB barrier equal the JSON in wang-2023-li3ycl6-runs/', () => {
    const rows = htmlTable(committed, 'Li and anion tracer diffusion per run');
    const files = [['li3ycl6', 300], ['li3ycl6', 600], ['li3ycl6', 900], ['li3ybr1.5cl4.5', 900]] as const;
    expect(rows.length).toBe(files.length);
    for (const [k, [system, T]] of files.entries()) {
      const r = JSON.parse(readFileSync(path.join(runs, `${system}_${T}K.json`), 'utf8'));
      expect(Number(rows[k][1])).toBe(T);
      const [D, err] = rows[k][4].split(' ± ').map(Number);
      // fmt(x, 2): 2 significant decimals (exponential for |x| < 0.01)
      expect(Math.abs(D - r.Li.D_cm2_s)).toBeLessThanOrEqual(Math.abs(r.Li.D_cm2_s) * 0.051 + 1e-12);
      expect(Math.abs(err - r.Li.D_uncertainty_cm2_s)).toBeLessThanOrEqual(r.Li.D_uncertainty_cm2_s * 0.051 + 1e-12);
    }
    const neb = JSON.parse(readFileSync(path.join(runs, 'neb.json'), 'utf8'));
    const nebRow = htmlTable(committed, 'NEB of the ordered Oct–Tet–Oct hop')[0];
    expect(Number(nebRow[1].replace(' eV', ''))).toBeCloseTo(neb.barrier_eV, 3);
  });
});

(SKIP_ML ? describe.skip : describe)('papers/wang-2023-li3ycl6.ipynb: short profile (CHGNet)', () => {
  beforeAll(() => {
    requireEnvironment();
    if (!existsSync(mlPython())) throw new Error(`the ML environment is missing (no ${mlPython()}): run \`npm run setup:ml\` (npm test does it first) or set SUPERIONIC_ML_PYTHON; SUPERIONIC_SKIP_ML=1 skips this test explicitly`);
  });
  it('runs every phase of the script with a few steps and produces the same tables, plots and views as the committed run', () => {
    mkdirSync(artifacts, { recursive: true });
    const out = path.join(artifacts, 'short-wang-2023-li3ycl6.ipynb');
    const r = spawnSync(path.join(root, '.venv', 'bin', 'python'), [path.join(root, 'test', 'notebooks', 'run_notebook.py'), src, out, '--timeout', '1500'],
      { cwd: root, encoding: 'utf8', timeout: 1_800_000, env: { ...jupyterEnv, SUPERIONIC_PROFILE: 'short' } });
    const log = `${r.stdout}\n${r.stderr}`;
    expect(existsSync(out), log).toBe(true);
    const nb = JSON.parse(readFileSync(out, 'utf8')) as Notebook;
    const errors = nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === 'error');
    expect(errors.map((e) => `${e.ename}: ${e.evalue}`), log).toEqual([]);
    expect(r.status, log).toBe(0);
    expect(streams(nb)).toMatch(/profile short/);
    expect(kinds(nb)).toEqual(kinds(committed));
  }, 1_800_000);
});
