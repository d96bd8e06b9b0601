import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Args } from '../../src/cli/args';
import { InputError } from '../../src/core/errors';
import * as rdfCmd from '../../src/cli/commands/rdf';
import * as coordCmd from '../../src/cli/commands/coordination';

const FILE = path.resolve(__dirname, '../../data/Li6PS5Cl_50pct_500K_XDATCAR.gz');

async function runJson(cmd: { run(a: Args): Promise<void> }, argv: string[]): Promise<any> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: any) => {
    out += String(s);
    return true;
  });
  try {
    await cmd.run(new Args([...argv, '--json']));
  } finally {
    spy.mockRestore();
  }
  return JSON.parse(out);
}

describe('CLI rdf / coordination', () => {
  afterEach(() => vi.restoreAllMocks());

  it('rdf --pair Li-S prints {r_A, g, n, first_peak_A, first_min_A}', async () => {
    const r = await runJson(rdfCmd, [FILE, '--pair', 'Li-S', '--rmax', '8', '--bins', '160', '--frames', '0:40']);
    expect(r.r_A.length).toBe(160);
    expect(r.g.length).toBe(160);
    expect(r.n.length).toBe(160);
    expect(r.frames).toBe(40);
    expect(r.first_peak_A).toBeGreaterThan(2.3);
    expect(r.first_min_A).toBeGreaterThan(r.first_peak_A);
  });

  it('coordination --center PS4 --neighbor Li defaults the cutoff to the RDF first minimum', async () => {
    const r = await runJson(coordCmd, [FILE, '--center', 'PS4', '--neighbor', 'Li', '--frames', '0:30']);
    expect(r.cutoff_source).toMatch(/first minimum of g\(PS4-Li\)/);
    expect(r.mean).toBeGreaterThan(0);
    expect(r.histogram.probability.reduce((s: number, x: number) => s + x, 0)).toBeCloseTo(1, 12);
    const fixed = await runJson(coordCmd, [FILE, '--center', 'Cl', '--neighbor', 'Li', '--cutoff', '3.6', '--frames', '0:30']);
    expect(fixed.cutoff_A).toBe(3.6);
    expect(fixed.cutoff_source).toBe('user');
  });

  it('bad input gives InputErrors', async () => {
    await expect(rdfCmd.run(new Args([FILE, '--pair', 'LiS']))).rejects.toThrow(/--pair expects A-B/);
    await expect(rdfCmd.run(new Args([FILE, '--pair', 'Li-S', '--rmax', '0']))).rejects.toThrow(/rmax must be a positive/);
    await expect(rdfCmd.run(new Args([FILE, '--pair', 'Li-S', '--bins', '0']))).rejects.toThrow(/bins must be a whole number/);
    await expect(rdfCmd.run(new Args([FILE, '--pair', 'Na-S']))).rejects.toThrow(InputError);
    await expect(rdfCmd.run(new Args(['--pair', 'Li-S']))).rejects.toThrow(/no trajectory file/);
    await expect(coordCmd.run(new Args([FILE, '--center', 'B12H12', '--neighbor', 'Li']))).rejects.toThrow(InputError);
    await expect(coordCmd.run(new Args([FILE, '--center', 'Cl', '--neighbor', 'Li', '--cutoff', '-2']))).rejects.toThrow(/positive number/);
  });
});
