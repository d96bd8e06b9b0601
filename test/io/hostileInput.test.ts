// Issue #12 reproducers for the readers: corrupt or hostile files end in one clean InputError line
// (exit 2) naming file, frame and line, never a plausible number, a hang or a memory blow-up.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { runMain, oneLine } from '../cli/runMain';
import { readCif, readCp2kCellFile, readTrajectory } from '../../src/io';
import { diffusionPlausibility } from '../../src/transport/plausibility';
import { DATA, fixture } from './helpers';

let dir = '';
let xdat: string[] = []; // Li6PS5Cl 0 % XDATCAR: 7 header lines, then frames of 1 + 416 lines
let lgps: string[] = []; // LGPS extxyz: frames of 2 + 50 lines
const put = (name: string, content: string | Buffer) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};
/** The first k frames of the XDATCAR. */
const xdatFrames = (k: number) => xdat.slice(0, 7 + 417 * k);

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'superionic-hostile-'));
  xdat = gunzipSync(readFileSync(path.join(DATA, 'Li6PS5Cl_0pct_500K_XDATCAR.gz')))
    .toString('latin1')
    .split('\n');
  lgps = gunzipSync(readFileSync(path.join(DATA, 'Li10GeP2S12_600K_AIMD.extxyz.gz')))
    .toString('latin1')
    .split('\n');
});
afterEach(() => {
  delete process.env.SUPERIONIC_MEMORY_BUDGET;
});

/** Run the CLI; expect exit 2 with one stderr line matching `re`. */
async function refused(argv: string[], re: RegExp): Promise<string> {
  const r = await runMain(argv);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(r.code).toBe(2);
  const line = oneLine(r.stderr);
  expect(line).toMatch(re);
  return line;
}

describe('absurd but finite numbers in a trajectory are refused at the reader', () => {
  it('XDATCAR coordinate 1e300 (and Fortran 1D300): exit 2 naming file, frame 0, line 9 — was D = 0 with exit 0', async () => {
    for (const v of ['1e300', '1D300']) {
      const lines = xdatFrames(20);
      lines[8] = `0.1 ${v} 0.3`;
      const p = put(`a_${v}_XDATCAR`, lines.join('\n'));
      await refused(
        ['msd', p, '--species', 'Li', '--dt', '100', '--json'],
        new RegExp(`a_${v}_XDATCAR, frame 0, line 9: atom 0 is at .*beyond ±1000000 Å`),
      );
    }
  });

  it('extxyz Li coordinate 1e15 / 1e308: exit 2 naming frame 15, line 783 — was D = −2.37e23 / 4.9e-6, plausible: true', async () => {
    for (const v of ['1e15', '1e308']) {
      const lines = lgps.slice(0, 1560);
      lines[782] = lines[782].replace(/ [^ ]*$/, ` ${v}`);
      const p = put(`b_${v}.extxyz`, lines.join('\n') + '\n');
      await refused(['msd', p, '--species', 'Li', '--json'], new RegExp(`b_${v}\\.extxyz, frame 15, line 783: atom 0 is at`));
    }
  });

  it('unwrapped positions (LAMMPS xu) that jump by more than half the cell between frames are refused, not averaged into D', async () => {
    const frame = (k: number, jump: number) =>
      `ITEM: TIMESTEP\n${k * 10}\nITEM: NUMBER OF ATOMS\n3\nITEM: BOX BOUNDS pp pp pp\n0 10\n0 10\n0 10\nITEM: ATOMS id type xu yu zu\n` +
      `1 1 ${1 + 0.1 * k + jump} 1 1\n2 1 5 ${5 + 0.1 * k} 5\n3 2 2 2 2\n`;
    const ok = put('ok.lammpstrj', [0, 1, 2, 3, 4, 5].map((k) => frame(k, 0)).join(''));
    const r = await runMain(['msd', ok, '--species', 'Li', '--types', 'Li,S', '--md-dt', '1', '--json']);
    expect(r.code).toBe(0);
    const p = put('jump.lammpstrj', [0, 1, 2, 3, 4, 5].map((k) => frame(k, k === 3 ? 6 : 0)).join(''));
    await refused(
      ['msd', p, '--species', 'Li', '--types', 'Li,S', '--md-dt', '1', '--json'],
      /jump\.lammpstrj, frame 3: atom 0 of those analysed moves 6\.1\d* Å since the previous frame, more than half the cell/,
    );
  });

  it('an XDATCAR appended to itself (two runs in one file): exit 2 — was a negative D, plausible: true', async () => {
    const one = xdatFrames(30).join('\n') + '\n';
    const p = put('twice_XDATCAR', one + one);
    await refused(
      ['msd', p, '--species', 'Li', '--dt', '100', '--json'],
      /twice_XDATCAR, frame 30, line 12525: "Direct configuration= 1" follows configuration 30: the numbering restarts, so two runs are appended/,
    );
  });

  it('D ≤ 0 and an MSD that does not grow are never plausible', () => {
    expect(diffusionPlausibility(-2.37e23).plausible).toBe(false);
    expect(diffusionPlausibility(0).plausible).toBe(false);
    expect(diffusionPlausibility(7.67e-6).plausible).toBe(true);
    expect(diffusionPlausibility(1e-6, [0, 1, 2, 3, 4, 5, 6, 7]).plausible).toBe(true);
    const shrinks = diffusionPlausibility(1e-6, [0, 5, 6, 7, 3, 2, 1, 0.5]);
    expect(shrinks.plausible).toBe(false);
    expect(shrinks.reason).toMatch(/does not grow/);
    expect(diffusionPlausibility(1e-6, [0, 1, -2, 3]).reason).toMatch(/non-negative/);
  });
});

describe('cells, scale factors and time steps', () => {
  const withScale = (s: string) => {
    const l = xdatFrames(3);
    l[1] = s;
    return l.join('\n');
  };
  it('XDATCAR scale 1e-8 (V = 1e-21 Å³) and −1e-300 (target volume): exit 2 naming line 3', async () => {
    await refused(
      ['info', put('s1_XDATCAR', withScale('1e-8'))],
      /s1_XDATCAR, frame 0, line 3: cell volume 8\.38\d*e-21 Å³ is below 1 Å³ per atom for 416 atoms/,
    );
    await refused(['info', put('s2_XDATCAR', withScale('-1e-300'))], /s2_XDATCAR, frame 0, line 3: cell volume .* is below 1 Å³ per atom/);
    await refused(['info', put('s4_XDATCAR', withScale('1e4'))], /s4_XDATCAR, frame 0, line 3: cell volume .* is above 1000000000 Å³/);
  });
  it('XDATCAR scale 0x1 is not read as hex', async () => {
    await refused(['info', put('s3_XDATCAR', withScale('0x1'))], /s3_XDATCAR, frame 0, line 2: scale factor line "0x1"/);
  });
  it('a left-handed lattice and an inverted LAMMPS box are refused', async () => {
    const l = xdatFrames(2);
    l[2] = l[2]
      .trim()
      .split(/\s+/)
      .map((x) => String(-Number(x)))
      .join(' ');
    await refused(['info', put('lh_XDATCAR', l.join('\n'))], /lh_XDATCAR, frame 0, line 3: lattice vectors are left-handed/);
    const dump = readFileSync(fixture('ortho.lammpstrj'), 'utf8').replace('-1.0 9.0', '9.0 -1.0');
    await refused(['info', put('inv.lammpstrj', dump)], /inv\.lammpstrj, frame 0, line 6: box bounds are inverted or empty \(xlo 9 xhi -1/);
  });
  it('info --dt -20 / 0 / 1e300 and msd --dt 1e300 / 1e-300: exit 2 — was "time step -20 fs"', async () => {
    const p = put('dt_XDATCAR', xdatFrames(3).join('\n'));
    for (const dt of ['-20', '0', '1e300'])
      await refused(['info', p, '--dt', dt], new RegExp(`--dt ${dt} is outside its range: expected \\[0\\.001, 1e8\\] fs`));
    for (const dt of ['1e300', '1e-300']) await refused(['msd', p, '--species', 'Li', '--dt', dt], /--dt 1e-?300 is outside its range/);
    // the library refuses them too (readers and frameInterval), naming the file
    for (const dt of [-20, 0, 1e300])
      await expect(readTrajectory(p, { timestep_fs: dt })).rejects.toThrow(
        /dt_XDATCAR: timestep_fs .*(positive number of fs|outside \[0\.001, 100000000\] fs)/,
      );
  });
});

describe('headers and declared counts', () => {
  it('VASP 4 header (no species line): info refuses without --types instead of taking species from the title; with --types it reads', async () => {
    const l = xdat.slice(0, 7 + 417 * 3);
    l.splice(5, 1);
    const p = put('v4_XDATCAR', l.join('\n'));
    await refused(['info', p], /v4_XDATCAR, frame 0, line 6: VASP 4 header without a species line .*not trusted.*--types/);
    const r = await runMain(['info', p, '--types', 'Li,Cl,S,P', '--dt', '100', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).species).toEqual({ Li: 192, Cl: 32, S: 160, P: 32 });
  });
  it('an atom count of 1e12 in XDATCAR/POSCAR is refused before anything is allocated (was a V8 fatal error at 2.5 GB)', async () => {
    const l = xdatFrames(2);
    l[6] = '192 32 160 1000000000000';
    await refused(
      ['info', put('huge_XDATCAR', l.join('\n'))],
      /huge_XDATCAR, frame 0, line 7: declares 1000000000384 atoms, which need at least .* bytes .* only \d+ bytes follow/,
    );
    const pos = readFileSync(fixture('POSCAR'), 'utf8').replace('  1 2\n', '  1 1000000000000\n');
    await refused(['info', put('huge_POSCAR', pos), '--format', 'poscar'], /huge_POSCAR, frame 0, line 7: declares 1000000000001 atoms/);
  });
  it('a gzip whose count is 1e8 is refused by the memory budget before its lines are read (was 2.2 GB)', async () => {
    process.env.SUPERIONIC_MEMORY_BUDGET = '1G';
    const l = xdatFrames(1);
    l[6] = '100000000 32 160 32';
    const p = put('hugegz_XDATCAR.gz', gzipSync(l.join('\n')));
    await refused(
      ['info', p],
      /hugegz_XDATCAR\.gz, frame 0, line 7: a frame of 100000224 atoms \(as the file declares\) would need 15 GiB of memory, above the budget of 1\.0 GiB; raise it with --memory-budget or SUPERIONIC_MEMORY_BUDGET/,
    );
  });
  it('a POSCAR whose count is one short is refused instead of dropping an atom', async () => {
    const pos = readFileSync(fixture('POSCAR'), 'utf8').replace('  1 2\n', '  1 1\n');
    await refused(
      ['info', put('short_POSCAR', pos), '--format', 'poscar'],
      /short_POSCAR, frame 0, line 12: a coordinate line follows the 2 atoms the counts line declares \(1 1\); counts too small/,
    );
    expect((await readTrajectory(fixture('POSCAR'), { format: 'poscar' })).nAtoms).toBe(3);
  });
});

describe('special files and gzip', () => {
  it('a FIFO named x.extxyz and a symlink to /dev/zero are refused with the reason, without blocking', async () => {
    const fifo = path.join(dir, 'x.extxyz');
    execFileSync('mkfifo', [fifo]);
    await refused(
      ['info', fifo],
      /x\.extxyz: is a named pipe \(FIFO\); reading it would wait for a writer; expected a trajectory file \(a regular file\)/,
    );
    const z = path.join(dir, 'zero.extxyz');
    symlinkSync('/dev/zero', z);
    await refused(['msd', z, '--species', 'Li'], /zero\.extxyz: is a character device; it has no end \(it resolves to \/dev\/zero\)/);
    expect(() => readCif(z)).toThrow(/character device/);
  });
  it('a valid gzip member followed by junk names the junk, not "corrupt before the first complete line"', async () => {
    const p = put('junk_XDATCAR.gz', Buffer.concat([gzipSync(xdatFrames(3).join('\n') + '\n'), Buffer.from('JUNKJUNKJUNK')]));
    await refused(
      ['info', p],
      /junk_XDATCAR\.gz: after a complete gzip member the file continues with bytes that are not a gzip member: junk appended/,
    );
    // two complete members are one valid gzip file
    const one = xdatFrames(3).join('\n') + '\n',
      rest = xdat.slice(7 + 417 * 3, 7 + 417 * 5).join('\n') + '\n';
    const two = put('two_XDATCAR.gz', Buffer.concat([gzipSync(one), gzipSync(rest)]));
    const r = await runMain(['info', two, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).frames).toBe(5);
    const badHead = gzipSync(one);
    badHead[2] = 7;
    await refused(['info', put('badhead_XDATCAR.gz', badHead)], /badhead_XDATCAR\.gz: gzip header names compression method 7/);
  });
  it('a corrupt gzipped CIF and CP2K .cell are InputErrors naming the file (were stack traces)', async () => {
    const cif = gzipSync(readFileSync(path.join(__dirname, '../fixtures/sites/Li6PS5Cl_F-43m.cif')));
    cif[Math.floor(cif.length / 2)] ^= 0xff;
    const pc = put('bad.cif.gz', cif);
    expect(() => readCif(pc)).toThrow(/bad\.cif\.gz: gzip (data is corrupt|member fails its integrity check)/);
    const cell = gzipSync(readFileSync(fixture('proj-1.cell')));
    const pt = put('bad.cell.gz', cell.subarray(0, cell.length - 12));
    await expect(readCp2kCellFile(pt)).rejects.toThrow(/bad\.cell\.gz: gzip stream ends early: file truncated\?/);
    const xyz = put('proj-pos-1.xyz', readFileSync(fixture('proj-pos-1.xyz')));
    await refused(['info', xyz, '--cell-file', pt], /bad\.cell\.gz: gzip stream ends early/);
  });
});
