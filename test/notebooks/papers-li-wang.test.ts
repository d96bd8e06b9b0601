/**
 * Paper notebooks of issue 18 (notebooks/papers/li-2025.ipynb, wang-2023.ipynb): executed headlessly with the
 * short profile (SUPERIONIC_PROFILE=short, a few minutes each); every cell must run without error, and the
 * short run must produce the same kinds of outputs, cell by cell, as the committed production run (the same
 * tables, plots and trajectory views). The committed outputs must come from the production profile.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Notebook, executeShort, htmlTable, join, notebooksDir, outputKinds, requireEnvironment } from './helpers';

beforeAll(requireEnvironment);


/**
 * wang-2023: every Fig. 2 row of the paper-vs-ours table quotes, for each temperature it names, the class count
 * and DOAS width of that same temperature in the broadening table (the row once showed 300 K values under 450 K).
 */
function expectWangTableConsistent(nb: Notebook): void {
  const broad = new Map(htmlTable(nb, 'Broadening and overlap of the DOAS vs T').map((r) => [Number(r[0]), { classes: Number(r[1]), width: r[2] }]));
  const fig2 = htmlTable(nb, 'Wang 2023 vs the').filter((r) => r[0] === 'Fig. 2').map((r) => r[2]);
  expect(fig2.length).toBe(2);
  let quoted = 0;
  for (const text of fig2) for (const m of text.matchAll(/(\d+) K: (\d+) class(?:\(es\)|es)?, width (\S+) eV/g)) {
    const row = broad.get(Number(m[1]));
    expect(row, `broadening row for ${m[1]} K`).toBeDefined();
    expect({ T: Number(m[1]), classes: Number(m[2]), width: m[3] }).toEqual({ T: Number(m[1]), classes: row!.classes, width: row!.width });
    quoted++;
  }
  expect(quoted).toBeGreaterThanOrEqual(2);
}

for (const name of ['li-2025.ipynb', 'wang-2023.ipynb']) {
  describe(`papers/${name}`, () => {
    const src = path.join(notebooksDir, 'papers', name);
    const committed = JSON.parse(readFileSync(src, 'utf8')) as Notebook;
    it('the committed outputs come from the production profile and have no error', () => {
      const streams = committed.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === 'stream').map((o) => join(o.text)).join('');
      expect(streams).toMatch(/profile(:)? production/);
      expect(committed.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === 'error')).toEqual([]);
    });
    if (name === 'wang-2023.ipynb') it('the paper-vs-ours Fig. 2 rows quote the DOAS of the temperatures they name', () => expectWangTableConsistent(committed));
    it('runs with the short profile and produces the same tables, plots and views as the committed run', () => {
      const { nb, status, log } = executeShort(src);
      const errors = nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === 'error');
      expect(errors.map((e) => `${e.ename}: ${e.evalue}`), log).toEqual([]);
      expect(status, log).toBe(0);
      expect(outputKinds(nb)).toEqual(outputKinds(committed));
      if (name === 'wang-2023.ipynb') expectWangTableConsistent(nb);
    }, 1_200_000);
  });
}
