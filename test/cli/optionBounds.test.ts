// Issue #12 reproducers for options: every absurd numeric option is one exit-2 line naming its
// documented range, checked before any work (they were gigabytes, minutes, V8 fatal errors or
// RangeError stack traces); the memory budget is settable and states what a request would need.
import { afterEach, describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { describeRange, SHARED_OPTION_RANGES } from '../../src/cli/optionRanges';
import { optionRangeOf } from '../../src/cli/command';
import { COMMAND_MODULES } from '../../src/cli/registry';
import { formatBytes, memoryBudgetBytes, parseByteSize, requireMemory, setMemoryBudget } from '../../src/core/memoryBudget';
import { oneLine, runMain } from './runMain';

const DATA = path.resolve(__dirname, '../../data');
const X = path.join(DATA, 'Li6PS5Cl_0pct_500K_XDATCAR.gz');
const L = path.join(DATA, 'Li10GeP2S12_600K_AIMD.extxyz.gz');

async function refused(argv: string[], re: RegExp): Promise<void> {
  const r = await runMain(argv);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(r.code).toBe(2);
  expect(oneLine(r.stderr)).toMatch(re);
}

afterEach(() => {
  delete process.env.SUPERIONIC_MEMORY_BUDGET;
  setMemoryBudget(undefined);
});

describe('numeric options outside their documented range: exit 2 before any work', () => {
  const cases: [string[], RegExp][] = [
    [['rdf', X, '--pair', 'Li-Li', '--bins', '1e9'], /--bins 1e9 is outside its range: expected an integer in \[1, 10000\] bins/],
    [['rdf', X, '--pair', 'Li-Li', '--bins', '1e12'], /--bins 1e12 is outside its range/],
    [['rdf', X, '--pair', 'Li-Li', '--rmax', '1e6'], /--rmax 1e6 is outside its range: expected \[0\.1, 20\] Å/],
    [['rdf', X, '--pair', 'Li-Li', '--rmax', '1e308'], /--rmax 1e308 is outside its range/],
    [['rdf', X, '--pair', 'Li-Li', '--rmax', '1e-9'], /--rmax 1e-9 is outside its range/],
    [['coordination', X, '--center', 'P', '--neighbor', 'S', '--cutoff', '1e6'], /--cutoff 1e6 is outside its range: expected \[0\.1, 20\] Å/],
    [
      ['jumps', X, '--mobile', 'Li', '--host', 'S,Cl', '--reference', 'argyrodite', '--r-in', '100'],
      /--r-in 100 is outside its range: expected \[0\.01, 5\] Å/,
    ],
    [['md', '--supercell', '1000', '--steps', '1'], /--supercell 1000 is outside its range: expected an integer in \[1, 16\]/],
    [['vanhove', X, '--species', 'Li', '--dr', '1e-9'], /--dr 1e-9 is outside its range: expected \[0\.005, 10\] Å/],
    [['vanhove', X, '--species', 'Li', '--rmax', '1e308'], /--rmax 1e308 is outside its range: expected \[0\.1, 20\] Å/],
    [['doas', L, '--species', 'Li', '--bin', '1e-12'], /--bin 1e-12 is outside its range: expected \[0\.0001, 10\] eV/],
    [['msd', L, '--species', 'Li', '--dt', '1e300'], /--dt 1e300 is outside its range: expected \[0\.001, 1e8\] fs/],
    [['msd', L, '--species', 'Li', '--dt', '1e-300'], /--dt 1e-300 is outside its range/],
    [['msd', L, '--species', 'Li', '--temperature', '1e-300'], /--temperature 1e-300 is outside its range: expected \[1, 1e5\] K/],
    [['msd', L, '--species', 'Li', '--charge', '1e308'], /--charge 1e308 is outside its range: expected \[-10, 10\] e/],
    [['info', X, '--dt', '0x10'], /--dt expects a number, got "0x10"/],
    [['msd', L, '--species', 'Li', '--blocks', '1e9'], /--blocks 1e9 is outside its range/],
  ];
  it.each(cases)('%j', async (argv, re) => {
    await refused(argv, re);
  });

  it('every range is finite, ordered, and printed the way the README lists it', () => {
    const declared = Object.values(COMMAND_MODULES).flatMap((m) => Object.values(m.spec!.options).flatMap((o) => (o.range ? [o.range] : [])));
    for (const g of [...Object.values(SHARED_OPTION_RANGES), ...declared]) {
      expect(Number.isFinite(g.lo) && Number.isFinite(g.hi) && g.lo < g.hi).toBe(true);
    }
    const optionRange = (command: string, option: string) => optionRangeOf(COMMAND_MODULES[command].spec!, option);
    expect(describeRange(optionRange('rdf', 'bins')!)).toBe('an integer in [1, 10000] bins');
    expect(describeRange(optionRange('md', 'dt')!)).toBe('[0.01, 20] fs');
    expect(describeRange(optionRange('msd', 'dt')!)).toBe('[0.001, 1e8] fs');
  });
});

describe('memory budget', () => {
  it('parses sizes; settable by environment and --memory-budget; the error states what a request needs', async () => {
    expect(parseByteSize('800M')).toBe(800 * 2 ** 20);
    expect(parseByteSize('1.5GiB')).toBe(1.5 * 2 ** 30);
    expect(parseByteSize('4096')).toBe(4096);
    expect(parseByteSize('lots')).toBeNaN();
    process.env.SUPERIONIC_MEMORY_BUDGET = '2G';
    expect(memoryBudgetBytes()).toBe(2 * 2 ** 30);
    expect(() => requireMemory(3 * 2 ** 30, 'a histogram')).toThrow(
      'a histogram would need 3.0 GiB of memory, above the budget of 2.0 GiB; raise it with --memory-budget or SUPERIONIC_MEMORY_BUDGET (e.g. 8G) if the machine has the memory',
    );
    process.env.SUPERIONIC_MEMORY_BUDGET = 'plenty';
    expect(() => memoryBudgetBytes()).toThrow(/SUPERIONIC_MEMORY_BUDGET="plenty" is not a memory size/);
    delete process.env.SUPERIONIC_MEMORY_BUDGET;
    expect(memoryBudgetBytes()).toBeGreaterThanOrEqual(512 * 2 ** 20);
    expect(formatBytes(1536)).toBe('1.5 kiB');
    await refused(['info', X, '--memory-budget', 'lots'], /--memory-budget expects a memory size of at least 1 MiB/);
    const ok = await runMain(['info', X, '--memory-budget', '4G', '--dt', '100', '--json']);
    expect(ok.code).toBe(0);
  });

  it('an allocation RangeError the checks did not foresee is one exit-2 line, not a stack trace', async () => {
    let err = '';
    const w = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
      err += String(s);
      return true;
    });
    try {
      const code = await main(['info', X], () => ({
        summary: '',
        usage: 'usage: superionic info FILE',
        run: async () => {
          new Float64Array(2 ** 40);
        },
      }));
      expect(code).toBe(2);
    } finally {
      w.mockRestore();
    }
    expect(oneLine(err)).toMatch(/^superionic info: out of memory or range \(.*\); an option or file asks for more than this machine can hold/);
  });
});
