#!/usr/bin/env node
// Build the superionic JupyterLab extension and install it into a Python environment:
//   node extension/install.mjs <absolute path of the venv>
// 1. `npm ci` in extension/ when node_modules is missing or older than package-lock.json (the
//    tracked lock is never rewritten);
// 2. tsc + @jupyter/builder's build-labextension when a source/config file changed (content-hash stamp);
// 3. copy the built labextension to <venv>/share/jupyter/labextensions/superionic-jupyterlab/;
// 4. make sure the venv's server config does not set ContentsManager.allow_hidden (older versions did).
// Idempotent; a second run with nothing changed only hashes a few files (well under a second).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
const outDir = join(here, pkg.jupyterlab.outputDir);
const buildOnly = process.argv[2] === '--build-only'; // scripts/package.mjs: build superionic_labextension/ only
const venv = process.argv[2];
if (!buildOnly && (!venv || !isAbsolute(venv))) {
  console.error('usage: node extension/install.mjs <absolute path of the Python venv> | --build-only');
  process.exit(2);
}
if (!buildOnly && !existsSync(join(venv, 'bin', 'python')) && !existsSync(join(venv, 'Scripts', 'python.exe'))) {
  console.error(`extension/install.mjs: ${venv} is not a Python virtual environment (no bin/python)`);
  process.exit(2);
}
const log = (msg) => console.error(`[extension] ${msg}`);
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: here, stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error(`extension/install.mjs: '${cmd} ${args.join(' ')}' failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
};

// 1. npm dependencies.
const lock = join(here, 'package-lock.json');
const installedLock = join(here, 'node_modules', '.package-lock.json');
if (!existsSync(installedLock) || statSync(installedLock).mtimeMs < statSync(lock).mtimeMs) {
  // `npm ci`, never `npm install`: the tracked package-lock.json (which lists the optional
  // per-platform @rspack/@emnapi entries) is the install, and is left untouched.
  log('installing npm dependencies (npm ci, versions from package-lock.json)…');
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
}

// 2. Build when the inputs changed.
const files = (dir) =>
  readdirSync(join(here, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
// The notebook contract (MIME types, bundle shapes) is the library's src/display/notebookContract.ts, compiled in.
const inputs = ['package.json', 'package-lock.json', 'tsconfig.json', 'webpack.config.cjs', '../src/display/notebookContract.ts', ...files('src'), ...files('style')].sort();
const hash = createHash('sha256');
for (const f of inputs) hash.update(f).update('\0').update(readFileSync(join(here, f))).update('\0');
const stamp = hash.digest('hex');
const stampFile = join(outDir, '.build-stamp');
const built = existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp;
if (!built) {
  log('building (tsc + build-labextension)…');
  rmSync(join(here, 'lib'), { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
  run(process.execPath, [join(here, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']);
  run(process.execPath, [
    join(here, 'node_modules', '@jupyter', 'builder', 'lib', 'build-labextension.js'),
    '--core-package-file',
    join('node_modules', '@jupyterlab', 'core-meta', 'core.package.json'),
    '.',
  ]);
  writeFileSync(stampFile, stamp);
}

if (buildOnly) {
  log(`built ${relative(process.cwd(), outDir) || outDir}`);
  process.exit(0);
}

// 3. Place the labextension into the venv (replace the folder: built chunk names carry hashes).
const target = join(venv, 'share', 'jupyter', 'labextensions', pkg.name);
const targetStamp = join(target, '.build-stamp');
if (!existsSync(targetStamp) || readFileSync(targetStamp, 'utf8') !== stamp) {
  rmSync(target, { recursive: true, force: true });
  mkdirSync(dirname(target), { recursive: true });
  cpSync(outDir, target, { recursive: true });
  log(`installed ${pkg.name} into ${relative(process.cwd(), target) || target}`);
} else {
  log(`${pkg.name} is up to date in ${target}`);
}

// 4. Frame files live in the visible `superionic-frames/` folder beside the notebook, so the server
// needs no ContentsManager.allow_hidden (which let token holders read and write every dotfile
// under the root). Remove it from the venv's server config where an earlier version set it.
const configFile = join(venv, 'etc', 'jupyter', 'jupyter_server_config.json');
if (existsSync(configFile)) {
  let config;
  try {
    config = JSON.parse(readFileSync(configFile, 'utf8'));
  } catch (e) {
    console.error(`extension/install.mjs: ${configFile} is not valid JSON (${e.message}); fix or delete it`);
    process.exit(1);
  }
  if (config.ContentsManager && 'allow_hidden' in config.ContentsManager) {
    delete config.ContentsManager.allow_hidden;
    if (Object.keys(config.ContentsManager).length === 0) delete config.ContentsManager;
    writeFileSync(configFile, JSON.stringify(config, null, 2) + '\n');
    log(`removed ContentsManager.allow_hidden from ${configFile}`);
  }
}
