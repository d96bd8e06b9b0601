/**
 * Audit fixes in the CLI's input handling, run through the real entry point (main): directories and
 * unwritable output paths, md option validation before anything is printed, msd --blocks, --dt that
 * disagrees with the file's Time= stamps, an implausible D*, out-of-order frame times, info's cell
 * and volume fields.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { oneLine, runMain } from './runMain';

const DATA = path.resolve(__dirname, '../../data');
const LGPS = path.join(DATA, 'Li10GeP2S12_600K_AIMD.extxyz.gz');
const ARGY = path.join(DATA, 'Li6PS5Cl_0pct_500K_XDATCAR.gz');
const dir = mkdtempSync(path.join(tmpdir(), 'superionic-cli-'));
const adir = path.join(dir, 'adir');
mkdirSync(adir);

describe('a directory as input: one line, exit 2 (used to be an internal error with a stack, exit 1)', () => {
  const cases: [string, string[]][] = [
    ['info', ['info', adir]],
    ['msd', ['msd', adir, '--species', 'Li']],
    ['rdf', ['rdf', adir, '--pair', 'Li-S']],
    ['vdos', ['vdos', adir, '--species', 'Li']],
    ['sites', ['sites', ARGY, '--mobile', 'Li', '--host', 'S,Cl', '--reference', adir, '--dt', '100']],
  ];
  for (const [name, argv] of cases) {
    it(name, async () => {
      const r = await runMain(argv);
      expect(r.code).toBe(2);
      expect(oneLine(r.stderr)).toBe(`superionic ${name}: ${adir}: is a directory; expected a trajectory file`);
    });
  }
});

describe('md: every option checked before anything is printed or run', () => {
  const md = (...a: string[]) => runMain(['md', '--system', 'agi', '--steps', '20', ...a]);
  it('--out a directory / in a missing directory', async () => {
    let r = await md('--out', adir);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(`superionic md: cannot write ${adir}: is a directory; expected an extended XYZ file path`);
    r = await md('--out', '/nonexistent/dir/x.extxyz');
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe('superionic md: cannot write /nonexistent/dir/x.extxyz: directory /nonexistent/dir does not exist');
  });
  it('--dt 0: rejected without the "20 steps of 0 fs" line first', async () => {
    const r = await md('--dt', '0');
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe('superionic md: --dt 0 is outside its range: expected [0.01, 20] fs (see README "Bounds and budgets")');
  });
  it('--temperature 0 with Nosé–Hoover: a clear message, not "temperature NaN K exceeds 20000 K" at step 1', async () => {
    const r = await md('--temperature', '0');
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(
      /^superionic md: --temperature 0 is not possible with the Nosé–Hoover thermostat .*--thermostat none\|langevin to start at rest$/,
    );
    expect((await md('--temperature', '-5')).stderr).toMatch(/--temperature -5 is outside its range: expected \[0, 1e5\] K/);
  });
  it('--temperature 0 --thermostat none starts at rest: T = 0 K at t = 0, finite afterwards', async () => {
    const r = await runMain([
      'md',
      '--system',
      'agi',
      '--supercell',
      '1',
      '--steps',
      '4',
      '--every',
      '2',
      '--temperature',
      '0',
      '--thermostat',
      'none',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout);
    expect(o.thermo.T_K[0]).toBe(0);
    expect(o.thermo.T_K.every((t: number) => Number.isFinite(t))).toBe(true);
  });
  it('other integers', async () => {
    expect(oneLine((await md('--supercell', '0')).stderr)).toBe(
      'superionic md: --supercell 0 is outside its range: expected an integer in [1, 16] (repeats) (see README "Bounds and budgets")',
    );
    expect(oneLine((await md('--every', '2.5')).stderr)).toMatch(
      /^superionic md: --every 2\.5 is outside its range: expected an integer in \[1, 1e9\] steps/,
    );
    expect(oneLine((await runMain(['md', '--steps', '0'])).stderr)).toMatch(
      /^superionic md: --steps 0 is outside its range: expected an integer in \[1, 1e9\] steps/,
    );
    expect(oneLine((await md('--system', 'nacl')).stderr)).toBe(
      'superionic md: --system expects agi, rotor, li3ycl6, li3ybr1.5cl4.5, na3ps4-cubic, na3ps4-tetragonal, li3ps4-gamma, libh4-ht, li2b12h12, na2b12h12, na2b10h10 or na3obh4, got "nacl"',
    );
  });
  it('--help gives the real default supercell (4 for agi, 2 for rotor), not 6', async () => {
    const r = await runMain(['md', '--help']);
    expect(r.stdout).toContain('[--supercell 4 (agi) | 2 (rotor)]');
    expect(r.stdout).not.toContain('--supercell 6');
  });
});

describe('msd', () => {
  it('--blocks below 2 (used to become 2 silently) or not an integer', async () => {
    for (const b of ['0', '1', '2.5', '-3']) {
      const r = await runMain(['msd', LGPS, '--species', 'Li', '--blocks', b]);
      expect(r.code).toBe(2);
      expect(oneLine(r.stderr)).toBe(
        `superionic msd: --blocks ${b} is outside its range: expected an integer in [2, 1000] blocks (see README "Bounds and budgets")`,
      );
    }
  });
  it('--dt disagreeing with Time= (20 fs): a warning naming both; an implausible D* is flagged', async () => {
    const good = await runMain(['msd', LGPS, '--species', 'Li', '--json']);
    const bad = await runMain(['msd', LGPS, '--species', 'Li', '--dt', '1e-3', '--json']);
    expect(good.code).toBe(0);
    expect(bad.code).toBe(0);
    expect(good.stderr).not.toMatch(/warning/);
    expect(bad.stderr).toContain(
      `warning: ${LGPS}: the given frame interval (--dt) 0.001 fs disagrees with the file's own frame times (Time= 0 → 20 fs: 20 fs per frame); using the given 0.001 fs`,
    );
    const g = JSON.parse(good.stdout),
      b = JSON.parse(bad.stdout);
    expect(g.dt_fs).toBe(20);
    expect(b.dt_fs).toBe(0.001);
    // Same frames and fit window in frames: D scales exactly with 1/dt (20 fs / 0.001 fs = 20000).
    expect(b.D_cm2_s / g.D_cm2_s).toBeCloseTo(20000, 6);
    expect(g.D_cm2_s).toBeGreaterThan(1e-7);
    expect(g.D_cm2_s).toBeLessThan(1e-5);
    expect(g.plausible).toBe(true);
    expect(g.plausible_reason).toBeNull();
    expect(b.plausible).toBe(false);
    expect(b.plausible_reason).toMatch(
      /^D = 0\.0244 cm²\/s is above anything physical for ions in a solid \(> 0\.01 cm²\/s; liquid water is 2\.3e-5\); check the frame interval \(--dt\)$/,
    );
    // agreeing --dt: no warning
    expect((await runMain(['msd', LGPS, '--species', 'Li', '--dt', '20', '--json'])).stderr).not.toMatch(/warning/);
  });
  it('text output carries the CAUTION line', async () => {
    const r = await runMain(['msd', LGPS, '--species', 'Li', '--dt', '1e-3']);
    expect(r.stdout).toMatch(/\nCAUTION: D = 0\.0244 cm²\/s is above anything physical/);
    expect(r.stdout).toMatch(/D\* \(cm²\/s\)\s+0\.02444 \(CAUTION: implausible, see below\)/);
  });

  const xyz = (times: number[]) =>
    times.map((t, f) => `2\nLattice="10 0 0 0 10 0 0 0 10" Properties=species:S:1:pos:R:3 Time=${t}\nLi ${f * 0.1} 0 0\nS 5 5 5\n`).join('');
  it('frame times going backwards: names the frame and both times (used to blame frame 1)', async () => {
    const times = Array.from({ length: 60 }, (_, f) => 20 * f).concat(Array.from({ length: 40 }, (_, k) => 1000 + 20 * k)); // 1180 → 1000 at frame 60
    const file = path.join(dir, 'restart.extxyz');
    writeFileSync(file, xyz(times));
    const r = await runMain(['msd', file, '--species', 'Li']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(
      `superionic msd: ${file}, frame 60: Time = 1000 fs is not after frame 59 (1180 fs); frames out of order or a restart appended? Remove the overlap, or give --dt to ignore the file's times`,
    );
  });
  it('uneven frame times: the first frame whose interval differs from frames 0 → 1', async () => {
    const times = Array.from({ length: 50 }, (_, f) => 20 * f + (f >= 10 ? 10 : 0));
    const file = path.join(dir, 'uneven.extxyz');
    writeFileSync(file, xyz(times));
    const r = await runMain(['msd', file, '--species', 'Li']);
    expect(oneLine(r.stderr)).toBe(
      `superionic msd: ${file}, frame 10: frame times are not evenly spaced: Time = 210 fs is 30 fs after frame 9 (180 fs), but frames 0 → 1 are 20 fs apart; give --dt or resample`,
    );
  });
});

describe('info JSON', () => {
  it('cell_A (and cell, kept) and volume_A3', async () => {
    const r = await runMain(['info', LGPS, '--json']);
    const o = JSON.parse(r.stdout);
    expect(o.cell_A).toEqual(o.cell);
    expect(o.cell_A[2][2]).toBeCloseTo(12.735865, 6);
    // data README: V = 970.41 Å³; det of the rows: (8.729014² − 0.018257²) × 12.735865
    expect(o.volume_A3).toBeCloseTo((8.729014 ** 2 - 0.018257 ** 2) * 12.735865, 9);
    expect(o.volume_A3).toBeCloseTo(970.41, 2);
    const t = await runMain(['info', LGPS]);
    expect(t.stdout).toMatch(/volume\s+970\.414 Å³/);
  });
  it('--dt disagreeing with the file times: warned, and the source says it overrides', async () => {
    const r = await runMain(['info', LGPS, '--dt', '10', '--json']);
    expect(r.stderr).toContain(
      "the given frame interval (--dt) 10 fs disagrees with the file's own frame times (Time= 0 → 20 fs: 20 fs per frame); using the given 10 fs",
    );
    expect(JSON.parse(r.stdout).time_step_source).toBe("given by the user, overriding the file's frame times");
  });
});

describe('options that would have no effect in the combination given are refused', () => {
  it('md --tau with --thermostat none, --np without --engine lammps; msd --framework-weights without --drift', async () => {
    const a = await runMain(['md', '--system', 'agi', '--steps', '5', '--thermostat', 'none', '--tau', '50']);
    expect(a.code).toBe(2);
    expect(oneLine(a.stderr)).toMatch(/--tau sets the thermostat time constant, but --thermostat none runs NVE/);
    const b = await runMain(['md', '--system', 'agi', '--steps', '5', '--np', '4']);
    expect(b.code).toBe(2);
    expect(oneLine(b.stderr)).toMatch(/--np applies to --engine lammps only/);
    const c = await runMain(['msd', 'whatever.extxyz', '--species', 'Li', '--framework-weights', 'equal']);
    expect(c.code).toBe(2);
    expect(oneLine(c.stderr)).toMatch(/without --drift none is subtracted/);
  });

  it('md --threads: two threads give the one-thread run (round-off); refused with LAMMPS and on the rotor (molecules)', async () => {
    const base = ['md', '--system', 'agi', '--supercell', '3', '--steps', '20', '--json'];
    const one = await runMain(base);
    const two = await runMain([...base, '--threads', '2']);
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    const p1 = JSON.parse(one.stdout).thermo.potential_eV as number[],
      p2 = JSON.parse(two.stdout).thermo.potential_eV as number[];
    expect(p2.length).toBe(p1.length);
    p1.forEach((e, k) => expect(Math.abs(p2[k] - e)).toBeLessThan(1e-9 * Math.abs(e)));
    const l = await runMain(['md', '--system', 'agi', '--steps', '5', '--engine', 'lammps', '--threads', '2']);
    expect(l.code).toBe(2);
    expect(oneLine(l.stderr)).toMatch(/--threads applies to the built-in engine; LAMMPS runs on several cores with --np N/);
    const r = await runMain(['md', '--system', 'rotor', '--steps', '5', '--threads', '2']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/threads > 1 needs the pair-table path/);
  });
});
