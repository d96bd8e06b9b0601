/**
 * Helpers for the browser test: start the project's JupyterLab (.venv) on a free localhost port
 * with a token and throw-away settings (autosave off, so notebooks are never rewritten), and
 * drive notebooks in it with playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

// Functions passed to page.evaluate / waitForFunction run in the browser. The root tsconfig has no DOM
// lib (src must not depend on it), so they see the page's document through this module-local declaration.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;

export interface LabServer {
  url: string;
  token: string;
  process: ChildProcess;
  log: () => string;
  stop: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Start `<venv>/bin/jupyter lab` serving `rootDir`; resolves when /api/status answers. */
export async function startJupyterLab(
  venv: string,
  rootDir: string,
  timeout_ms = 120_000,
  opts: { quietNotifications?: boolean } = {},
): Promise<LabServer> {
  const jupyter = join(venv, 'bin', 'jupyter');
  if (!existsSync(jupyter)) {
    throw new Error(`${jupyter} not found: the project's Python environment is missing. Run \`npm run setup\` first.`);
  }
  const port = await freePort();
  const token = randomBytes(16).toString('hex');
  const tmp = mkdtempSync(join(tmpdir(), 'superionic-lab-'));
  const settings = join(tmp, 'settings');
  const write = (plugin: string, value: object) => {
    const [pkg, name] = plugin.split(':');
    mkdirSync(join(settings, pkg), { recursive: true });
    writeFileSync(join(settings, pkg, `${name}.jupyterlab-settings`), JSON.stringify(value));
  };
  write('@jupyterlab/docmanager-extension:plugin', { autosave: false });
  // News/update prompts: the project's .venv turns them off itself (scripts/setup.mjs overrides.json);
  // other environments (the pip-installed one) get it from these throw-away user settings.
  if (opts.quietNotifications ?? true) write('@jupyterlab/apputils-extension:notification', { fetchNews: 'false', checkForUpdates: false });
  const args = [
    'lab',
    '--no-browser',
    `--port=${port}`,
    '--ip=127.0.0.1',
    '--port-retries=0',
    `--ServerApp.root_dir=${rootDir}`,
    `--LabApp.user_settings_dir=${settings}`,
    `--LabApp.workspaces_dir=${join(tmp, 'workspaces')}`,
    ...(process.getuid?.() === 0 ? ['--allow-root'] : []),
  ];
  // The token in the environment, not on the command line (`ps` shows arguments to every user).
  const env = {
    ...process.env,
    JUPYTER_TOKEN: token,
    JUPYTER_CONFIG_DIR: join(tmp, 'config'),
    JUPYTER_RUNTIME_DIR: join(tmp, 'runtime'),
    JUPYTER_PLATFORM_DIRS: '1',
  };
  const child = spawn(jupyter, args, { cwd: rootDir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      /* already gone */
    }
    const t = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 8000);
    await exited;
    clearTimeout(t);
  };
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`jupyter lab exited with code ${child.exitCode}:\n${output.slice(-3000)}`);
    try {
      const r = await fetch(`${url}/api/status?token=${token}`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() - t0 > timeout_ms) {
      await stop();
      throw new Error(`jupyter lab did not answer on ${url} within ${timeout_ms / 1000} s:\n${output.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { url, token, process: child, log: () => output, stop };
}

/** The notebook panel on screen (other tabs' outputs stay in the DOM, hidden). */
export const activeNotebook = (page: Page): Locator => page.locator('.jp-NotebookPanel:not(.lm-mod-hidden)');

/** Open a notebook (path relative to the server root) and wait until its kernel is idle. */
export async function openNotebook(page: Page, lab: LabServer, relPath: string, timeout = 120_000): Promise<void> {
  // A workspace of its own, so JupyterLab does not restore notebooks opened by an earlier page.
  const workspace = `test-${randomBytes(4).toString('hex')}`;
  await page.goto(`${lab.url}/lab/workspaces/${workspace}/tree/${relPath.split('/').map(encodeURIComponent).join('/')}?token=${lab.token}`);
  await page.locator('.jp-NotebookPanel .jp-Notebook .jp-Cell').first().waitFor({ timeout });
  await waitForKernelIdle(page, timeout);
}

/**
 * Wait until the notebook's kernel is connected and idle: the status bar reads "<kernel> | Idle"
 * (the toolbar's execution indicator also says idle while no kernel is attached yet, and running
 * cells then would pop up the kernel chooser).
 */
export async function waitForKernelIdle(page: Page, timeout: number): Promise<void> {
  await page
    .locator('#jp-main-statusbar')
    .getByText(/\S\s*\|\s*Idle$/)
    .first()
    .waitFor({ timeout });
  await page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator[data-status="idle"]').first().waitFor({ timeout });
}

/** Run > Run All Cells, then wait until every code cell has an execution count and the kernel is idle. */
export async function runAllCells(page: Page, timeout: number): Promise<void> {
  await page.locator('.lm-MenuBar-itemLabel', { hasText: /^Run$/ }).click();
  await page.locator('.lm-Menu-itemLabel', { hasText: /^Run All Cells$/ }).click();
  try {
    await page.waitForFunction(
      () => {
        const prompts: { textContent: string | null }[] = [
          ...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt'),
        ];
        return prompts.length > 0 && prompts.every((p) => /\[\d+\]/.test(p.textContent ?? ''));
      },
      undefined,
      { timeout, polling: 500 },
    );
    await waitForKernelIdle(page, timeout);
  } catch (e) {
    const prompts = await page.locator('.jp-CodeCell .jp-InputPrompt').allInnerTexts();
    const status = await page
      .locator('.jp-Notebook-ExecutionIndicator')
      .first()
      .getAttribute('data-status')
      .catch(() => null);
    throw new Error(`cells did not finish running (prompts ${JSON.stringify(prompts)}, kernel ${status}): ${(e as Error).message}`);
  }
}

/**
 * Pixel statistics of the trajectory browser's WebGL canvas (copied through a 2D canvas; the
 * renderer keeps its drawing buffer). `nonBackground` is the fraction of pixels that differ from
 * the clear colour; `colours` the number of distinct colours (quantised to 4 bits per channel);
 * `hash` a checksum to compare two pictures; `liPixel` a pixel showing a purple (Li) ball.
 */
export function canvasStats(
  traj: Locator,
): Promise<{ width: number; height: number; nonBackground: number; colours: number; hash: number; liPixel: [number, number] | null }> {
  return traj.evaluate((root) => {
    const c = root.querySelector('canvas.si-traj-canvas') as unknown as {
      width: number;
      height: number;
      getBoundingClientRect(): { width: number; height: number };
    };
    const cv = document.createElement('canvas');
    cv.width = c.width;
    cv.height = c.height;
    const ctx = cv.getContext('2d')!;
    ctx.drawImage(c, 0, 0);
    const d = ctx.getImageData(0, 0, cv.width, cv.height).data;
    const bg = [d[0], d[1], d[2]];
    let non = 0,
      hash = 0;
    const seen = new Set<number>();
    let li: [number, number] | null = null;
    let liBest = Infinity;
    const cx = cv.width / 2,
      cy = cv.height / 2;
    for (let p = 0; p < d.length; p += 4) {
      const r = d[p],
        g = d[p + 1],
        b = d[p + 2];
      if (Math.abs(r - bg[0]) + Math.abs(g - bg[1]) + Math.abs(b - bg[2]) > 24) non++;
      seen.add(((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4));
      hash = (Math.imul(hash, 31) + r * 65536 + g * 256 + b) | 0;
      const i = p / 4,
        x = i % cv.width,
        y = Math.floor(i / cv.width);
      const purple = (q: number) => d[q + 2] > 150 && d[q] > 100 && d[q + 2] > d[q + 1] + 60 && d[q] > d[q + 1] + 30;
      // A purple pixel inside a Li ball: its 5×5 neighbourhood is purple too (not a ball's rim).
      if (purple(p) && x >= 2 && y >= 2 && x < cv.width - 2 && y < cv.height - 2) {
        let inside = true;
        for (let dy = -2; dy <= 2 && inside; dy++) for (let dx = -2; dx <= 2 && inside; dx++) inside = purple(p + 4 * (dy * cv.width + dx));
        if (!inside) continue;
        const dist = (x - cx) ** 2 + (y - cy) ** 2;
        if (dist < liBest) {
          liBest = dist;
          li = [x, y];
        }
      }
    }
    // Map the pixel to CSS coordinates relative to the canvas element.
    const rect = c.getBoundingClientRect();
    const liCss: [number, number] | null = li ? [(li[0] * rect.width) / cv.width, (li[1] * rect.height) / cv.height] : null;
    return { width: cv.width, height: cv.height, nonBackground: non / (d.length / 4), colours: seen.size, hash, liPixel: liCss };
  });
}
