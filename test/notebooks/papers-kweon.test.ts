/**
 * Paper notebook of issue 17 (notebooks/papers/kweon-2017.ipynb): executed headlessly with the short profile
 * (SUPERIONIC_PROFILE=short, about 2–3 min); every cell must run without error, and the short run must produce
 * the same kinds of outputs, cell by cell, as the committed production run (the same tables, plots and
 * trajectory views). The committed outputs must come from the production profile. The Table 1 recomputation
 * (S̃ from the published P1) does not depend on the run: its numbers are checked against Kweon's published S̃.
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

/** Per code cell, the MIME kinds of its rich outputs (tables, plots, trajectories), in order (progress bars left out). */
const kinds = (nb: Notebook) => nb.cells.filter((c) => c.cell_type === 'code').map((c) => (c.outputs ?? [])
  .filter((o) => o.output_type === 'display_data' || o.output_type === 'execute_result')
  .filter((o) => !String(join((o.data?.['text/html'] as string | string[] | undefined) ?? '')).includes('superionic-progress'))
  .map((o) => Object.keys(o.data ?? {}).filter((k) => k !== 'text/plain' && k !== 'image/svg+xml').sort().join('+') || 'text'));

const decode = (s: string) => s.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The text of the HTML table whose caption starts with `caption`, as rows of cell strings. */
function tableRows(nb: Notebook, caption: string): string[][] {
  for (const c of nb.cells) for (const o of c.outputs ?? []) {
    const h = join(o.data?.['text/html'] as string | string[] | undefined);
    if (!h.includes(caption)) continue;
    return [...h.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map((m) => [...m[1].matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/gs)].map((x) => decode(x[1].replace(/<[^>]+>/g, '')).trim()));
  }
  throw new Error(`no table "${caption}"`);
}

describe('papers/kweon-2017.ipynb', () => {
  const src = path.join(notebooksDir, 'papers', 'kweon-2017.ipynb');
  const committed = JSON.parse(readFileSync(src, 'utf8')) as Notebook;
  it('the committed outputs come from the production profile and have no error', () => {
    const streams = committed.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === 'stream').map((o) => join(o.text)).join('');
    expect(streams).toMatch(/profile(:)? production/);
    expect(committed.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === 'error')).toEqual([]);
  });
  it('recovers every published S̃ of Table 1 from its P1 within the rounding of the table (Kweon site counts)', () => {
    const rows = tableRows(committed, 'Kweon 2017 Table 1: published rows');
    const head = rows[0];
    const pub = head.indexOf('S̃ published (k_B)'), ours = head.indexOf("S̃ from P1, Kweon's counts"), range = head.indexOf('S̃ range from P1 rounding');
    expect(rows.length).toBe(8);
    for (const r of rows.slice(1)) {
      const [lo, hi] = r[range].split('–').map(Number);
      expect(+r[pub]).toBeGreaterThanOrEqual(lo - 0.005);
      expect(+r[pub]).toBeLessThanOrEqual(hi + 0.005);
      expect(Math.abs(+r[ours] - +r[pub])).toBeLessThan(0.05);
    }
  });
  it('runs with the short profile and produces the same tables, plots and views as the committed run', () => {
    const { nb, status, log } = executeShort(src);
    const errors = nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === 'error');
    expect(errors.map((e) => `${e.ename}: ${e.evalue}`), log).toEqual([]);
    expect(status, log).toBe(0);
    expect(kinds(nb)).toEqual(kinds(committed));
    const streams = nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === 'stream').map((o) => join(o.text)).join('');
    expect(streams).toMatch(/profile(:)? short/);
  }, 1_200_000);
});
