/**
 * A course exercise check in the lab (issue 20): a student types answers into the exercise cells of
 * notebooks/course/03 in JupyterLab (headless Chromium), runs them, and sees a hint for a typical mistake
 * and "✓ correct" for a right answer, rendered by the lab from the check's HTML; the expected values never
 * appear. The page is saved to test-artifacts/browser/course-exercise-check.png (copied to
 * docs/screenshots/ by hand after looking at it).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeNotebook, openNotebook, runAllCells, startJupyterLab, type LabServer } from './jupyterLab';

const root = resolve(__dirname, '../..');
const venv = process.env.SUPERIONIC_VENV ?? join(root, '.venv');
const artifacts = join(root, 'test-artifacts', 'browser');
const CHROMIUM = '/usr/bin/chromium';
const NB3 = join(root, 'notebooks', 'course', '03-sites-and-structural-frustration.ipynb');

let lab: LabServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(venv, 'bin', 'jupyter'))) throw new Error(`No JupyterLab in ${venv}: run \`npm run setup\`.`);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium).`);
  mkdirSync(artifacts, { recursive: true });
  lab = await startJupyterLab(venv, root, 120_000);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await lab?.stop();
});

interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: unknown[];
  execution_count?: number | null;
  metadata?: object;
  id?: string;
}
const src = (c: Cell) => (Array.isArray(c.source) ? c.source.join('') : c.source);

/** Exercises 3.1 and 3.2 of notebook 03 as they stand (statement + check cell), unanswered, in a notebook of their own. */
function exerciseNotebook(): string {
  const nb = JSON.parse(readFileSync(NB3, 'utf8'));
  const cells: Cell[] = nb.cells;
  const find = (s: string) => cells.find((c) => src(c).includes(s))!;
  const statement = (s: string) => ({ cell_type: 'markdown', metadata: {}, source: src(find(s)).slice(src(find(s)).indexOf(s)) });
  const codeCell = (c: Cell) => ({ ...c, outputs: [], execution_count: null });
  nb.cells = [
    { cell_type: 'markdown', metadata: {}, source: '# Course notebook 3 — two exercises\n\nType your answer in place of `null` and run the cell.' },
    statement('### ✎ Exercise 3.1'),
    codeCell(find('const answer_3_1')),
    statement('### ✎ Exercise 3.2'),
    codeCell(find('const answer_3_2')),
  ].map((c, i) => ({ ...c, id: `x${i}` }));
  const dir = join(root, 'test-artifacts', 'course-lab');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'exercise-check.ipynb');
  writeFileSync(file, JSON.stringify(nb));
  return file;
}

/** Replace the `null` of `const <name>: number | null = null;` (first line of the cell) by typing, as a student does. */
async function typeAnswer(page: Page, cell: Locator, name: string, answer: string): Promise<void> {
  const prefix = `const ${name}: number | null = `;
  await cell.locator('.cm-content').click();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < prefix.length; i++) await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 'null'.length; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.type(answer);
  await expect.poll(() => cell.locator('.cm-content').innerText()).toContain(`${prefix}${answer};`);
}

describe('course exercise check in JupyterLab', () => {
  it('a typed wrong answer shows its hint, a typed right answer "✓ correct"; no expected value is shown', async () => {
    const file = exerciseNotebook();
    const page = await browser.newPage({ viewport: { width: 1280, height: 1150 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    try {
      await openNotebook(page, lab, relative(root, file), 180_000);
      const code = activeNotebook(page).locator('.jp-CodeCell');
      await expect.poll(() => code.count()).toBe(2);
      await typeAnswer(page, code.nth(0), 'answer_3_1', '12'); // per cubic cell: a typical mistake
      await typeAnswer(page, code.nth(1), 'answer_3_2', '0.99 / (7.98 * Math.sqrt(3) / 4)'); // right: R− = a√3/4 in bcc
      await runAllCells(page, 300_000);
      const checks = activeNotebook(page).locator('.superionic-check');
      await expect.poll(() => checks.count(), { timeout: 60_000 }).toBe(2);
      const texts = await checks.allInnerTexts();
      expect(texts[0]).toBe('Exercise 3.1: ✗ not yet — 12 is per cubic cell; how many anions does one bcc cubic cell hold?');
      expect(texts[1]).toBe('Exercise 3.2: ✓ correct');
      // Colours: red for "not yet", green for correct.
      expect(await checks.nth(0).getAttribute('style')).toContain('#cf222e');
      expect(await checks.nth(1).getAttribute('style')).toContain('#1a7f37');
      const shown = await activeNotebook(page).locator('.jp-OutputArea').allInnerTexts();
      for (const t of shown) for (const x of ['0.287', '0.2865', '0.29']) expect(t).not.toContain(x);
      await page.locator('#jp-main-dock-panel').screenshot({ path: join(artifacts, 'course-exercise-check.png') });
      expect(problems).toEqual([]);
    } catch (e) {
      await page.screenshot({ path: join(artifacts, 'course-exercise-check-FAILED.png') }).catch(() => undefined);
      console.error(`[browser] course exercise check failed; server log tail:\n${lab.log().slice(-2500)}`);
      throw e;
    } finally {
      await page.close();
    }
  }, 600_000);
});
