// List options declare the type, number and range of their items (src/cli/command.ts `items`, `count`, `range`):
// main checks them before the command runs (src/cli/optionValues.ts), with one exit-2 line naming the option, what it
// expects and the offending item; the help says what the list takes. (The files named here do not exist: the check
// must fire before any file is opened.)
import { describe, expect, it } from 'vitest';
import { Args } from '../../src/cli/args';
import { checkOptionValues } from '../../src/cli/optionValues';
import { COMMAND_MODULES } from '../../src/cli/registry';
import { oneLine, runMain } from './runMain';

const F = 'missing-before-any-work.extxyz';

async function refused(argv: string[]): Promise<string> {
  const r = await runMain(argv);
  expect(r.code).toBe(2);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at |missing-before-any-work.*(no such|ENOENT|cannot)/i);
  return oneLine(r.stderr);
}

describe('list options: count, item type and range checked before the command runs', () => {
  it.each([
    [
      ['density', F, '--species', 'Li', '--grid', '24,24'],
      '--grid expects three integers in [2, 1000] grid points, comma-separated (such as 40,40,40), got "24,24"',
    ],
    [['density', F, '--species', 'Li', '--grid', '24,24,24,24'], 'got "24,24,24,24"'],
    [
      ['density', F, '--species', 'Li', '--grid', '24,24,x'],
      '--grid expects three integers in [2, 1000] grid points, comma-separated (such as 40,40,40), got "x"',
    ],
    [['density', F, '--species', 'Li', '--grid', '24,24,1'], 'got "1"'],
    [['density', F, '--species', 'Li', '--grid', '24,24,2.5'], 'got "2.5"'],
    [['density', F, '--species', 'Li', '--grid', '24,24,0x10'], 'got "0x10"'],
    [['paths', F, '--species', 'Li', '--temperature', '500', '--grid', '24,24,5000'], 'got "5000"'],
    [
      ['paths', F, '--species', 'Li', '--temperature', '500', '--from', '0,0', '--to', '0.5,0.5,0.5'],
      '--from expects three numbers, comma-separated (fractional coordinates such as 0.25,0.25,0.5), got "0,0"',
    ],
    [['paths', F, '--species', 'Li', '--temperature', '500', '--from', '0,0,0', '--to', '0.5,y,0.5'], '--to expects three numbers'],
    [['vanhove', F, '--species', 'Li', '--lags', '100,-5'], '--lags expects numbers in [0, 1e9] fs, comma-separated, got "-5"'],
    [['vanhove', F, '--species', 'Li', '--lags', '100', '--lags', 'Infinity'], 'got "Infinity"'],
    [['analyse', F, '--vanhove', 'Li', '--vanhove-lags', '1e12'], '--vanhove-lags expects numbers in [0, 1e9] fs, comma-separated, got "1e12"'],
    [['doas', F, '--species', 'Li', '--temperatures', '300,-1'], '--temperatures expects numbers in [1, 1e5] K, comma-separated, got "-1"'],
  ])('%j', async (argv, message) => {
    expect(await refused(argv as string[])).toContain(message);
  });

  it('accepts what the declaration allows: repeated options join, spaces around items are trimmed', () => {
    const ok = (name: string, argv: string[]) => expect(() => checkOptionValues(COMMAND_MODULES[name].spec!.options, new Args(argv))).not.toThrow();
    ok('density', ['f', '--grid', '40, 40 ,2']);
    ok('paths', ['f', '--from', '-0.25,0,1.5', '--to', '0.5,0.5,0.5']);
    ok('vanhove', ['f', '--lags', '0', '--lags', '100,1e9']);
    ok('doas', ['a', 'b', '--temperatures', '300,1e5']);
    // words stay words: a list without `items` is not checked as numbers
    ok('msd', ['f', '--species', 'Li,Na']);
  });

  it('--help says what each list takes', async () => {
    const h = (await runMain(['density', '--help'])).stdout;
    expect(h).toMatch(/\n {4}--grid +list of three integers, \[2, 1000\] grid points, such as 40,40,40\n/);
    expect((await runMain(['vanhove', '--help'])).stdout).toMatch(/\n {4}--lags +list of numbers, \[0, 1e9\] fs\n/);
    expect((await runMain(['msd', '--help'])).stdout).toMatch(/\n {4}--species +list \(A,B or repeated\)\n/);
  });
});
