/**
 * The density hookup of the trajectory browser in a real JupyterLab (the project's .venv, headless Chromium via
 * playwright-core): the Li density of Li6PS5Cl 50 % computed by the library (ProbabilityDensity, 0.5 Å grid,
 * smeared 0.3 Å), put in a trajectory bundle by `trajectoryBundle` with `trajectoryDensity(…, {section})`, displayed
 * from a notebook cell. Checks: the isosurface draws and its level picker changes the picture; the cross-section
 * opens on the requested plane with its Vega-Lite heat map beside the view (one rect per grid point), the plane
 * slider and the axis select move both; "off" hides the panel. Screenshots in test-artifacts/browser/.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseFrames } from '../../src/core/frameAnalysis';
import { readTrajectory } from '../../src/io/index';
import { ProbabilityDensity, smearDensity } from '../../src/density/index';
import { trajectoryDensity } from '../../src/display/density/densityIsosurface';
import { trajectoryBundle } from '../../src/display/show';
import { activeNotebook, canvasStats, openNotebook, runAllCells, startJupyterLab, type LabServer } from './jupyterLab';

const root = resolve(__dirname, '../..');
const venv = process.env.SUPERIONIC_VENV ?? join(root, '.venv');
const artifacts = join(root, 'test-artifacts', 'browser');
const CHROMIUM = '/usr/bin/chromium';
const MIME = 'application/vnd.superionic.trajectory+json';

let lab: LabServer;
let browser: Browser;
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(venv, 'share', 'jupyter', 'labextensions', 'superionic-jupyterlab', 'package.json'))) {
    throw new Error(`The superionic-jupyterlab extension is not installed in ${venv}: run \`npm run setup\`.`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium).`);
  mkdirSync(artifacts, { recursive: true });
  lab = await startJupyterLab(venv, root, 120_000, { quietNotifications: false });
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
});

afterAll(async () => {
  await browser?.close();
  await lab?.stop();
});

/** A notebook folder with the bundle of the real density (library-computed) and a Python cell that displays it. */
async function writeDensityNotebook(dir: string): Promise<{ notebookPath: string; shape: number[] }> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const traj = await readTrajectory(join(root, 'data/Li6PS5Cl_50pct_500K_XDATCAR.gz'), { timestep_fs: 100 });
  const acc = new ProbabilityDensity({ species: 'Li', spacing_A: 0.5 });
  await analyseFrames(traj, [acc], { onProgress: () => {} });
  const d = smearDensity(acc.result(), 0.3);
  const density = trajectoryDensity(d, { enclosed: 0.5, digits: 3, section: { axis: 'c', fraction: 0.25 } });
  const disp = trajectoryBundle(traj, { title: 'Li6PS5Cl 50 %: Li density (library), cross-section c = 0.25', density, frames: { end: 40 } });
  mkdirSync(join(dir, 'superionic-frames'), { recursive: true });
  writeFileSync(join(dir, disp.path), disp.bytes);
  writeFileSync(join(dir, 'bundle.json'), JSON.stringify(disp.bundle.data[MIME]));
  const cell = `import json\nfrom IPython.display import display\ndisplay({${JSON.stringify(MIME)}: json.load(open("bundle.json")), "text/plain": "<trajectory>"}, raw=True)`;
  const nb = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3 (ipykernel)', language: 'python' } },
    cells: [{ id: 'c0', cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: cell }],
  };
  const notebookPath = join(dir, 'density-section.ipynb');
  writeFileSync(notebookPath, JSON.stringify(nb, null, 1));
  return { notebookPath, shape: density.shape };
}

async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  return page;
}

describe('density in the trajectory browser: isosurface level picker and cross-section heat map', () => {
  it('real Li6PS5Cl density: isosurface, level picker, section plane + Vega-Lite heat map beside the view', async () => {
    const { notebookPath, shape } = await writeDensityNotebook(join(artifacts, 'density-section'));
    const page = await newPage();
    try {
      await openNotebook(page, lab, relative(root, notebookPath));
      await runAllCells(page, 120_000);
      const traj = activeNotebook(page).locator(`.si-traj[data-mime-type="${MIME}"]`).first();
      await traj.waitFor({ timeout: 60_000 });
      await expect.poll(() => traj.getAttribute('data-frame'), { timeout: 120_000, interval: 100 }).toBe('0');
      // The section requested by the library opens with the output: c = 0.25 → grid plane round(0.25 n).
      const k0 = Math.round(0.25 * shape[2]) % shape[2];
      await expect.poll(() => traj.getAttribute('data-section'), { timeout: 30_000 }).toBe(`c:${k0}`);
      await expect.poll(() => traj.getAttribute('data-section-rendered'), { timeout: 60_000 }).toBe(`c:${k0}`);
      const panel = traj.locator('.si-traj-section');
      expect(await panel.isVisible()).toBe(true);
      const rects = () => panel.locator('svg g.mark-rect.role-mark path').count();
      await expect.poll(rects, { timeout: 30_000 }).toBe(shape[0] * shape[1]);
      expect(await traj.locator('.si-traj-section-value').innerText()).toContain(`c = ${(k0 / shape[2]).toFixed(3)}`);
      // The view and the heat map sit side by side.
      const stageBox = (await traj.locator('.si-traj-stage').boundingBox())!,
        panelBox = (await panel.boundingBox())!;
      expect(panelBox.x).toBeGreaterThanOrEqual(stageBox.x + stageBox.width - 1);
      await page.waitForTimeout(500);
      const withSection = await canvasStats(traj);
      expect(withSection.nonBackground).toBeGreaterThan(0.02);
      await traj.screenshot({ path: join(artifacts, 'density-section-c.png') });
      // Moving the plane moves the plane in the view and redraws the heat map.
      const k1 = Math.round(0.5 * shape[2]);
      await traj.locator('.si-traj-section-plane').fill(String(k1));
      await expect.poll(() => traj.getAttribute('data-section-rendered'), { timeout: 30_000 }).toBe(`c:${k1}`);
      await page.waitForTimeout(300);
      expect((await canvasStats(traj)).hash).not.toBe(withSection.hash);
      // Another axis.
      await traj.locator('.si-traj-section-axis').selectOption('a');
      await expect.poll(() => traj.getAttribute('data-section-rendered'), { timeout: 30_000 }).toMatch(/^a:\d+$/);
      await expect.poll(rects, { timeout: 30_000 }).toBe(shape[1] * shape[2]);
      await traj.screenshot({ path: join(artifacts, 'density-section-a.png') });
      // The isosurface level picker changes the picture.
      await traj.locator('.si-traj-section-axis').selectOption('');
      await expect.poll(() => panel.isVisible()).toBe(false);
      await page.waitForTimeout(300);
      const before = await canvasStats(traj);
      const iso = traj.locator('.si-traj-iso');
      const [lo, hi] = [Number(await iso.getAttribute('min')), Number(await iso.getAttribute('max'))];
      await iso.fill(String(lo + 0.05 * (hi - lo)));
      await iso.dispatchEvent('change');
      await page.waitForTimeout(800);
      const lowLevel = await canvasStats(traj);
      expect(lowLevel.hash).not.toBe(before.hash);
      expect(await traj.locator('.si-traj-iso-value').innerText()).toContain('iso');
      await traj.screenshot({ path: join(artifacts, 'density-iso-low.png') });
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  }, 300_000);
});
