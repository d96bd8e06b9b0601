// superionic doas: integer counts, undefined widths of single-state classes, duplicate files, --cutoff
// wording, the unrelaxed-energy notice, and --relax agi (FIRE with the built-in α-AgI force field).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Cell } from '../../src/core/cell';
import type { Frame } from '../../src/core/frame';
import { Random } from '../../src/core/random';
import { topologyFromSymbols } from '../../src/core/topology';
import { Trajectory } from '../../src/core/trajectory';
import { densityOfAtomisticStates } from '../../src/doas/densityOfAtomisticStates';
import { relaxedAtomicEnergies } from '../../src/doas/relaxedAtomicEnergies';
import { readTrajectory, writeExtxyz } from '../../src/io/index';
import { buildAlphaAgI } from '../../src/simulate/alphaAgI';
import { agiForceField } from '../../src/simulate/forceField';
import { runCli } from '../transport/cliRunner';
import { runMain } from '../cli/runMain';

const dir = mkdtempSync(path.join(tmpdir(), 'doas-checks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function writeRun(file: string, seed: number, nFrames = 20) {
  const rng = new Random(seed);
  const top = topologyFromSymbols(['Li', 'Li', 'Li', 'Li', 'S', 'S']);
  const frames: Frame[] = [];
  for (let f = 0; f < nFrames; f++) {
    const positions = Float64Array.from({ length: 18 }, () => rng.uniform() * 10);
    const energies = Float64Array.from({ length: 6 }, (_, i) => (i < 4 ? -2 + 0.05 * rng.normal() : -50));
    frames.push({ index: f, time_fs: 10 * f, cell: Cell.orthorhombic(10, 10, 10), positions, energies });
  }
  await writeExtxyz(file, frames, top);
}

describe('DOAS counts and widths', () => {
  it('per-bin counts are integers (the old density·n·w round trip gave 5.000000000000001)', () => {
    const rng = new Random(5);
    const e = Array.from({ length: 777 }, () => -3 + 0.1 * rng.normal());
    const res = densityOfAtomisticStates([{ temperature_K: 300, energies_eV: e }], { binWidth_eV: 0.013 });
    const c = res.series[0].counts;
    expect(Array.from(c).every((x) => Number.isInteger(x))).toBe(true);
    expect(c.reduce((a, b) => a + b, 0)).toBe(777);
    expect(res.series[0].count).toBe(777);
    // the old formula is not integer-exact for this input
    const old = Array.from(res.series[0].density, (d) => d * 777 * 0.013);
    expect(old.some((x) => !Number.isInteger(x))).toBe(true);
  });

  it('a class with one state has width null with a reason; classes below 10 states are flagged', () => {
    const e = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 0.05, 0.15];
    const cls = [...Array(12).fill('A'), 'B', 'C'];
    cls[13] = 'B';
    const res = densityOfAtomisticStates([
      { temperature_K: 300, energies_eV: e, classes: cls },
      { temperature_K: 600, energies_eV: [0.3], classes: ['C'] },
    ]);
    expect(res.classes.A.few_states).toBe(false);
    expect(res.classes.A.width_eV).toBeCloseTo(Math.sqrt(0.13), 12); // sample sd of 0, 0.1, …, 1.1 = √(0.13)
    expect(res.classes.B.few_states).toBe(true);
    expect(res.classes.B.width_eV).toBeCloseTo(Math.SQRT1_2 * 0.1, 12); // sd of {0.05, 0.15}
    expect(res.classes.C.count).toBe(1);
    expect(res.classes.C.width_eV).toBeNull();
    expect(res.classes.C.width_reason).toMatch(/one state/);
    expect(res.series[1].width_eV).toBeNull(); // 600 K has one state
  });
});

describe('superionic doas checks', () => {
  it('rejects the same file twice (also under another spelling), naming it', async () => {
    const a = path.join(dir, 'run_300K.extxyz');
    await writeRun(a, 1);
    const alias = path.join(dir, '.', 'x', '..', 'run_300K.extxyz');
    for (const second of [a, alias]) {
      const r = await runCli(['doas', a, second, '--species', 'Li', '--json']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/run_300K\.extxyz: given twice \(arguments 1 and 2\)/);
    }
  });

  it('--json follows the declared output schema (--json-schema), with and without classes', async () => {
    const a = path.join(dir, 'run_300K.extxyz');
    const schema = JSON.parse((await runMain(['doas', '--json-schema'])).stdout);
    const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
    for (const extra of [[], ['--classify', 'cations', '--cutoff', '4']]) {
      const r = await runMain(['doas', a, '--species', 'Li', ...extra, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const o = JSON.parse(r.stdout);
      for (const k of schema.required) expect(k in o, k).toBe(true);
      for (const [k, p] of Object.entries(schema.properties) as [string, { type: string | string[] }][])
        if (k in o) expect([p.type].flat(), k).toContain(typeOf(o[k]));
    }
  });

  it('--cutoff 0 is rejected in CLI words (its declared range), as are --bin 0 and --fmax 0', async () => {
    const a = path.join(dir, 'run_300K.extxyz');
    const r = await runMain(['doas', a, '--species', 'Li', '--classify', 'cations', '--cutoff', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--cutoff 0 is outside its range: expected \[0\.1, 20\] Å/);
    expect((await runMain(['doas', a, '--species', 'Li', '--bin', '0'])).stderr).toMatch(/--bin 0 is outside its range/);
    expect((await runMain(['doas', a, '--species', 'Li', '--relax', 'agi', '--fmax', '0'])).stderr).toMatch(
      /--fmax 0 is outside its range: expected \(0, 100\] eV\/Å/,
    );
    expect(r.stderr).not.toMatch(/neighbourCutoff_A/);
  });

  it('energies as stored: one-line notice on stderr, relaxed: false with a note, integer counts', async () => {
    const a = path.join(dir, 'run_300K.extxyz');
    const r = await runCli(['doas', a, '--species', 'Li', '--classify', 'cations', '--cutoff', '4', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/notice: .*not relaxed.*Wang 2023.*FIRE/);
    const o = JSON.parse(r.stdout);
    expect(o.relaxed).toBe(false);
    expect(o.relaxation_note).toMatch(/not relaxed by this command/);
    expect(o.counts.every((c: number) => Number.isInteger(c))).toBe(true);
    expect(o.counts.reduce((x: number, y: number) => x + y, 0)).toBe(80);
    for (const c of Object.values(o.classes) as { count: number; few_states: boolean; width_eV: number | null }[]) {
      expect(c.few_states).toBe(c.count < 10);
      if (c.count < 2) expect(c.width_eV).toBeNull();
    }
  });

  it('--relax agi: FIRE-relaxed per-atom energies equal the library oracle; relaxed: true, no notice', async () => {
    const sys = buildAlphaAgI({ supercell: 2, seed: 3 }); // 32 atoms, a = 10.14 Å
    const rng = new Random(9);
    const frames: Frame[] = [0, 1].map((f) => ({
      index: f,
      time_fs: 100 * f,
      cell: sys.cell,
      positions: Float64Array.from(sys.positions, (x) => Number((x + 0.08 * rng.normal()).toFixed(8))),
    }));
    const file = path.join(dir, 'agi_500K.extxyz');
    await writeExtxyz(file, frames, sys.topology);
    const r = await runCli(['doas', file, '--species', 'Ag', '--relax', 'agi', '--fmax', '0.02', '--json']);
    expect(r.stderr).not.toMatch(/notice/);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout);
    expect(o.relaxed).toBe(true);
    expect(o.relaxation_note).toMatch(/FIRE-relaxed/);
    const oracle = relaxedAtomicEnergies((await readTrajectory(file)) as Trajectory, agiForceField(), { species: 'Ag', fmax: 0.02 });
    let lo = Infinity,
      sum = 0;
    for (const e of oracle.mobile_eV) {
      lo = Math.min(lo, e);
      sum += e;
    }
    expect(o.reference_eV).toBeCloseTo(lo, 10);
    expect(o.mean_eV['500']).toBeCloseTo(sum / oracle.mobile_eV.length - lo, 10);
    expect(o.counts.reduce((x: number, y: number) => x + y, 0)).toBe(32);
    expect(Math.max(...oracle.maxForce_eV_A)).toBeLessThan(0.02);
  }, 120000);

  it('--relax rejects unknown force fields and files with other species; --fmax needs --relax', async () => {
    const a = path.join(dir, 'run_300K.extxyz');
    expect((await runCli(['doas', a, '--species', 'Li', '--relax', 'lyc'])).stderr).toMatch(/--relax expects agi, chgnet, .*sevenn-0 .*got "lyc"/);
    expect((await runCli(['doas', a, '--species', 'Li', '--relax', 'agi'])).stderr).toMatch(
      /run_300K\.extxyz: --relax agi: .*covers Ag, I only; the file also has Li, S/,
    );
    expect((await runCli(['doas', a, '--species', 'Li', '--fmax', '0.1'])).stderr).toMatch(/--fmax is only used with --relax/);
  });
});
