/**
 * The install paths, each from the artefacts `npm run package` builds (scripts/package.mjs):
 *  1. npm: a scratch folder outside the repository `npm install`s the packed tarball; a script
 *     imports the library (ESM and CommonJS), TypeScript sees its types, and the `superionic` CLI
 *     runs `msd` on a repository trajectory with the same result as the checkout's CLI.
 *  2. kernel: `superionic kernel install --prefix P` from that installed package registers the kernel
 *     (kernel.json + logos) in a second, clean Python environment.
 *  3. pip: that environment (python -m venv + JupyterLab from PyPI) gets the renderers only by
 *     `pip install` of the wheel; headless Chromium opens a committed notebook there and its
 *     Vega-Lite 6 outputs are drawn by our extension (stock JupyterLab draws only v5), the kernel
 *     from the npm package starts, and the page logs no console error.
 * The pip environment is kept in test-artifacts/packaging/pip-venv between local runs (JupyterLab is
 * reinstalled only when its pinned version changes; the wheel always); CI makes it fresh.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeNotebook, openNotebook, startJupyterLab, type LabServer } from '../browser/jupyterLab';

const root = path.resolve(__dirname, '../..');
const work = path.join(root, 'test-artifacts', 'packaging');
const scratch = path.join(work, 'npm-scratch');
const pipVenv = path.join(work, 'pip-venv');
const LGPS = path.join(root, 'data', 'Li10GeP2S12_600K_AIMD.extxyz.gz');
/** The JupyterLab of the second environment (any 4.x; default the project's pin, which pip has cached). */
const PIP_JUPYTERLAB = process.env.SUPERIONIC_PIP_JUPYTERLAB ?? '4.6.4';

function sh(cmd: string, args: string[], opts: SpawnSyncOptions = {}): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 600_000, ...opts });
  return { stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), status: r.status };
}
function ok(cmd: string, args: string[], opts: SpawnSyncOptions = {}): string {
  const r = sh(cmd, args, opts);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}):\n${r.stderr.slice(-3000)}\n${r.stdout.slice(-2000)}`);
  return r.stdout;
}
const seconds = (t0: number) => ((Date.now() - t0) / 1000).toFixed(1);

let artefacts: { npm: string; wheel: string; sdist: string; npm_files: number; npm_bytes: number; seconds: number };

beforeAll(() => {
  mkdirSync(work, { recursive: true });
  const out = ok(process.execPath, [path.join(root, 'scripts', 'package.mjs')], { cwd: root });
  artefacts = JSON.parse(out.trim().split('\n').pop()!);
  console.log(
    `[packaging] npm run package: ${artefacts.seconds} s; ${path.basename(artefacts.npm)} (${artefacts.npm_files} files, ${(artefacts.npm_bytes / 1e3).toFixed(0)} kB), ${path.basename(artefacts.wheel)}, ${path.basename(artefacts.sdist)}`,
  );
}, 300_000);

describe('install paths', () => {
  it('the packed npm package installs in a scratch folder: import, types, and the superionic CLI', () => {
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(scratch, { recursive: true });
    writeFileSync(path.join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true }));
    const t0 = Date.now();
    ok('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', artefacts.npm], { cwd: scratch });
    console.log(`[packaging] npm install of the tarball: ${seconds(t0)} s`);
    const pkg = path.join(scratch, 'node_modules', 'superionic');
    // Only what `files` lists: compiled library with types, CLI, kernel; no sources, tests or data.
    for (const f of ['dist/index.js', 'dist/index.d.ts', 'bin/superionic.js', 'kernel/launch.js', 'kernel/logo-64x64.png'])
      expect(existsSync(path.join(pkg, f)), f).toBe(true);
    for (const f of ['src', 'test', 'data', 'notebooks', 'extension']) expect(existsSync(path.join(pkg, f)), f).toBe(false);

    // ESM and CommonJS consumers.
    writeFileSync(
      path.join(scratch, 'esm.mjs'),
      [
        "import * as si from 'superionic';",
        'const t = await si.readTrajectory(process.argv[2]);',
        'console.log(JSON.stringify({ frames: t.nFrames, atoms: t.nAtoms, fn: typeof si.analyseDiffusion }));',
      ].join('\n'),
    );
    expect(JSON.parse(ok(process.execPath, ['esm.mjs', LGPS], { cwd: scratch }))).toEqual({ frames: 1000, atoms: 50, fn: 'function' });
    writeFileSync(path.join(scratch, 'cjs.cjs'), "const si = require('superionic'); console.log(typeof si.readTrajectory);");
    expect(ok(process.execPath, ['cjs.cjs'], { cwd: scratch }).trim()).toBe('function');

    // TypeScript resolves the package's types through `exports` (a wrong type is an error, so they are not `any`).
    const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const tscArgs = (file: string) => {
      writeFileSync(
        path.join(scratch, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            noEmit: true,
            strict: true,
            skipLibCheck: true,
            module: 'node16',
            moduleResolution: 'node16',
            target: 'es2022',
            lib: ['es2022', 'dom'],
            types: [],
          },
          files: [file],
        }),
      );
      return [tsc, '-p', 'tsconfig.json'];
    };
    writeFileSync(
      path.join(scratch, 'typed.mts'),
      "import * as si from 'superionic';\nconst t: si.Trajectory = await si.readTrajectory('x.extxyz');\nconst n: number = t.nFrames;\nconsole.log(n);\n",
    );
    writeFileSync(
      path.join(scratch, 'mistyped.mts'),
      "import * as si from 'superionic';\nconst t = await si.readTrajectory('x.extxyz');\nconst s: string = t.nFrames;\nconsole.log(s);\n",
    );
    const typed = sh(process.execPath, tscArgs('typed.mts'), { cwd: scratch });
    expect(typed.status, typed.stdout).toBe(0);
    const mistyped = sh(process.execPath, tscArgs('mistyped.mts'), { cwd: scratch });
    expect(mistyped.status).not.toBe(0);
    expect(mistyped.stdout).toMatch(/Type 'number' is not assignable to type 'string'/);

    // The CLI from the package: same msd result as the checkout's.
    const bin = path.join(scratch, 'node_modules', '.bin', 'superionic');
    const args = ['msd', LGPS, '--species', 'Li', '--json'];
    const fromPackage = JSON.parse(ok(bin, args, { cwd: scratch }));
    const fromCheckout = JSON.parse(ok(process.execPath, [path.join(root, 'bin', 'superionic.js'), ...args], { cwd: root }));
    expect(fromPackage.D_cm2_s).toBeGreaterThan(0);
    expect(fromPackage.D_cm2_s).toBe(fromCheckout.D_cm2_s);
    expect(fromPackage.n_ions).toBe(20);
    // A bad input is the same one-line error, exit 2.
    const bad = sh(bin, ['msd', 'no-such-file.extxyz', '--species', 'Li'], { cwd: scratch });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  }, 600_000);

  it('a clean Python environment gets the renderers by pip install of the wheel and the kernel by superionic kernel install', async () => {
    expect(existsSync(path.join(scratch, 'node_modules', '.bin', 'superionic')), 'run the npm test first (same file)').toBe(true);
    const t0 = Date.now();
    const python = path.join(pipVenv, 'bin', 'python');
    const stamp = path.join(pipVenv, '.jupyterlab-version');
    if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== PIP_JUPYTERLAB) {
      rmSync(pipVenv, { recursive: true, force: true });
      ok('python3', ['-m', 'venv', pipVenv]);
      ok(python, ['-m', 'pip', 'install', '-q', '--disable-pip-version-check', `jupyterlab==${PIP_JUPYTERLAB}`]);
      writeFileSync(stamp, PIP_JUPYTERLAB);
    }
    // The extension comes only from the wheel (uninstall first: a clean install every time).
    sh(python, ['-m', 'pip', 'uninstall', '-y', '-q', 'superionic-jupyterlab']);
    expect(existsSync(path.join(pipVenv, 'share/jupyter/labextensions/superionic-jupyterlab'))).toBe(false);
    ok(python, ['-m', 'pip', 'install', '-q', '--disable-pip-version-check', '--no-deps', artefacts.wheel]);
    console.log(`[packaging] second environment (JupyterLab ${PIP_JUPYTERLAB} + wheel): ${seconds(t0)} s`);
    const env = {
      ...process.env,
      JUPYTER_PATH: '',
      JUPYTER_DATA_DIR: path.join(work, 'no-user-data'),
      JUPYTER_CONFIG_DIR: path.join(work, 'no-user-config'),
    };
    const list = sh(path.join(pipVenv, 'bin', 'jupyter'), ['labextension', 'list'], { env });
    expect(`${list.stdout}${list.stderr}`).toMatch(/superionic-jupyterlab v0\.1\.0 .*enabled.*OK.*\(python, superionic-jupyterlab\)/);

    // The kernel, from the npm package installed above.
    const installed = JSON.parse(ok(path.join(scratch, 'node_modules', '.bin', 'superionic'), ['kernel', 'install', '--prefix', pipVenv, '--json']));
    const kdir = path.join(pipVenv, 'share', 'jupyter', 'kernels', 'superionic');
    expect(installed.kernel_dir).toBe(kdir);
    for (const f of ['kernel.json', 'logo-32x32.png', 'logo-64x64.png', 'logo-svg.svg']) expect(existsSync(path.join(kdir, f)), f).toBe(true);
    const spec = JSON.parse(readFileSync(path.join(kdir, 'kernel.json'), 'utf8'));
    expect(spec.argv[1]).toBe(path.join(scratch, 'node_modules', 'superionic', 'kernel', 'launch.js'));
    const specs = JSON.parse(ok(path.join(pipVenv, 'bin', 'jupyter'), ['kernelspec', 'list', '--json'], { env })).kernelspecs;
    expect(specs.superionic.resource_dir).toBe(kdir);

    // The browser: a committed notebook (03: nine Vega-Lite 6 plots) opened as it is in git.
    let lab: LabServer | undefined;
    let browser: Browser | undefined;
    try {
      lab = await startJupyterLab(pipVenv, root);
      browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      });
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console: ${m.text()}`);
      });
      page.on('requestfailed', (r) => errors.push(`request failed: ${r.url().replace(/\?.*/, '')}`));
      await openNotebook(page, lab, 'notebooks/03-frustration-modes-and-structure.ipynb', 180_000);
      await expect.poll(() => page.locator('#jp-main-statusbar').innerText(), { timeout: 60_000 }).toMatch(/Superionic \(TypeScript\)/);
      const plots = activeNotebook(page).locator('.si-vega[data-mime-type="application/vnd.vegalite.v6+json"]');
      await expect.poll(() => plots.count(), { timeout: 60_000 }).toBe(9);
      for (let i = 0; i < 9; i++) {
        await plots.nth(i).scrollIntoViewIfNeeded();
        await expect
          .poll(() => plots.nth(i).locator('svg g.role-mark path, svg g.role-mark rect, svg g.role-mark line').count(), { timeout: 60_000 })
          .toBeGreaterThan(0);
      }
      mkdirSync(path.join(root, 'test-artifacts', 'browser'), { recursive: true });
      await page.screenshot({ path: path.join(root, 'test-artifacts', 'browser', 'pip-installed-notebook03.png') });
      expect(errors).toEqual([]);
    } finally {
      await browser?.close();
      await lab?.stop();
    }
  }, 900_000);
});
