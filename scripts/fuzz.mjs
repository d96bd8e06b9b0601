#!/usr/bin/env node
// `npm run fuzz [-- --cases N --seed S --report FILE --only SOURCES]`: the long soak of the CLI fuzz (test/fuzz):
// thousands of malformed inputs and absurd options through the real CLI under the time and memory
// watchdog. Default 3000 cases, seed from the clock (printed, so a failure can be replayed with
// --seed). The counts per verdict, the peak memory and every failing case go to the report (JSON).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const cases = opt('cases', '3000');
const seed = opt('seed', String(Date.now() % 1_000_000));
const report = opt('report', join(root, 'fuzz-report.json'));
const only = opt('only', ''); // e.g. --only h5md,h5md-cu: mutated files of these sources only
console.log(`superionic fuzz: ${cases} cases, seed ${seed}; report → ${report}`);
const b = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (b.status !== 0) process.exit(b.status ?? 1);
const r = spawnSync('npx', ['vitest', 'run', 'test/fuzz/cliFuzz.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, SUPERIONIC_FUZZ_CASES: cases, SUPERIONIC_FUZZ_SEED: seed, SUPERIONIC_FUZZ_REPORT: report, SUPERIONIC_FUZZ_ONLY: only },
});
process.exit(r.status ?? 1);
