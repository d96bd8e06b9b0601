#!/usr/bin/env node
// `npm test`: build the library, make sure the project environment is set up (idempotent:
// .venv with JupyterLab, kernelspec, extension), then run every vitest spec (unit, notebook and
// browser tests). Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run('npx', ['tsc', '-p', 'tsconfig.build.json']);
run('npx', [
  'prettier',
  '--check',
  '--log-level',
  'warn',
  'src/**/*.ts',
  'test/**/*.ts',
  'bench/**/*.{ts,mjs}',
  'kernel/*.js',
  'extension/src/**/*.ts',
  'scripts/*.mjs',
  '*.{mjs,ts}',
]); // npm run format fixes it
run('npx', ['eslint', 'src']); // typescript-eslint checks and the layering import rules (eslint.config.mjs)
if (existsSync(join(root, 'scripts', 'setup.mjs'))) run('node', ['scripts/setup.mjs']);
// The ML environment (.venv-ml: torch, CHGNet, SevenNet) for test/simulate/mlPotential.test.ts; only an explicit
// SUPERIONIC_SKIP_ML=1 leaves it out (those tests are then reported as skipped).
if (process.env.SUPERIONIC_SKIP_ML !== '1' && existsSync(join(root, 'scripts', 'setup-ml.mjs'))) run('node', ['scripts/setup-ml.mjs']);
run('npx', ['vitest', 'run', ...process.argv.slice(2)]);
