/**
 * Paper notebook of issue 17 (notebooks/papers/wood-2021.ipynb): executed headlessly with the
 * short profile (SUPERIONIC_PROFILE=short, about 1–2 minutes); every cell must run without error, and the
 * short run must produce the same kinds of outputs, cell by cell, as the committed production run (the same
 * tables, plots and trajectory views). The committed outputs must come from the production profile.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Notebook, artifacts, join, jupyterEnv, notebooksDir, requireEnvironment, root } from './helpers';

beforeAll(requireEnvironment);

function executeShort(src: string): { nb: Notebook; status: number; log: string } {
  mkdirSync(artifacts, { recursive: true });
  const out = path.join(artifacts, `short-${path.basename(src)}`);
  const r = spawnSync(path.join(root, '.venv', 'bin', 'python'), [path.join(root, 'test', 'notebooks', 'run_notebook.py'), src, out, '--timeout', '900'],
    { cwd: root, encoding: 'utf8', timeout: 1_200_000, env: { ...jupyterEnv, SUPERIONIC_PROFILE: 'short' } });
  const log = `${r.stdout}\n${r.stderr}`;
  if (!existsSync(out)) throw new Error(`nbclient wrote no notebook for ${src}:\n${log}`);
  return { nb: JSON.parse(readFileSync(out, 'utf8')), status: r.status ?? -1, log };
}

/** A progress bar (show.progress, or the frame-analysis bar that long runs show): not a result. */
const isProgress = (o: { data?: Record<string, unknown> }) => join(o.data?.['text/html'] as string | string[] | undefined).includes('superionic-progress');
/** Per code cell, the MIME kinds of its rich outputs (tables, plots, trajectories), in order; progress bars left out. */
const kinds = (nb: Notebook) => nb.cells.filter((c) => c.cell_type === 'code').map((c) => (c.outputs ?? [])
  .filter((o) => (o.output_type === 'display_data' || o.output_type === 'execute_result') && !isProgress(o))
  .map((o) => Object.keys(o.data ?? {}).filter((k) => k !== 'text/plain' && k !== 'image/svg+xml').sort().join('+') || 'text'));

for (const name of ['wood-2021.ipynb']) {
  describe(`papers/${name}`, () => {
    const src = path.join(notebooksDir, 'papers', name);
    const committed = JSON.parse(readFileSync(src, 'utf8')) as Notebook;
    it('the committed outputs come from the production profile and have no error', () => {
      const streams = committed.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === 'stream').map((o) => join(o.text)).join('');
      expect(streams).toMatch(/profile(:)? production/);
      expect(committed.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === 'error')).toEqual([]);
    });
    it('the committed run shows Fig. 4c: an ordered sublattice below the model transition and none above, against the null baseline', () => {
      const streams = committed.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === 'stream').map((o) => join(o.text)).join('');
      const m = /ordered \(z > 10\) up to (\d+) K; no order resolved \(z ≤ 3\) from (\d+) K → model transition (\d+) ± (\d+) K/.exec(streams);
      expect(m, 'the heating branch brackets the model transition').not.toBeNull();
      expect(Number(m![1])).toBeLessThan(Number(m![2]));
      const html = committed.cells.flatMap((c) => c.outputs ?? []).map((o) => join((o as { data?: Record<string, unknown> }).data?.['text/html'] as string | string[] | undefined ?? '')).join('');
      expect(html).toMatch(/Wood 2021 vs the α-AgI model/);
      expect(html).toMatch(/random placement/);
    });
    it('runs with the short profile and produces the same tables, plots and views as the committed run', () => {
      const { nb, status, log } = executeShort(src);
      const errors = nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === 'error');
      expect(errors.map((e) => `${e.ename}: ${e.evalue}`), log).toEqual([]);
      expect(status, log).toBe(0);
      expect(kinds(nb)).toEqual(kinds(committed));
    }, 1_200_000);
  });
}
