/**
 * Paper notebook of issue 17 (notebooks/papers/kweon-2017.ipynb): executed headlessly with the short profile
 * (SUPERIONIC_PROFILE=short, about 2–3 min); every cell must run without error, and the short run must produce
 * the same kinds of outputs, cell by cell, as the committed production run (the same tables, plots and
 * trajectory views). The committed outputs must come from the production profile. The Table 1 recomputation
 * (S̃ from the published P1) does not depend on the run: its numbers are checked against Kweon's published S̃.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Notebook, executeShort, join, notebooksDir, outputKinds, requireEnvironment } from './helpers';

beforeAll(requireEnvironment);

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
    expect(outputKinds(nb)).toEqual(outputKinds(committed));
    const streams = nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === 'stream').map((o) => join(o.text)).join('');
    expect(streams).toMatch(/profile(:)? short/);
  }, 1_200_000);
});
