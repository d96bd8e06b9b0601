// The default thread count of the frame-parallel commands (rdf, coordination, sites, msd, analyse): one thread for
// a file too small for the workers' start-up (≈ 0.3 CPU-s each) to pay, every core for a large one.
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultThreads, THREADS_MIN_FILE_BYTES } from '../../src/analyse/frameParallel';

const dir = mkdtempSync(join(tmpdir(), 'superionic-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A sparse file of `bytes` bytes (no disk space used). */
function sparse(name: string, bytes: number): string {
  const p = join(dir, name);
  const fd = openSync(p, 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
  return p;
}

describe('defaultThreads', () => {
  const all = Math.max(1, availableParallelism());
  it('one thread below the size threshold, every core at and above it', () => {
    expect(defaultThreads(sparse('small.extxyz', THREADS_MIN_FILE_BYTES - 1))).toBe(1);
    expect(defaultThreads(sparse('large.extxyz', THREADS_MIN_FILE_BYTES))).toBe(all);
  });
  it('a .gz file counts four times its size (text it expands to)', () => {
    expect(defaultThreads(sparse('a.extxyz.gz', THREADS_MIN_FILE_BYTES / 4 - 1))).toBe(1);
    expect(defaultThreads(sparse('b.extxyz.gz', THREADS_MIN_FILE_BYTES / 4))).toBe(all);
  });
  it('a path that cannot be stat-ed gets one thread (the reader then reports it); no file: every core', () => {
    expect(defaultThreads(join(dir, 'missing.extxyz'))).toBe(1);
    expect(defaultThreads()).toBe(all);
  });
});
