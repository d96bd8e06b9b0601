import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { Args } from '../../src/cli/args';
import { run as runJumps } from '../../src/cli/commands/jumps';
import { run as runSites } from '../../src/cli/commands/sites';
import { InputError } from '../../src/core/errors';
import { analyseFrames } from '../../src/core/frameAnalysis';
import {
  entropyVsTemperatureSpec,
  jumpEventColumns,
  jumpRateColumns,
  jumpRateMatrixSpec,
  siteOccupancyBarsSpec,
  siteOccupancyColumns,
  sublatticeOccupancyVsTemperatureSpec,
  sublatticeOccupancyVsTimeSpec,
} from '../../src/display/sites';
import { toCSV } from '../../src/display/table';
import { writeExtxyz } from '../../src/io';
import { GaussianSiteOccupancy } from '../../src/sites/gaussianSiteOccupancy';
import { SiteJumpAnalysis } from '../../src/sites/siteJumps';
import { buildSiteNetwork, siteCentres } from '../../src/sites/siteNetwork';
import { idealLatticeTemplate } from '../../src/sites/siteTemplate';
import { SublatticeOccupancy } from '../../src/sites/sublattices';
import { hostsFirst, tiledHosts, trajectoryOf } from './helpers';

/** bcc I lattice (2×2×2, a = 5.07 Å) with one Ag hopping tet → neighbouring tet at frame 3. */
function agiHop() {
  const t = idealLatticeTemplate('bcc');
  const { cell, positions } = tiledHosts(t, [2, 2, 2], 5.07);
  const net = buildSiteNetwork(t, positions, cell, hostsFirst(positions));
  const c = siteCentres(net, positions, cell);
  const B = Array.from(net.siteType).findIndex((ty, s) => ty === 0 && s > 0 && cell.distance(c, s, c, 0) < 1.9);
  const frames = [0, 0, 0, 1, 1].map((x) => {
    const all = new Float64Array(positions.length + 3);
    all.set(positions);
    all.set(
      [0, 1, 2].map((k) => c[k] + x * (c[3 * B + k] - c[k])),
      positions.length,
    );
    return all;
  });
  const traj = trajectoryOf([...Array(positions.length / 3).fill('I'), 'Ag'], frames, [cell], 50);
  return { net, traj };
}

// Ag exactly on a bcc tetrahedral site (a = 5.07 Å, 2σ² = 0.2 Å²): its 4 trigonal faces lie a√5/12 =
// 0.9447 Å away (w = e^(−0.8925/0.2) = 0.01152 each), 2 octahedral sites a/4 = 1.2675 Å (w = 3.3e-4 each);
// the rest (≥ 1.79 Å) add < 1e-6. P1(tet) = 1/(1 + 4·0.01152 + 2·3.3e-4) = 0.9553 (P1(trig) = 0.0440).
const P1_TET_BCC = 1 / (1 + 4 * Math.exp(-(((5.07 * Math.sqrt(5)) / 12) ** 2) / 0.2) + 2 * Math.exp(-((5.07 / 4) ** 2) / 0.2));

async function capture(run: (a: Args) => Promise<void>, argv: string[]): Promise<string> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await run(new Args(argv));
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
  return out;
}

describe('display specs and tables (JSON)', () => {
  test('P1/P2 bars, entropy vs T, sublattice vs time and T, jump tables', async () => {
    const { net, traj } = agiHop();
    const occ = new GaussianSiteOccupancy(net, { mobile: 'Ag' });
    const sub = new SublatticeOccupancy(net, { mobile: 'Ag' });
    const jumps = new SiteJumpAnalysis(net, { mobile: 'Ag' });
    await analyseFrames(traj, [occ, sub, jumps]);
    const r = occ.result();
    const bars = siteOccupancyBarsSpec(r);
    expect(bars.$schema).toMatch(/vega-lite\/v6/);
    const vals = (bars.data as { values: { site_type: string; quantity: string; value: number }[] }).values;
    expect(vals).toHaveLength(2 * 4);
    expect(vals.find((v) => v.site_type === 'tetrahedral' && v.quantity.startsWith('P1'))!.value).toBeCloseTo(P1_TET_BCC, 4);
    expect(JSON.parse(JSON.stringify(bars))).toEqual(bars); // plain JSON
    const cols = siteOccupancyColumns(r);
    expect(cols.site_type).toEqual(['tetrahedral', 'octahedral', 'trigonal', 'linear']);
    expect(cols.sites).toEqual([96, 48, 192, 64]); // 8 cubic cells × (12, 6, 24, 8)
    expect(toCSV(cols).split('\n')[0]).toBe('site_type,kind,sites,occupancy,P1,P2');
    const ent = entropyVsTemperatureSpec([
      { T_K: 300, entropy_kB: 1.2, label: 'AgI' },
      { T_K: 500, entropy_kB: null },
    ]);
    expect((ent.data as { values: unknown[] }).values).toEqual([{ T_K: 300, entropy_kB: 1.2, label: 'AgI' }]);
    const s = sub.result();
    const vt = sublatticeOccupancyVsTimeSpec(s);
    expect((vt.data as { values: unknown[] }).values).toHaveLength(6 * 5);
    const vT = sublatticeOccupancyVsTemperatureSpec([{ T_K: 400, result: s }]);
    expect((vT.data as { values: unknown[] }).values).toHaveLength(7);
    // one Ag: all weight on one sublattice at a time → max r_k = 6 each frame
    expect(s.meanMaxRelative).toBeCloseTo(6, 3);
    const j = jumps.result();
    expect(j.jumps).toHaveLength(1);
    expect(jumpEventColumns(j).t_fs).toEqual([150]);
    expect(jumpRateColumns(j).from_type).toEqual(['tetrahedral']);
    expect(jumpRateMatrixSpec(j).mark).toEqual({ type: 'rect', tooltip: true });
  });
});

describe('CLI', () => {
  test('sites and jumps --json on an extxyz file; clear errors', async () => {
    const { traj } = agiHop();
    const dir = mkdtempSync(path.join(tmpdir(), 'sites-'));
    const file = path.join(dir, 'agi.extxyz');
    await writeExtxyz(file, traj);
    const s = JSON.parse(await capture(runSites, [file, '--mobile', 'Ag', '--host', 'I', '--lattice', 'bcc', '--json']));
    expect(Object.keys(s.types)).toEqual(['tetrahedral', 'octahedral', 'trigonal', 'linear']);
    expect(s.types.tetrahedral).toMatchObject({ kind: 'tetrahedral', sites: 96 });
    expect(s.types.tetrahedral.P1).toBeCloseTo(P1_TET_BCC, 4);
    expect(typeof s.entropy_kB).toBe('number');
    const j = JSON.parse(await capture(runJumps, [file, '--mobile', 'Ag', '--host', 'I', '--lattice', 'bcc', '--json']));
    expect(j.jumps).toHaveLength(1);
    expect(j.jumps[0]).toMatchObject({ t_fs: 150, ion: 16, fromType: 'tetrahedral', toType: 'tetrahedral' });
    expect(j.hop_frequency_per_ns).toBeCloseTo(1 / 200e-6, 6); // 1 jump in 200 fs
    await expect(capture(runSites, [file, '--mobile', 'Ag', '--host', 'Br', '--lattice', 'bcc'])).rejects.toThrow(
      /no atoms of species "Br"; the trajectory has I, Ag/,
    );
    await expect(capture(runSites, [file, '--mobile', 'Ag', '--host', 'I', '--lattice', 'fcc'])).rejects.toThrow(InputError);
    await expect(capture(runSites, [file, '--mobile', 'Ag', '--host', 'I'])).rejects.toThrow(/exactly one of --lattice/);
    await expect(capture(runSites, [file, '--mobile', 'Ag', '--host', 'I', '--lattice', 'bcc', '--rmax', '9'])).rejects.toThrow(
      /exceeds half the smallest cell width/,
    );
  });

  test('sites --reference argyrodite on the real Li6PS5Cl (0 %) file', async () => {
    const file = path.resolve(__dirname, '../../data/Li6PS5Cl_0pct_500K_XDATCAR.gz');
    const s = JSON.parse(await capture(runSites, [file, '--mobile', 'Li', '--host', 'S,Cl', '--reference', 'argyrodite', '--json']));
    expect(Object.keys(s.types)).toEqual(['type 0', 'type 1', 'type 2', 'type 3', 'type 4', 'type 5']);
    expect(s.types['type 5'].P1).toBeCloseTo(0.7935, 3); // same analysis as argyroditeRealData.test.ts
  });
});
