// Validation of jump and site options: capture radius vs site spacing, minimum residence vs run,
// one shared cell-shape tolerance for lattice matching.
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Args } from '../../src/cli/args';
import { InputError } from '../../src/core/errors';
import { analyseFrames } from '../../src/core/frameAnalysis';
import { SiteJumpAnalysis } from '../../src/sites/siteJumps';
import { buildSiteNetwork, DEFAULT_LATTICE_SHAPE_TOLERANCE, siteCentres } from '../../src/sites/siteNetwork';
import { idealLatticeTemplate } from '../../src/sites/siteTemplate';
import { cationHopFrequency } from '../../src/dynamics/hopFrequency';
import { readTrajectory } from '../../src/io/index';
import * as jumpsCmd from '../../src/cli/commands/jumps';
import * as sitesCmd from '../../src/cli/commands/sites';
import { hostsFirst, tiledHosts, trajectoryOf } from '../sites/helpers';

const DATA = path.resolve(__dirname, '../../data');
const ARG = path.join(DATA, 'Li6PS5Cl_0pct_500K_XDATCAR.gz');
const NA = path.join(DATA, 'Na3PS4_cubic_800K_AIMD.extxyz.gz');

async function quiet<T>(f: () => Promise<T>): Promise<{ value: T; out: string }> {
  let out = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: any) => {
    out += String(s);
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return { value: await f(), out };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/** fcc host, a = 4 Å, tet + oct sites (nearest tet–oct 1.732 Å), one static cation. */
function fccCase(nFrames = 5) {
  const t = idealLatticeTemplate('fcc');
  t.derive = {};
  const { cell, positions } = tiledHosts(t, [3, 3, 3], 4.0);
  const net = buildSiteNetwork(t, positions, cell, hostsFirst(positions));
  const c = siteCentres(net, positions, cell);
  const frames = Array.from({ length: nFrames }, () => {
    const all = new Float64Array(positions.length + 3);
    all.set(positions);
    all.set([c[0], c[1], c[2]], positions.length);
    return all;
  });
  return { net, traj: trajectoryOf([...Array(positions.length / 3).fill('I'), 'Ag'], frames, [cell], 100) };
}

describe('capture radius r_in against the site spacing', () => {
  afterEach(() => vi.restoreAllMocks());

  it('r_in ≥ half the smallest site–site distance is refused with both values (fcc tet–oct 1.732 Å)', async () => {
    const { net, traj } = fccCase();
    const bad = new SiteJumpAnalysis(net, { mobile: 'Ag', rIn_A: 0.9 });
    await expect(analyseFrames(traj, [bad])).rejects.toThrow(InputError);
    const bad2 = new SiteJumpAnalysis(net, { mobile: 'Ag', rIn_A: 0.9 });
    await expect(analyseFrames(traj, [bad2])).rejects.toThrow(
      /r_in = 0\.9 Å is not below half the smallest site–site distance \(1\.732 Å .*half = 0\.866 Å\)/,
    );
    const ok = new SiteJumpAnalysis(net, { mobile: 'Ag', rIn_A: 0.85 });
    await analyseFrames(traj, [ok]);
    expect(ok.result().rIn_A).toBe(0.85);
    expect(ok.result().rIn_note).toBeUndefined();
  });

  it('the default 0.5 Å is reduced to 0.9 × half the spacing for a dense network, and says so', async () => {
    // fcc with a = 2 Å: tet–oct 0.866 Å < 1 Å
    const t = idealLatticeTemplate('fcc');
    t.derive = {};
    const { cell, positions } = tiledHosts(t, [3, 3, 3], 2.0);
    const net = buildSiteNetwork(t, positions, cell, hostsFirst(positions));
    const traj = trajectoryOf(
      [...Array(positions.length / 3).fill('I'), 'Ag'],
      [0, 1, 2].map(() => {
        const all = new Float64Array(positions.length + 3);
        all.set(positions);
        return all;
      }),
      [cell],
      100,
    );
    const an = new SiteJumpAnalysis(net, { mobile: 'Ag' });
    await analyseFrames(traj, [an]);
    const r = an.result();
    expect(r.rIn_A).toBeCloseTo((0.45 * Math.sqrt(3)) / 2, 9); // 0.9 × 0.866/2 = 0.3897 Å
    expect(r.rIn_note).toMatch(/default r_in 0\.5 Å reduced to 0\.390 Å/);
  });

  it('CLI jumps on Li6PS5Cl: --r-in 5 refused (sites 1.335 Å apart), --r-in 0.5 accepted', async () => {
    const base = [ARG, '--mobile', 'Li', '--host', 'S,Cl', '--reference', 'argyrodite', '--dt', '100', '--json'];
    await expect(quiet(() => jumpsCmd.run(new Args([...base, '--r-in', '5'])))).rejects.toThrow(
      /r_in = 5 Å is not below half the smallest site–site distance \(1\.335 Å.*half = 0\.668 Å\)/,
    );
    const { out } = await quiet(() => jumpsCmd.run(new Args([...base, '--r-in', '0.5'])));
    expect(JSON.parse(out).r_in_A).toBe(0.5);
  });
});

describe('minimum residence against the run length', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a minimum residence longer than the run is refused (library and CLI)', async () => {
    const { net, traj } = fccCase(5); // 400 fs
    const an = new SiteJumpAnalysis(net, { mobile: 'Ag', minResidence_fs: 500 });
    await analyseFrames(traj, [an]);
    expect(() => an.result()).toThrow(
      /minimum residence \(minResidence_fs, CLI --min-residence\) 500 fs is longer than the run \(400 fs over 5 frames\)/,
    );
    const ok = new SiteJumpAnalysis(net, { mobile: 'Ag', minResidence_fs: 400 });
    await analyseFrames(traj, [ok]);
    expect(ok.result().jumps).toHaveLength(0);
    const base = [ARG, '--mobile', 'Li', '--host', 'S,Cl', '--reference', 'argyrodite', '--dt', '100', '--json'];
    await expect(quiet(() => jumpsCmd.run(new Args([...base, '--min-residence', '50000'])))).rejects.toThrow(
      /minimum residence \(minResidence_fs, CLI --min-residence\) 50000 fs is longer than the run \(13900 fs over 140 frames\)/,
    );
  });
});

describe('one cell-shape tolerance for lattice matching', () => {
  afterEach(() => vi.restoreAllMocks());

  it('Na3PS4 PS4 centres (tilted cell, deviation 0.051) match bcc in sites as in the hop frequency; --shape-tolerance applies', async () => {
    expect(DEFAULT_LATTICE_SHAPE_TOLERANCE).toBe(0.15);
    const base = [NA, '--mobile', 'Na', '--host', 'PS4', '--lattice', 'bcc', '--json'];
    const { out } = await quiet(() => sitesCmd.run(new Args(base)));
    expect(JSON.parse(out).replication).toEqual([2, 2, 2]);
    await expect(quiet(() => sitesCmd.run(new Args([...base, '--shape-tolerance', '0.04'])))).rejects.toThrow(
      /normalised metric differs by 0\.0513 > 0\.04, the cell-shape tolerance maxShapeDeviation, CLI --shape-tolerance/,
    );
    const traj = await readTrajectory(NA);
    const hop = await cationHopFrequency(traj, { mobile: 'Na', host: 'S', lattice: 'bcc' });
    expect(hop.lattice).toBe('bcc');
    expect(hop.shapeDeviation!).toBeCloseTo(0.051, 3);
    await expect(cationHopFrequency(traj, { mobile: 'Na', host: 'S', lattice: 'bcc', maxShapeDeviation: 0.04 })).rejects.toThrow(/0\.051 > 0\.04/);
  });
});
