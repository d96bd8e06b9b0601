/**
 * A promise a cell starts but does not await, which rejects after the cell's code returned (an
 * unhandled rejection during the cell), fails that cell with the library's message, not "ok"
 * with the error on the kernel's stderr; an exception thrown from a callback likewise. The kernel
 * runs the next cell.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { artifacts, execute, notebook, requireEnvironment, streamText } from './helpers';

beforeAll(requireEnvironment);

describe('unawaited failures fail their own cell', () => {
  it('an unawaited rejected read, a rejected promise and a throwing callback each fail their cell', () => {
    mkdirSync(artifacts, { recursive: true });
    const src = path.join(artifacts, 'unawaited.ipynb');
    writeFileSync(src, JSON.stringify({
      ...notebook([
        'si.readTrajectory("no-such-trajectory.extxyz"); console.log("returned")',
        'console.log("next cell ran")',
        'Promise.reject(new Error("rejected later")); 1 + 1',
        'setTimeout(() => { throw new RangeError("thrown in a callback") }, 0); "set"',
        'console.log("alive")',
      ]),
      nbformat: 4, nbformat_minor: 5,
    }));
    const { nb, log } = execute(src, { allowErrors: true });
    const [read, next, rejected, callback, alive] = nb.cells.map((c) => ({ cell_type: 'code', source: '', outputs: c.outputs ?? [] }));
    const err = (c: typeof read) => c.outputs.find((o) => o.output_type === 'error');

    expect(streamText(read)).toBe('returned\n');
    const e1 = err(read);
    expect(e1, log).toBeDefined();
    expect(e1!.ename).toBe('InputError');
    expect(e1!.evalue).toMatch(/no-such-trajectory\.extxyz.*file not found/);
    expect(e1!.traceback!.join('\n')).toContain('a promise the cell did not await rejected (add `await`)');
    expect(e1!.traceback!.join('\n')).not.toMatch(/\n\s+at /); // the library's message, no stack

    expect(err(next)).toBeUndefined();
    expect(streamText(next)).toBe('next cell ran\n');

    const e3 = err(rejected);
    expect(e3?.ename).toBe('Error');
    expect(e3?.evalue).toBe('rejected later');

    const e4 = err(callback);
    expect(e4?.ename).toBe('RangeError');
    expect(e4?.evalue).toBe('thrown in a callback');

    expect(err(alive)).toBeUndefined();
    expect(streamText(alive)).toBe('alive\n');
  }, 300_000);
});
