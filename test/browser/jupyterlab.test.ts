/**
 * The extension in a real JupyterLab: the project's .venv `jupyter lab` on a free localhost port,
 * driven in Debian's headless Chromium by playwright-core.
 *  1. A fixture notebook (Python cells displaying our MIME bundles for a synthetic 2,000-atom ×
 *     2,000-frame crystal with sites and a density grid, a DOAS-like plot and a Vega-Lite 6 spec).
 *  2. notebooks/01-getting-started.ipynb opened as committed with no frame files on disk (a fresh
 *     clone: static snapshots and "run this cell", no failed request, no console error), then all cells run.
 *  3. notebooks/02-dynamics-and-doas.ipynb opened as committed: its DOAS widget renders and filters.
 * Both check that the trajectory browser drew (canvas not blank), that the frame read-out follows
 * the slider, that play advances frames, and that the plots rendered marks. Screenshots go to
 * test-artifacts/browser/ (copied to docs/screenshots/ by hand after looking at them).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeExtensionFixture } from './fixtures/extensionFixture';
import { activeNotebook, canvasStats, openNotebook, runAllCells, startJupyterLab, type LabServer } from './jupyterLab';

const root = resolve(__dirname, '../..');
// SUPERIONIC_VENV lets a developer point the test at another environment; the default is the project's.
const venv = process.env.SUPERIONIC_VENV ?? join(root, '.venv');
const artifacts = join(root, 'test-artifacts', 'browser');
const CHROMIUM = '/usr/bin/chromium';

let lab: LabServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(venv, 'bin', 'jupyter'))) {
    throw new Error(`No JupyterLab in ${venv}: run \`npm run setup\` (it creates .venv, the kernelspec and the extension).`);
  }
  if (!existsSync(join(venv, 'share', 'jupyter', 'labextensions', 'superionic-jupyterlab', 'package.json'))) {
    throw new Error(`The superionic-jupyterlab extension is not installed in ${venv}: run \`npm run setup\`.`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium).`);
  mkdirSync(artifacts, { recursive: true });
  lab = await startJupyterLab(venv, root, 120_000, { quietNotifications: false }); // the .venv's own settings
  // launch() gives every run a fresh temporary user-data-dir (removed on close).
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

/**
 * Every console error and page error of every page, and any news / update-check request (the
 * project's lab turns both off in .venv): each test must end with none (afterEach). JupyterLab's
 * debugger used to log "No active debugger session" per executed cell; the project's lab has it off.
 */
const pageProblems: string[] = [];
afterEach(() => {
  const problems = pageProblems.splice(0);
  expect(problems).toEqual([]);
});

async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on('pageerror', (e) => {
    console.error(`[browser] page error: ${e.message}`);
    pageProblems.push(`page error: ${e.message}`);
  });
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    console.error(`[browser] ${m.text()}`);
    pageProblems.push(`console error: ${m.text()}`);
  });
  page.on('request', (r) => {
    if (/\/lab\/api\/(news|update)/.test(r.url())) pageProblems.push(`news/update request: ${r.url().replace(/\?.*/, '')}`);
  });
  return page;
}

/** Run `body`; on failure keep a screenshot and the server log's tail for the report. */
async function withFailureShot(page: Page, name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    await page.screenshot({ path: join(artifacts, `${name}-FAILED.png`) }).catch(() => undefined);
    console.error(`[browser] ${name} failed; screenshot in test-artifacts/browser/${name}-FAILED.png; server log tail:\n${lab.log().slice(-2500)}`);
    throw e;
  } finally {
    await page.close();
  }
}

/** The trajectory browser drew, follows the slider, plays; returns timing/picture facts. */
async function checkTrajectoryBrowser(page: Page, traj: Locator, name: string, nFrames: number) {
  await traj.scrollIntoViewIfNeeded();
  await expect.poll(() => traj.getAttribute('data-frame'), { timeout: 120_000, interval: 100 }).toBe('0');
  await page.waitForTimeout(300); // let the on-demand render land
  const first = await canvasStats(traj);
  // Not blank: atoms and cell edges cover part of the canvas in several colours.
  expect(first.nonBackground).toBeGreaterThan(0.02);
  expect(first.colours).toBeGreaterThan(10);
  await traj.screenshot({ path: join(artifacts, `${name}-frame0.png`) });

  // Slider → read-out and picture follow.
  const target = Math.min(nFrames - 1, Math.floor(nFrames / 2));
  await traj.locator('.si-traj-slider').fill(String(target));
  await expect.poll(() => traj.getAttribute('data-frame'), { timeout: 60_000 }).toBe(String(target));
  await expect.poll(() => traj.locator('.si-traj-frame').innerText()).toContain(`frame ${target + 1} / ${nFrames}`);
  await page.waitForTimeout(300);
  const moved = await canvasStats(traj);
  expect(moved.hash).not.toBe(first.hash);

  // Select a Li ion by clicking a purple pixel (real picking), so the shots show its path.
  if (moved.liPixel) {
    const canvas = traj.locator('canvas.si-traj-canvas');
    await canvas.click({ position: { x: moved.liPixel[0], y: moved.liPixel[1] } });
    await expect.poll(async () => Number(await traj.getAttribute('data-selected')), { timeout: 10_000 }).toBeGreaterThanOrEqual(0);
    await expect.poll(() => traj.locator('.si-traj-info').innerText()).toContain('Li #');
  }

  // Play advances frames; pause stops. (Longest trail, so the screenshot shows the ion's path.)
  await traj.locator('.si-traj-trail').selectOption('1000');
  await traj.locator('.si-traj-play').click();
  await expect.poll(async () => Number(await traj.getAttribute('data-frame')), { timeout: 60_000 }).toBeGreaterThan(target + 2);
  const playFrom = Number(await traj.getAttribute('data-frame'));
  const playT0 = Date.now();
  await page.waitForTimeout(1500);
  const playRate = (Number(await traj.getAttribute('data-frame')) - playFrom) / ((Date.now() - playT0) / 1000);
  console.log(`[browser] ${name}: playback ${playRate.toFixed(1)} frames/s at 1× (target 20 steps/s; software WebGL)`);
  await traj.locator('.si-traj-play').click();
  await expect.poll(() => traj.getAttribute('data-playing')).toBe('false');
  const shown = Number(await traj.getAttribute('data-frame'));
  await page.waitForTimeout(500);
  expect(Number(await traj.getAttribute('data-frame'))).toBe(shown);
  if (moved.liPixel) {
    // The selected ion's recent path is drawn (several frames are loaded behind the current one).
    expect(Number(await traj.getAttribute('data-path-points'))).toBeGreaterThan(10);
  }
  await traj.screenshot({ path: join(artifacts, `${name}-playing.png`) });
  return { first };
}

/** Vega marks (SVG paths inside mark groups) under `plot`. */
async function markCount(plot: Locator): Promise<number> {
  return plot.locator('svg g.role-mark path, svg g.role-mark rect, svg g.role-mark line').count();
}

describe('superionic-jupyterlab in a real JupyterLab (headless Chromium)', () => {
  it('fixture notebook: 2,000 × 2,000 trajectory with sites and density, interactive plot, Vega-Lite 6', async () => {
    const dir = join(artifacts, 'fixture');
    rmSync(dir, { recursive: true, force: true });
    const fx = writeExtensionFixture(dir);
    const page = await newPage();
    await withFailureShot(page, 'fixture', async () => {
      await openNotebook(page, lab, relative(root, fx.notebookPath));
      await runAllCells(page, 180_000);

      const traj = activeNotebook(page).locator('.si-traj[data-mime-type="application/vnd.superionic.trajectory+json"]').first();
      await traj.waitFor({ timeout: 60_000 });
      await expect.poll(() => traj.locator('.si-traj-species').count()).toBe(2);
      await expect.poll(() => traj.locator('input[data-toggle="sites"]').count()).toBe(1);
      await expect.poll(() => traj.locator('input[data-toggle="density"]').count()).toBe(1);
      await checkTrajectoryBrowser(page, traj, 'fixture-trajectory', fx.nFrames);
      // The whole 48 MB file streams into the cache (Range requests in ~4 MB chunks). The widget
      // records the time from the bundle's arrival to its first picture and to a full cache.
      await expect.poll(async () => Number(await traj.getAttribute('data-cached-frames')), { timeout: 120_000, interval: 200 }).toBe(fx.nFrames);
      const open_ms = Number(await traj.getAttribute('data-open-ms'));
      const cached_ms = Number(await traj.getAttribute('data-cached-ms'));
      console.log(
        `[browser] fixture ${fx.nAtoms} atoms × ${fx.nFrames} frames (${(fx.bytes / 1e6).toFixed(0)} MB): first picture ${open_ms} ms after the output arrived, all frames cached after ${cached_ms} ms`,
      );
      // "Opens in a few seconds": a generous bound, as this machine is shared and WebGL is software-rendered.
      expect(open_ms).toBeLessThan(15_000);
      // Hiding a species changes the picture.
      const before = await canvasStats(traj);
      await traj.locator('input[data-species="S"]').uncheck();
      await page.waitForTimeout(300);
      const noS = await canvasStats(traj);
      expect(noS.hash).not.toBe(before.hash);
      await traj.screenshot({ path: join(artifacts, 'fixture-trajectory-no-S.png') });
      // Sites and the density isosurface alone (both species hidden) still draw.
      await traj.locator('input[data-species="Li"]').uncheck();
      await page.waitForTimeout(300);
      const overlays = await canvasStats(traj);
      expect(overlays.nonBackground).toBeGreaterThan(0.02);
      await traj.screenshot({ path: join(artifacts, 'fixture-sites-density.png') });
      await traj.locator('input[data-toggle="density"]').uncheck();
      await page.waitForTimeout(300);
      expect((await canvasStats(traj)).hash).not.toBe(overlays.hash);
      await traj.locator('input[data-toggle="density"]').check();
      await traj.locator('input[data-species="Li"]').check();
      await traj.locator('input[data-species="S"]').check();

      // Interactive DOAS plot: select inputs for temperature and class, tooltips, export actions.
      const plot = activeNotebook(page).locator('.si-vega[data-mime-type="application/vnd.superionic.plot+json"]').first();
      await plot.scrollIntoViewIfNeeded();
      await expect.poll(() => markCount(plot), { timeout: 60_000 }).toBeGreaterThan(0);
      const selects = plot.locator('.vega-bind select');
      await expect.poll(() => selects.count()).toBe(2);
      const symbolsAll = await plot.locator('svg g.mark-symbol.role-mark path').count();
      expect(symbolsAll).toBe(3 * 2 * 23); // 3 temperatures × 2 classes × 23 r values
      await selects.nth(0).selectOption({ label: '600' });
      await expect.poll(() => plot.locator('svg g.mark-symbol.role-mark path').count()).toBe(2 * 23);
      await selects.nth(1).selectOption({ label: 'Li-rich' });
      await expect.poll(() => plot.locator('svg g.mark-symbol.role-mark path').count()).toBe(23);
      await selects.nth(0).selectOption({ label: 'all' });
      await selects.nth(1).selectOption({ label: 'all' });
      await expect.poll(() => plot.locator('.vega-actions a', { hasText: 'Save as SVG' }).count()).toBe(1);
      await expect.poll(() => plot.locator('.vega-actions a', { hasText: 'Save as PNG' }).count()).toBe(1);
      await plot.screenshot({ path: join(artifacts, 'fixture-plot.png') });

      const v6 = activeNotebook(page).locator('.si-vega[data-mime-type="application/vnd.vegalite.v6+json"]').first();
      await v6.scrollIntoViewIfNeeded();
      await expect.poll(() => markCount(v6), { timeout: 60_000 }).toBeGreaterThan(0);
      await page.screenshot({ path: join(artifacts, 'fixture-notebook.png') });
    });
  }, 600_000);

  it('getting-started notebook: runs on the superionic kernel; trajectory browser and plots render', async () => {
    const nb = join(root, 'notebooks', '01-getting-started.ipynb');
    expect(existsSync(nb), `${nb} is missing`).toBe(true);
    // Fresh clone: frame files are generated output (git-ignored), so none is on disk yet.
    for (const d of ['superionic-frames', '.superionic']) rmSync(join(root, 'notebooks', d), { recursive: true, force: true });
    const page = await newPage();
    const consoleErrors: string[] = [];
    const failed: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    await withFailureShot(page, 'getting-started', async () => {
      await openNotebook(page, lab, relative(root, nb), 180_000);
      // 1. As committed, before running: every trajectory output shows its static snapshot and says to
      //    run the cell; no HTTP error, no _xsrf, no failed request, no console error.
      const trajs = activeNotebook(page).locator('.si-traj[data-mime-type="application/vnd.superionic.trajectory+json"]');
      await expect.poll(() => trajs.count(), { timeout: 60_000 }).toBeGreaterThan(0);
      const nTraj = await trajs.count();
      await expect.poll(() => activeNotebook(page).locator('.si-traj[data-fallback="missing"]').count(), { timeout: 60_000 }).toBe(nTraj);
      for (let k = 0; k < nTraj; k++) {
        const t = trajs.nth(k);
        await t.scrollIntoViewIfNeeded();
        expect(await t.locator('.si-traj-note').textContent()).toContain('Run this cell to browse the frames');
        const img = t.locator('img.si-traj-snapshot');
        await expect
          .poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth), { timeout: 10_000 })
          .toBeGreaterThan(0);
        expect(await t.textContent()).not.toMatch(/HTTP|_xsrf|404/);
      }
      const withSites = trajs.filter({ hasText: 'sites' });
      if (await withSites.count()) {
        await withSites.first().scrollIntoViewIfNeeded();
        await withSites.first().screenshot({ path: join(artifacts, 'fresh-clone-trajectory-sites.png') });
      }
      await trajs.first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(artifacts, 'fresh-clone-notebook.png') });
      expect(failed).toEqual([]);
      expect(consoleErrors).toEqual([]);
      // 2. Run every cell: the browsers come alive with the frames just written.
      await runAllCells(page, 900_000);
      await expect.poll(() => activeNotebook(page).locator('.si-traj[data-fallback]').count(), { timeout: 60_000 }).toBe(0);
      // No cell raised: an error output shows the traceback/ename in a stderr-typed output.
      const errors = await activeNotebook(page).locator('[data-mime-type="application/vnd.jupyter.stderr"]').allInnerTexts();
      expect(errors.filter((t) => /Error|Traceback/.test(t))).toEqual([]);

      const traj = activeNotebook(page).locator('.si-traj[data-mime-type="application/vnd.superionic.trajectory+json"]').first();
      await traj.waitFor({ timeout: 60_000 });
      const nFrames = Number(await traj.locator('.si-traj-slider').getAttribute('max')) + 1;
      await checkTrajectoryBrowser(page, traj, 'getting-started-trajectory', nFrames);

      const plots = activeNotebook(page).locator(
        '.si-vega[data-mime-type="application/vnd.vegalite.v6+json"], .si-vega[data-mime-type="application/vnd.superionic.plot+json"]',
      );
      expect(await plots.count()).toBeGreaterThan(0);
      const plot = plots.first();
      await plot.scrollIntoViewIfNeeded();
      await expect.poll(() => markCount(plot), { timeout: 60_000 }).toBeGreaterThan(0);
      await plot.screenshot({ path: join(artifacts, 'getting-started-plot.png') });
      await page.screenshot({ path: join(artifacts, 'getting-started-notebook.png') });
    });
  }, 1_200_000);

  it('result cards: a Trajectory, a diffusion result and a van Hove result show as cards with their plots', async () => {
    // A small TypeScript notebook executed headlessly (nbclient) and opened with its saved outputs.
    const dir = join(artifacts, 'cards');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const rel = (f: string) => JSON.stringify(relative(dir, join(root, 'data', f)));
    const cells = [
      `const lg = await si.readTrajectory(${rel('Li10GeP2S12_600K_AIMD.extxyz.gz')}); lg`,
      'const r = await si.analyseDiffusion(lg, "Li", { temperature_K: 600, drift: true }); show(r)',
      `si.vanHoveCorrelation(await si.readTrajectory(${rel('Na3PS4_cubic_800K_AIMD.extxyz.gz')}), { species: "Na", lags_fs: [100, 400, 1000], rMax_A: 6, dr_A: 0.1 })`,
    ];
    const src = join(dir, 'cards.ipynb');
    writeFileSync(
      src,
      JSON.stringify({
        cells: cells.map((c) => ({ cell_type: 'code', source: c, metadata: {}, outputs: [], execution_count: null })),
        metadata: { kernelspec: { name: 'superionic', display_name: 'Superionic (TypeScript)', language: 'typescript' } },
        nbformat: 4,
        nbformat_minor: 5,
      }),
    );
    const run = spawnSync(join(venv, 'bin', 'python'), [join(root, 'test', 'notebooks', 'run_notebook.py'), src, src, '--timeout', '300'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 600_000,
      env: { ...process.env, JUPYTER_PATH: [join(venv, 'share', 'jupyter'), process.env.JUPYTER_PATH].filter(Boolean).join(':') },
    });
    expect(run.status, run.stderr + run.stdout).toBe(0);
    const page = await newPage();
    await withFailureShot(page, 'cards', async () => {
      await openNotebook(page, lab, relative(root, src), 180_000);
      const nb = activeNotebook(page);
      const traj = nb.locator('.superionic-card-trajectory');
      await traj.waitFor({ timeout: 60_000 });
      expect(await traj.textContent()).toContain('Li20 Ge2 P4 S24');
      const card = nb.locator('.superionic-card-diffusion');
      await card.scrollIntoViewIfNeeded();
      const text = (await card.textContent())!;
      expect(text).toMatch(/D\* \(tracer\)/);
      expect(text).toContain('cm²/s');
      expect(text).toContain('not resolved by this run');
      // The expandable table of all fields opens on click.
      await card.locator('summary').click();
      await expect.poll(() => card.locator('details').getAttribute('open')).not.toBeNull();
      // The default plot follows the card and renders marks.
      const cell = nb.locator('.jp-Cell').nth(1);
      const plot = cell.locator('.si-vega[data-mime-type="application/vnd.vegalite.v6+json"]');
      await expect.poll(() => markCount(plot), { timeout: 60_000 }).toBeGreaterThan(0);
      await cell.locator('.jp-OutputArea').screenshot({ path: join(artifacts, 'result-card-diffusion.png') });
      const vh = nb.locator('.superionic-card-vanhove');
      await vh.scrollIntoViewIfNeeded();
      const vcell = nb.locator('.jp-Cell').nth(2);
      await expect.poll(() => markCount(vcell.locator('.si-vega')), { timeout: 60_000 }).toBeGreaterThan(0);
      await vcell.locator('.jp-OutputArea').screenshot({ path: join(artifacts, 'result-card-vanhove.png') });
    });
  }, 900_000);

  it('dynamics notebook as committed: the DOAS widget of real MD output renders and filters by temperature', async () => {
    // Opened, not run: JupyterLab renders the saved outputs with our MIME renderer (the DOAS data travel
    // inside the bundle), so this checks what a reader of the committed notebook sees.
    const nb = join(root, 'notebooks', '02-dynamics-and-doas.ipynb');
    const page = await newPage();
    await withFailureShot(page, 'dynamics-doas', async () => {
      await openNotebook(page, lab, relative(root, nb), 180_000);
      const plot = activeNotebook(page).locator('.si-vega[data-mime-type="application/vnd.superionic.plot+json"]').first();
      await plot.scrollIntoViewIfNeeded({ timeout: 60_000 });
      await expect.poll(() => markCount(plot), { timeout: 60_000 }).toBeGreaterThan(0);
      const all = await markCount(plot);
      const selects = plot.locator('.vega-bind select');
      await expect.poll(() => selects.count()).toBeGreaterThanOrEqual(1);
      const temps = (await selects.nth(0).locator('option').allInnerTexts()).filter((t) => t !== 'all');
      expect(temps.length).toBeGreaterThanOrEqual(2); // several temperatures overlaid
      const faceted = await plot.evaluate((el) => el.querySelectorAll('g.row_header, g.role-row-header').length > 1);
      const height0 = (await plot.boundingBox())!.height;
      await selects.nth(0).selectOption({ label: temps[0] });
      await expect.poll(() => markCount(plot)).toBeLessThan(all);
      // Filtered to one temperature, a faceted DOAS shrinks to one panel (no blank rows pushing the filters away).
      if (faceted) await expect.poll(async () => (await plot.boundingBox())!.height, { timeout: 10_000 }).toBeLessThan(height0 - 100);
      await selects.nth(0).selectOption({ label: 'all' });
      await expect.poll(() => markCount(plot)).toBe(all);
      await plot.screenshot({ path: join(artifacts, 'dynamics-doas-plot.png') });
    });
  }, 600_000);
});
