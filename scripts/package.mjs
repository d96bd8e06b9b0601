#!/usr/bin/env node
// `npm run package`: the two installable artefacts, offline, into build/packages/:
//   superionic-<v>.tgz                       `npm pack` (library with types, the `superionic` CLI, the kernel)
//   superionic_jupyterlab-<v>-py3-none-any.whl and .tar.gz
//                                            the prebuilt JupyterLab 4 extension as a Python package
//                                            (extension/pyproject.toml, hatchling from the project's .venv,
//                                            no build isolation: nothing is downloaded)
// Needs `npm run setup` first (.venv with hatchling). Prints one JSON object: {npm, wheel, sdist, seconds}.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build', 'packages');
const python = join(root, '.venv', 'bin', 'python');
const t0 = Date.now();
const fail = (msg) => {
  console.error(`[package] ERROR: ${msg}`);
  process.exit(1);
};
const run = (cmd, args, cwd = root) => {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) fail(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
  return r.stdout;
};
if (!existsSync(python)) fail('.venv is missing: run `npm run setup` first');

// 1. npm package: dist/ rebuilt only when a source is newer (as scripts/setup.mjs decides), then
//    `npm pack --ignore-scripts` (its `prepare` would run tsc again).
const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
    const p = join(dir, e.name);
    return Math.max(m, e.isDirectory() ? newest(p) : e.name.endsWith('.ts') ? statSync(p).mtimeMs : 0);
  }, 0);
const distIndex = join(root, 'dist', 'index.js');
if (!existsSync(distIndex) || statSync(distIndex).mtimeMs < newest(join(root, 'src'))) {
  run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json']);
}
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const packed = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--loglevel=error', '--pack-destination', out]));
// 2. labextension build (content-hash stamp: a no-op when nothing changed), then wheel + sdist.
run(process.execPath, [join(root, 'extension', 'install.mjs'), '--build-only']);
run(python, ['-m', 'pip', 'wheel', '--no-build-isolation', '--no-deps', '--disable-pip-version-check', '-q', '-w', out, join(root, 'extension')]);
run(python, ['-m', 'hatchling', 'build', '-t', 'sdist', '-d', out], join(root, 'extension'));
const files = readdirSync(out);
const pick = (re) => {
  const f = files.find((x) => re.test(x));
  if (!f) fail(`no ${re} in ${out}`);
  return join(out, f);
};
console.log(
  JSON.stringify({
    npm: join(out, packed[0].filename),
    npm_files: packed[0].entryCount,
    npm_bytes: packed[0].size,
    wheel: pick(/^superionic_jupyterlab-.*\.whl$/),
    sdist: pick(/^superionic_jupyterlab-.*\.tar\.gz$/),
    seconds: Number(((Date.now() - t0) / 1000).toFixed(1)),
  }),
);
