/**
 * package.json "engines" is honest: every package in the two lockfiles (the library's and the
 * extension's) supports every Node version our range admits (semver subset), so `npm ci` prints
 * no EBADENGINE warning on a supported Node. Optional per-platform binaries are skipped (npm
 * installs only the one for this platform, and they carry the same range as their parent).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// semver is a devDependency (npm's own range logic); typed here to avoid another @types package.
const semver = createRequire(__filename)('semver') as { satisfies(v: string, r: string): boolean; subset(a: string, b: string): boolean };
const root = path.resolve(__dirname, '../..');
const read = (f: string) => JSON.parse(readFileSync(path.join(root, f), 'utf8'));

describe('engines', () => {
  const range: string = read('package.json').engines.node;

  it('the running Node is inside the range', () => {
    expect(semver.satisfies(process.version, range), `${process.version} vs ${range}`).toBe(true);
  });

  for (const lockFile of ['package-lock.json', 'extension/package-lock.json']) {
    it(`every package locked in ${lockFile} supports ${range}`, () => {
      const lock = read(lockFile);
      const bad: string[] = [];
      for (const [name, p] of Object.entries<any>(lock.packages)) {
        if (!name || p.optional || !p.engines?.node) continue;
        if (!semver.subset(range, p.engines.node)) bad.push(`${name}: node ${p.engines.node}`);
      }
      expect(bad).toEqual([]);
      if (lockFile === 'package-lock.json') expect(lock.packages[''].engines.node).toBe(range);
    });
  }
});
