#!/usr/bin/env node
// `npm run setup` (also run by `npm start` and `npm test`): make this checkout ready to use.
// Idempotent and fast when everything is in place (each step checks before it acts):
//   1. node_modules      npm ci, if missing
//   2. dist/             the library build (tsc), if a source is newer than the last build
//   3. .venv             project-local Python with python/requirements.txt (JupyterLab, nbclient);
//                        reinstalled only when requirements.txt changes (stamp file in .venv)
//   4. kernelspec        `superionic` ("Superionic (TypeScript)") in .venv/share/jupyter/kernels only
//   5. extension         `node extension/install.mjs <.venv>` (builds and installs the labextension)
// Nothing is installed outside this folder.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const venv = join(root, '.venv');
const venvPython = join(venv, 'bin', 'python');
const t0 = Date.now();

const say = (msg) => console.log(`[setup] ${msg}`);
function fail(msg) {
  console.error(`\n[setup] ERROR: ${msg}\n`);
  process.exit(1);
}
function run(cmd, args, what, opts = {}) {
  say(`${what}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env, ...opts });
  if (r.error) fail(`${what} failed to start (${r.error.message})`);
  return r.status ?? 1;
}

// 0. Node version -------------------------------------------------------------------------------
// package.json "engines": ^20.19.0 || ^22.13.0 || >=24 (what every locked dependency supports).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) fail(`Node.js 20.19 or newer is needed (this is ${process.version}).`);
if (major === 21 || major === 23 || (major === 22 && minor < 13))
  say(`WARNING: Node ${process.version} is outside the supported ^20.19 || ^22.13 || >=24; npm will warn about engines.`);

// 1. npm packages -------------------------------------------------------------------------------
const lockInstalled = join(root, 'node_modules', '.package-lock.json');
if (!existsSync(lockInstalled) || !existsSync(join(root, 'node_modules', 'tslab'))) {
  if (run('npm', ['ci', '--no-audit', '--no-fund'], 'installing npm packages') !== 0) fail('npm ci failed (see above).');
} else {
  say('npm packages: present');
}

// 2. library build ------------------------------------------------------------------------------
function newestMtime(dir, exts) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p, exts));
    else if (exts.some((x) => e.name.endsWith(x))) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}
// tsc rewrites every output on each build, so dist/index.js's mtime is the time of the last build
// (by this script, `npm run build` or scripts/test.mjs).
const distIndex = join(root, 'dist', 'index.js');
const srcNewest = Math.max(
  newestMtime(join(root, 'src'), ['.ts']),
  ...['tsconfig.json', 'tsconfig.build.json'].map((f) => statSync(join(root, f)).mtimeMs),
);
const built = existsSync(distIndex) ? statSync(distIndex).mtimeMs : 0;
if (built < srcNewest) {
  const status = run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], 'building the library');
  if (!existsSync(distIndex)) fail('the library build produced no dist/index.js (see the errors above).');
  if (status !== 0) say('WARNING: tsc reported type errors (see above); dist/ was emitted anyway.');
} else {
  say('library build: up to date');
}

// 3. Python environment -------------------------------------------------------------------------
const requirements = join(root, 'python', 'requirements.txt');
const reqHash = createHash('sha256').update(readFileSync(requirements)).digest('hex');
const venvStamp = join(venv, '.superionic-requirements.sha256');
const venvReady = existsSync(venvPython) && existsSync(venvStamp) && readFileSync(venvStamp, 'utf8').trim() === reqHash;
if (!venvReady) {
  if (!existsSync(venvPython)) {
    const py = spawnSync('python3', ['-c', 'import sys, venv, ensurepip; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' });
    if (py.error) fail('python3 was not found. Install Python ≥ 3.9 (Debian/Ubuntu: apt-get install python3 python3-venv).');
    if (py.status !== 0)
      fail(
        `python3 cannot create virtual environments (the venv/ensurepip module is missing).\n  Debian/Ubuntu: apt-get install python3-venv\n  ${py.stderr.trim()}`,
      );
    const [maj, min] = py.stdout.trim().split('.').map(Number);
    if (maj < 3 || (maj === 3 && min < 9)) fail(`JupyterLab 4 needs Python ≥ 3.9 (python3 is ${py.stdout.trim()}).`);
    if (run('python3', ['-m', 'venv', venv], 'creating the project Python environment') !== 0) fail('python3 -m venv .venv failed (see above).');
  }
  if (
    run(
      venvPython,
      ['-m', 'pip', 'install', '--disable-pip-version-check', '-q', '-r', requirements],
      'installing JupyterLab and nbclient into .venv',
    ) !== 0
  ) {
    fail('pip install -r python/requirements.txt failed (see above). Is PyPI reachable?');
  }
  writeFileSync(venvStamp, reqHash + '\n');
} else {
  say('Python environment (.venv): up to date');
}

// 4. kernelspec ---------------------------------------------------------------------------------
// The same command a user runs for their own Jupyter (`superionic kernel install --prefix P`):
// kernel.json (absolute node and kernel/launch.js paths) and the logos, in .venv only.
const kernelDir = join(venv, 'share', 'jupyter', 'kernels', 'superionic');
{
  const r = spawnSync(process.execPath, [join(root, 'bin', 'superionic.js'), 'kernel', 'install', '--prefix', venv, '--json'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) fail(`installing the kernelspec failed: ${r.stderr.trim()}`);
  say(`kernelspec "superionic" in ${kernelDir}`);
}

// 5. JupyterLab extension -----------------------------------------------------------------------
const extInstaller = join(root, 'extension', 'install.mjs');
if (existsSync(extInstaller)) {
  if (run(process.execPath, [extInstaller, venv], 'JupyterLab extension') !== 0)
    fail('the JupyterLab extension did not build or install (see above).');
} else {
  say('JupyterLab extension: extension/install.mjs not present yet; skipped');
}

// 6. the project's JupyterLab settings (in .venv, never the user's home) ------------------------
//   - no news or "update available" prompts (apputils notification settings, as overrides);
//   - JupyterLab's debugger off: our kernel has no debugger, and JupyterLab 4.6's debugger asks
//     for one after every executed cell anyway ("No active debugger session" in the console).
function mergeJson(file, patch, what) {
  let current = {};
  if (existsSync(file)) {
    try {
      current = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      fail(`${file} is not valid JSON (${e.message}); fix or delete it`);
    }
  }
  const merged = structuredClone(current);
  for (const [k, v] of Object.entries(patch)) merged[k] = { ...(merged[k] ?? {}), ...v };
  if (JSON.stringify(merged) === JSON.stringify(current)) return say(`${what}: up to date`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(merged, null, 2) + '\n');
  say(`${what}: written to ${file}`);
}
mergeJson(
  join(venv, 'share', 'jupyter', 'lab', 'settings', 'overrides.json'),
  { '@jupyterlab/apputils-extension:notification': { fetchNews: 'false', checkForUpdates: false } },
  'lab settings (no news/update prompts)',
);
mergeJson(
  join(venv, 'etc', 'jupyter', 'labconfig', 'page_config.json'),
  { disabledExtensions: { '@jupyterlab/debugger-extension': true } },
  'lab page config (debugger off)',
);

say(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
