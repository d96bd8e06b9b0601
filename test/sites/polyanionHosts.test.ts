// Sites on polyanion centres of mass via the CLI (--host PS4): a synthetic fcc lattice of distorted
// PS4 tetrahedra (one long P–S bond each, random orientation, so the COM is NOT the P position) with
// Li exactly on the tetrahedral sites of the COM lattice.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { Args } from '../../src/cli/args';
import { run as runJumps } from '../../src/cli/commands/jumps';
import { run as runSites } from '../../src/cli/commands/sites';
import { siteSetupFromArgs } from '../../src/cli/siteOptions';
import { Cell } from '../../src/core/cell';
import { atomicMass } from '../../src/core/elements';
import { Random } from '../../src/core/random';
import { writeExtxyz } from '../../src/io';
import { SiteNetwork, siteCentres } from '../../src/sites/siteNetwork';
import { idealLatticeTemplate } from '../../src/sites/siteTemplate';
import { trajectoryOf } from './helpers';

const A = 10; // Å, fcc cubic cell of PS4 centres; 2×2×2 cells
const FCC = idealLatticeTemplate('fcc');

/** Unit vectors of a tetrahedron, rotated by a random rotation (seeded). */
function rotatedTetrahedron(rng: Random): number[][] {
  const q = [rng.normal(), rng.normal(), rng.normal(), rng.normal()];
  const n = Math.hypot(...q);
  const [w, x, y, z] = q.map((v) => v / n);
  const R = [
    [1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)],
    [2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)],
    [2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)],
  ];
  return [
    [1, 1, 1],
    [1, -1, -1],
    [-1, 1, -1],
    [-1, -1, 1],
  ].map((v) => R.map((row) => (row[0] * v[0] + row[1] * v[1] + row[2] * v[2]) / Math.sqrt(3)));
}

/** Frames of the synthetic structure; Li 0 moves to a neighbouring tetrahedral site at frame 2. */
function structure() {
  const cell = Cell.orthorhombic(2 * A, 2 * A, 2 * A);
  const rng = new Random(7);
  const mP = atomicMass('P'),
    mS = atomicMass('S');
  const atoms: { sym: string; p: number[] }[] = [];
  const com: number[][] = [];
  for (let i = 0; i < 2; i++)
    for (let j = 0; j < 2; j++)
      for (let l = 0; l < 2; l++)
        for (const h of FCC.hostFrac) {
          // P near the boundary on purpose for some molecules (the lattice starts at 0): molecules wrap
          const P = [(h[0] + i) * A, (h[1] + j) * A, (h[2] + l) * A];
          const dirs = rotatedTetrahedron(rng);
          const bonds = [2.3, 2.05, 2.05, 2.05];
          const S = dirs.map((d, k) => P.map((x, e) => x + bonds[k] * d[e]));
          atoms.push({ sym: 'P', p: P }, ...S.map((p) => ({ sym: 'S', p })));
          // hand-computed centre of mass (unwrapped)
          com.push([0, 1, 2].map((e) => (mP * P[e] + mS * S.reduce((s, p) => s + p[e], 0)) / (mP + 4 * mS)));
        }
  // Tetrahedral sites of the COM lattice: the centroid of the 4 nearest COMs of each ideal tet centre.
  const tetCentre = (f: number[]) => {
    const c = f.map((x) => x * A);
    const near = com
      .map((p) => {
        const d = p.map((x, e) => {
          let v = x - c[e];
          v -= 2 * A * Math.round(v / (2 * A));
          return v;
        });
        return { d, r: Math.hypot(...d) };
      })
      .sort((a, b) => a.r - b.r)
      .slice(0, 4);
    const centre = [0, 1, 2].map((e) => c[e] + near.reduce((s, n) => s + n.d[e], 0) / 4);
    // P1 of tetrahedral sites for an ion exactly on this one: its 4 trigonal faces (centroids of 3 of
    // the 4 COMs, ~a√3/12 = 1.44 Å away) get w = exp(−d²/2σ²), σ² = 0.1 Å²; all other sites are
    // ≥ ~2.4 Å away (w < 1e-12, ignored).
    let wsum = 0;
    for (let k = 0; k < 4; k++) {
      const f = [0, 1, 2].map((e) => near.filter((_, q) => q !== k).reduce((s, n) => s + n.d[e], 0) / 3 - (centre[e] - c[e]));
      wsum += Math.exp(-(f[0] ** 2 + f[1] ** 2 + f[2] ** 2) / 0.2);
    }
    return { centre, P1: 1 / (1 + wsum) };
  };
  const tA = tetCentre([0.25, 0.25, 0.25]),
    tB = tetCentre([0.75, 0.25, 0.25]),
    tC = tetCentre([1.25, 1.25, 1.25]);
  const [liA, liB, liC] = [tA.centre, tB.centre, tC.centre];
  // frames: Li0 on A, A, B, B; Li1 on C throughout
  const P1_TET = (2 * tA.P1 + 2 * tB.P1 + 4 * tC.P1) / 8;
  const symbols = [...atoms.map((a) => a.sym), 'Li', 'Li'];
  const base = atoms.flatMap((a) => a.p);
  const frames = [liA, liA, liB, liB].map((li0) => Float64Array.from([...base, ...li0, ...liC]).map((v) => v - 2 * A * Math.floor(v / (2 * A))));
  return { traj: trajectoryOf(symbols, frames, [cell], 50), com, liA, liB, liC, cell, P1_TET };
}

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

describe('sites on polyanion centres (--host PS4)', () => {
  const { traj, com, liA, liB, cell, P1_TET } = structure();
  const dir = mkdtempSync(path.join(tmpdir(), 'sites-ps4-'));
  const file = path.join(dir, 'ps4.extxyz');

  test('host positions are the PS4 centres of mass, and the sites follow them', async () => {
    await writeExtxyz(file, traj);
    const setup = await siteSetupFromArgs(new Args([file, '--mobile', 'Li', '--host', 'PS4', '--lattice', 'fcc']), 'sites');
    expect(setup.hostCentres).toEqual([{ label: 'PS4', kind: 'molecules', count: 32 }]);
    const net = setup.source as SiteNetwork;
    expect(net.nSites).toBe(8 * (8 + 4 + 32 + 24)); // tet, oct, trig, lin per fcc cell × 8 cells
    const f0 = traj.frame(0);
    const h = setup.hostPositions!(f0);
    // COMs from molecules.ts vs by hand (extxyz round trip keeps ~1e-8 Å)
    for (let m = 0; m < 32; m++) expect(cell.distance(h, m, Float64Array.from(com.flat()), m)).toBeLessThan(1e-6);
    // the COM is NOT the P position (long bond): 0.05 Å away
    const shift = (atomicMass('S') * 0.25) / (atomicMass('P') + 4 * atomicMass('S'));
    expect(cell.distance(h, 0, f0.positions, 0)).toBeCloseTo(shift, 6);
    // the Li sit exactly on tetrahedral sites of the COM lattice
    const c = siteCentres(net, h, f0.cell!);
    const nearestTo = (p: number[]) => {
      let best = Infinity,
        type = '';
      for (let s = 0; s < net.nSites; s++) {
        const d = cell.distance(c, s, Float64Array.from(p), 0);
        if (d < best) {
          best = d;
          type = net.typeNames[net.siteType[s]];
        }
      }
      return { best, type };
    };
    for (const p of [liA, liB]) {
      const n = nearestTo(p);
      expect(n.type).toBe('tetrahedral');
      expect(n.best).toBeLessThan(1e-6);
    }
  });

  test('superionic sites --host PS4 and jumps --host PS4', async () => {
    const s = JSON.parse(await capture(runSites, [file, '--mobile', 'Li', '--host', 'PS4', '--lattice', 'fcc', '--json']));
    expect(s.host_centres).toEqual([{ label: 'PS4', kind: 'molecules', count: 32 }]);
    expect(s.types.tetrahedral.sites).toBe(64);
    expect(s.types.octahedral.sites).toBe(32);
    // tolerance 1e-7: the positions went through extxyz text (~1e-8 Å), the neglected sites weigh < 1e-12
    expect(Math.abs(s.types.tetrahedral.P1 - P1_TET)).toBeLessThan(1e-7);
    expect(Math.abs(s.types.trigonal.P1 - (1 - P1_TET))).toBeLessThan(1e-7);
    expect(s.unassigned_fraction).toBe(0);
    // with the P atoms as hosts the sites sit ~0.05 Å off the Li: less weight on the tetrahedra
    const p = JSON.parse(await capture(runSites, [file, '--mobile', 'Li', '--host', 'P', '--lattice', 'fcc', '--json']));
    expect(P1_TET - p.types.tetrahedral.P1).toBeGreaterThan(1e-6);
    const j = JSON.parse(await capture(runJumps, [file, '--mobile', 'Li', '--host', 'PS4', '--lattice', 'fcc', '--json']));
    expect(j.jumps).toHaveLength(1);
    expect(j.jumps[0]).toMatchObject({ t_fs: 100, fromType: 'tetrahedral', toType: 'tetrahedral' });
  });

  test('--reference with polyanion hosts: the reference PS4 become centre pseudo-atoms', async () => {
    // one fcc cell of ideal PS4 (P–S 2.05 Å) with Li markers on its 8 tetrahedral sites
    const ref = path.join(dir, 'ref.extxyz');
    const cell1 = Cell.orthorhombic(A, A, A);
    const sym: string[] = [],
      pos: number[] = [];
    const u = 2.05 / Math.sqrt(3);
    for (const h of FCC.hostFrac) {
      const P = h.map((x) => x * A);
      sym.push('P', 'S', 'S', 'S', 'S');
      pos.push(...P);
      for (const d of [
        [1, 1, 1],
        [1, -1, -1],
        [-1, 1, -1],
        [-1, -1, 1],
      ])
        pos.push(...P.map((x, e) => x + u * d[e]));
    }
    for (const t of FCC.siteTypes[0].centresFrac) {
      sym.push('Li');
      pos.push(...t.map((x) => x * A));
    }
    const wrapped = Float64Array.from(pos).map((v) => v - A * Math.floor(v / A));
    await writeExtxyz(ref, trajectoryOf(sym, [wrapped], [cell1]));
    const s = JSON.parse(await capture(runSites, [file, '--mobile', 'Li', '--host', 'PS4', '--reference', ref, '--site-species', 'Li', '--json']));
    expect(s.replication).toEqual([2, 2, 2]);
    expect(s.types.Li).toMatchObject({ kind: 'tetrahedral', sites: 64, P1: 1 });
    expect(s.types.Li.occupancy).toBeCloseTo(2, 12); // both Li, all weight on the one site type
    // the distorted COMs sit 0.050 Å from their P in random directions (less their mean): 0.03–0.1 Å from ideal
    expect(s.max_match_displacement_A).toBeGreaterThan(0.03);
    expect(s.max_match_displacement_A).toBeLessThan(0.1);
  });

  test('bad input: an anion that is not there, a species that is not there', async () => {
    await expect(capture(runSites, [file, '--mobile', 'Li', '--host', 'PS5', '--lattice', 'fcc'])).rejects.toThrow(
      /no "PS5" anions found among the bonded clusters of P, S \(found 32×PS4\)/,
    );
    await expect(capture(runSites, [file, '--mobile', 'Li', '--host', 'BH4', '--lattice', 'fcc'])).rejects.toThrow(
      /anion "BH4" needs species B, but the trajectory has only P, S, Li/,
    );
    await expect(capture(runSites, [file, '--mobile', 'Li', '--host', 'Cl', '--lattice', 'fcc'])).rejects.toThrow(
      /no atoms of species "Cl"; the trajectory has P, S, Li/,
    );
    await expect(capture(runSites, [file, '--mobile', 'Li', '--host', 'PS4', '--lattice', 'bcc'])).rejects.toThrow(/does not match/);
  });
});
