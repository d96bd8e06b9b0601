// The formats added for issue #13, through the CLI: info on ASE .traj, H5MD, vasprun.xml, LAMMPS data,
// DCD (species from --types or --topology), a dump typed by --topology, and --lammps-units.
import { describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import { run } from '../../src/cli/commands/info';
import { Args } from '../../src/cli/args';

const C = path.resolve(__dirname, '../fixtures/conformance');
async function info(argv: string[]): Promise<Record<string, unknown>> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await run(new Args([...argv, '--json']));
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
  return JSON.parse(out);
}

describe('superionic info on the new formats', () => {
  it('sniffs and summarises .traj, H5MD, vasprun.xml, LAMMPS data', async () => {
    expect(await info([path.join(C, 'ase/md.traj')])).toMatchObject({
      format: 'ase-traj',
      frames: 4,
      atoms: 12,
      species: { Li: 4, P: 2, S: 6 },
      has: { velocities: true, forces: true, energies: true },
    });
    expect(await info([path.join(C, 'mdanalysis/cu.h5md')])).toMatchObject({
      format: 'h5md',
      frames: 20,
      atoms: 108,
      species: { Cu: 108 },
      has: { forces: true },
    });
    expect(await info([path.join(C, 'vasp/vasprun_md.xml')])).toMatchObject({ format: 'vasprun', frames: 3, time_step_fs: 2, has: { forces: true } });
    expect(await info([path.join(C, 'mdanalysis/image_vf.data'), '--lammps-units', 'real'])).toMatchObject({
      format: 'lammps-data',
      frames: 1,
      atoms: 7,
      has: { velocities: true },
    });
  });
  it('DCD needs species: --types (one per atom) or --topology DATA; a dump takes --topology', async () => {
    const types = Array.from({ length: 15 }, (_, i) => (i % 3 === 0 ? 'O' : 'H')).join(',');
    expect(await info([path.join(C, 'mdanalysis/watdyn.dcd'), '--types', types])).toMatchObject({
      format: 'dcd',
      frames: 10,
      species: { O: 5, H: 10 },
    });
    await expect(info([path.join(C, 'mdanalysis/watdyn.dcd')])).rejects.toThrow(
      /watdyn\.dcd: a DCD file has no species; give a LAMMPS data file as topology \(--topology\)/,
    );
    expect(
      await info([path.join(C, 'mdanalysis/albite_triclinic.dump'), '--topology', path.join(C, 'mdanalysis/albite_triclinic.data')]),
    ).toMatchObject({ format: 'lammps-dump', species: { Al: 17 } });
    await expect(info([path.join(C, 'ase/md.traj'), '--lammps-units', 'real'])).rejects.toThrow(
      /--lammps-units\) applies to .*lammps-dump.* files only; this file is read as ase-traj/,
    );
    await expect(info([path.join(C, 'mdanalysis/image_vf.lammpstrj'), '--lammps-units', 'furlongs'])).rejects.toThrow(
      /LAMMPS unit style "furlongs"; expected one of metal, real/,
    );
  });
});
