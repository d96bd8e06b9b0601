// Discovered sites as a site set: density → discoverSites → siteNetworkFromDiscoveredSites → the same
// occupancy and jump analyses that template sites feed (synthetic fcc host with known occupancies and hops).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Trajectory } from '../../src/core/trajectory';
import { writeExtxyz } from '../../src/io';
import { oneLine, runMain } from '../cli/runMain';
import { Cell } from '../../src/core/cell';
import { probabilityDensity } from '../../src/density/probabilityDensity';
import { discoverSites } from '../../src/density/siteDiscovery';
import { GaussianSiteOccupancy } from '../../src/sites/gaussianSiteOccupancy';
import { siteNetworkFromDiscoveredSites } from '../../src/sites/pointSiteNetwork';
import { TransitionNetworkAnalysis } from '../../src/sites/transitionNetwork';
import { fccHostWithHoppingCations } from './fccSiteFixture';

describe('discovered sites usable as a site set', () => {
  it('fcc host: 32 octahedral sites always full, 64 tetrahedral half full with one hop per 50 frames → occupancies and 352 jumps; the same through the CLI with --sites FILE.json', async () => {
    const { cell, nIon, top, hostCart, frames } = fccHostWithHoppingCations({ seed: 11, nFrames: 600, dt_fs: 10 });
    const d = probabilityDensity(frames, top, { species: 'Li', spacing_A: 0.2, sigma_A: 0.2 });
    const found = discoverSites(d, { minSeparation_A: 1.5, minOccupancy: 0.05, hostPositions: hostCart });
    expect(found.length).toBe(96);
    const hostAtoms = Int32Array.from({ length: 32 }, (_, i) => nIon + i);
    const net = siteNetworkFromDiscoveredSites(found, hostCart, cell, { hostAtoms });
    expect(net.typeNames.sort()).toEqual(['octahedral', 'tetrahedral']);
    const occ = new GaussianSiteOccupancy(net, { mobile: 'Li' });
    const tn = new TransitionNetworkAnalysis(net, { mobile: 'Li' });
    for (const f of frames) {
      occ.addFrame(f, top);
      tn.addFrame(f, top);
    }
    const o = occ.result();
    const byName = Object.fromEntries(o.types.map((t) => [t.name, t]));
    expect(byName.octahedral.sites).toBe(32);
    expect(byName.tetrahedral.sites).toBe(64);
    // Gaussian occupancy of the discovered sites relative to the mean octahedral one: 1 per octahedral site, ½ per tetrahedral site, within 2 % + 0.02.
    for (let s = 0; s < net.nSites; s++) {
      const want = net.typeNames[net.siteType[s]] === 'octahedral' ? 1 : 0.5;
      expect(Math.abs((o.siteOccupancy[s] / (byName.octahedral.occupancy / 32)) * 1 - want)).toBeLessThan(0.02 + 0.02 * want);
    }
    const r = tn.result();
    expect(r.jumps.jumps.length).toBe(32 * 11);
    expect(r.edges.every((e) => e.fromType === 'tetrahedral' && e.toType === 'tetrahedral')).toBe(true);
    for (const s of r.sites) expect(s.mean_offset_A!).toBeLessThan(0.05); // discovered centres sit on the wells
    // CLI: the discovered sites as a JSON file feed `transitions` and `sites`.
    const dir = mkdtempSync(path.join(tmpdir(), 'discovered-'));
    const trajFile = path.join(dir, 'fcc.extxyz'),
      sitesFile = path.join(dir, 'sites.json');
    await writeExtxyz(trajFile, Trajectory.fromFrames(top, frames, { source: 'test', unwrapped: false, timestep_fs: 10 }));
    writeFileSync(sitesFile, JSON.stringify({ sites: found }));
    const t = await runMain(['transitions', trajFile, '--mobile', 'Li', '--host', 'S', '--site-file', sitesFile, '--json']);
    expect(t.code).toBe(0);
    const tj = JSON.parse(t.stdout);
    expect(tj.n_jumps).toBe(32 * 11);
    expect(tj.sites.length).toBe(96);
    const sj = await runMain(['sites', trajFile, '--mobile', 'Li', '--host', 'S', '--site-file', sitesFile, '--json']);
    expect(sj.code).toBe(0);
    expect(JSON.parse(sj.stdout).types.octahedral.sites).toBe(32);
    const both = await runMain(['jumps', trajFile, '--mobile', 'Li', '--host', 'S', '--site-file', sitesFile, '--lattice', 'fcc']);
    expect(both.code).toBe(2);
    expect(oneLine(both.stderr)).toMatch(/not several/);
    writeFileSync(sitesFile, '[{"cartesian_A": [1, 2]}]');
    const bad = await runMain(['jumps', trajFile, '--mobile', 'Li', '--host', 'S', '--site-file', sitesFile]);
    expect(bad.code).toBe(2);
    expect(oneLine(bad.stderr)).toMatch(/site 0: expected cartesian_A/);
    // One spelling: --sites is analyse's site analysis (species); the file option of sites/jumps/transitions is --site-file.
    const old = await runMain(['sites', trajFile, '--mobile', 'Li', '--host', 'S', '--sites', sitesFile]);
    expect(old.code).toBe(2);
    expect(oneLine(old.stderr)).toBe('superionic sites: --sites is now spelled --site-file in sites; see superionic sites --help');
  });

  it('bad input: no sites, a site without coordinates', () => {
    const cell = Cell.orthorhombic(5, 5, 5);
    expect(() => siteNetworkFromDiscoveredSites([], [0, 0, 0], cell)).toThrow(/no discovered sites/);
    expect(() =>
      siteNetworkFromDiscoveredSites([{ cartesian_A: [1, NaN, 2] as [number, number, number] }], [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3], cell),
    ).toThrow(/discovered site 0/);
  });
});
