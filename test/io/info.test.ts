import { describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import { run } from '../../src/cli/commands/info';
import { Args } from '../../src/cli/args';
import { DATA, fixture } from './helpers';

async function capture(argv: string[]): Promise<string> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
  try {
    await run(new Args(argv));
  } finally {
    spy.mockRestore();
  }
  return out;
}

describe('superionic info', () => {
  it('--json on the real XDATCAR: one JSON object with the contract fields', async () => {
    const out = await capture([path.join(DATA, 'Li6PS5Cl_50pct_500K_XDATCAR.gz'), '--json']);
    const r = JSON.parse(out);
    expect(r).toMatchObject({
      format: 'xdatcar',
      frames: 140,
      atoms: 416,
      species: { Li: 192, Cl: 32, S: 160, P: 32 },
      time_step_fs: null,
      has: { velocities: false, forces: false, energies: false },
    });
    expect(r.cell[0][0]).toBeCloseTo(20.312311, 6);
    const withDt = JSON.parse(await capture([path.join(DATA, 'Li6PS5Cl_50pct_500K_XDATCAR.gz'), '--json', '--dt', '100']));
    expect(withDt.time_step_fs).toBe(100);
  });

  it('reads frame times from extxyz and LAMMPS (with --types and --md-dt); prints a readable summary', async () => {
    const r = JSON.parse(await capture([path.join(DATA, 'Li10GeP2S12_600K_AIMD.extxyz.gz'), '--json']));
    expect(r).toMatchObject({ format: 'extxyz', frames: 1000, atoms: 50, time_step_fs: 20, species: { Li: 20, Ge: 2, P: 4, S: 24 } });
    const l = JSON.parse(await capture([fixture('ortho.lammpstrj'), '--types', 'Li,S', '--md-dt', '2', '--json']));
    expect(l).toMatchObject({
      format: 'lammps-dump',
      frames: 2,
      atoms: 3,
      time_step_fs: 200,
      has: { velocities: true, forces: true, energies: true },
    });
    const text = await capture([fixture('quirks.extxyz')]);
    expect(text).toMatch(/frames\s+2/);
    expect(text).toMatch(/atoms\s+4 \(Li 2, S 1, P 1\)/);
    expect(text).toMatch(/time step\s+1 fs/);
    expect(text).toMatch(/velocities yes, forces yes, per-atom energies yes/);
  });

  it('bad input and unknown options are InputErrors', async () => {
    await expect(capture([fixture('ortho.lammpstrj')])).rejects.toThrow(/expected a typeMap/);
    await expect(capture([fixture('quirks.extxyz'), '--bogus', '1'])).rejects.toThrow(/unknown option\(s\) --bogus/);
    await expect(capture([])).rejects.toThrow(/no file given/);
  });
});
