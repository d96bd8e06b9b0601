/**
 * Paper notebooks of issue 18 (notebooks/papers/li-2025.ipynb, wang-2023.ipynb): executed headlessly with the
 * short profile (SUPERIONIC_PROFILE=short, a few minutes each); every cell must run without error, and the
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

/** Per code cell, the MIME kinds of its rich outputs (tables, plots, trajectories), in order. */
const kinds = (nb: Notebook) => nb.cells.filter((c) => c.cell_type === 'code').map((c) => (c.outputs ?? [])
  .filter((o) => o.output_type === 'display_data' || o.output_type === 'execute_result')
  .map((o) => Object.keys(o.data ?? {}).filter((k) => k !== 'text/plain' && k !== 'image/svg+xml').sort().join('+') || 'text'));

for (const name of ['li-2025.ipynb', 'wang-2023.ipynb']) {
  describe(`papers/${name}`, () => {
    const src = path.join(notebooksDir, 'papers', name);
    const committed = JSON.parse(readFileSync(src, 'utf8')) as Notebook;
    it('the committed outputs come from the production profile and have no error', () => {
      const streams = committed.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === 'stream').map((o) => join(o.text)).join('');
      expect(streams).toMatch(/profile(:)? production/);
      expect(committed.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === 'error')).toEqual([]);
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
