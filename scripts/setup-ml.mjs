#!/usr/bin/env node
// `npm run setup:ml`: the ML environment for src/simulate/ml (CHGNet, SevenNet).
// Creates .venv-ml (project-local, separate from the JupyterLab .venv) with python/requirements-ml.txt, reporting
// progress (each package as pip collects and installs it), the time taken and the environment's size. Idempotent:
// reinstalls only when requirements-ml.txt changes (stamp file in .venv-ml). Nothing is installed outside this
// folder; no model weights are downloaded (they are inside the wheels).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const venv = join(root, '.venv-ml');
const python = join(venv, 'bin', 'python');
const requirements = join(root, 'python', 'requirements-ml.txt');
const stamp = join(venv, '.superionic-requirements.sha256');
const t0 = Date.now();
const say = (m) => console.error(`[setup:ml] ${m}`);
const fail = (m) => {
  console.error(`\n[setup:ml] ERROR: ${m}\n`);
  process.exit(1);
};

const hash = createHash('sha256').update(readFileSync(requirements)).digest('hex');
if (existsSync(python) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash) {
  say('ML environment (.venv-ml): up to date');
  process.exit(0);
}
if (!existsSync(python)) {
  say('creating .venv-ml (python3 -m venv)');
  const r = spawnSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
  if (r.error || r.status !== 0) fail('python3 -m venv .venv-ml failed: install Python ≥ 3.10 with venv (Debian: apt-get install python3-venv)');
}
say('installing torch 2.13.0, chgnet 0.4.2, sevenn 0.13.0 and their pinned dependencies (python/requirements-ml.txt)');
const total = readFileSync(requirements, 'utf8')
  .split('\n')
  .filter((l) => /^[A-Za-z]/.test(l)).length;
let collected = 0;
const child = spawn(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--progress-bar', 'off', '-r', requirements], { cwd: root });
let tail = '';
const onLine = (line) => {
  tail = (tail + line + '\n').slice(-4000);
  const m = /^(?:Collecting|Requirement already satisfied:|Processing) (\S+)/.exec(line);
  if (m) {
    collected++;
    say(`[${Math.min(collected, total)}/${total}] ${m[1]} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  } else if (/^Installing collected packages/.test(line)) say(`installing ${line.split(':')[1]?.split(',').length ?? ''} packages…`);
  else if (/^Successfully installed/.test(line)) say('packages installed');
};
for (const s of [child.stdout, child.stderr]) {
  let buf = '';
  s.on('data', (d) => {
    buf += d.toString();
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      onLine(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
  });
}
child.on('close', (code) => {
  if (code !== 0) fail(`pip install -r python/requirements-ml.txt failed (exit ${code}):\n${tail}`);
  say('checking that the packages import and CHGNet 0.3.0 loads …');
  const check = spawnSync(
    python,
    ['-c', 'import chgnet, sevenn, torch; from chgnet.model import CHGNet; CHGNet.load(verbose=False); print("TORCH", torch.__version__)'],
    { encoding: 'utf8' },
  );
  if (check.status !== 0) fail(`the ML packages do not import:\n${check.stderr.slice(-2000)}`);
  writeFileSync(stamp, hash + '\n');
  const du = spawnSync('du', ['-sm', venv], { encoding: 'utf8' });
  const size = du.status === 0 ? `${(Number(du.stdout.split('\t')[0]) / 1024).toFixed(1)} GB` : 'unknown size';
  const torchVersion = /TORCH (\S+)/.exec(check.stdout)?.[1] ?? '?';
  say(`ready: .venv-ml (torch ${torchVersion}), ${size}, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
});
