/**
 * Paper notebook of issue 17 (notebooks/papers/wood-2021.ipynb): executed headlessly with the
 * short profile (SUPERIONIC_PROFILE=short, about 1–2 minutes); every cell must run without error, and the
 * short run must produce the same kinds of outputs, cell by cell, as the committed production run (the same
 * tables, plots and trajectory views). The committed outputs must come from the production profile.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Notebook, executeShort, join, notebooksDir, outputKinds, requireEnvironment } from './helpers';

beforeAll(requireEnvironment);

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
      expect(outputKinds(nb)).toEqual(outputKinds(committed));
    }, 1_200_000);
  });
}
