import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { readTrajectory, sniffFormat } from '../../src/io';
import { unwrapTrajectory } from '../../src/geometry/unwrap';
import { speciesCounts } from '../../src/core/topology';
import { DATA } from './helpers';

/** Independent slow oracle: split the decompressed text into lines and numbers with plain JS. */
function linesOf(file: string): string[] {
  return gunzipSync(readFileSync(path.join(DATA, file)))
    .toString('utf8')
    .split('\n');
}

describe('real trajectories in data', () => {
  for (const pct of ['0pct', '50pct', '100pct']) {
    const file = `Li6PS5Cl_${pct}_500K_XDATCAR.gz`;
    it(`${file}: 416 atoms, 140 frames, species from the species line (not the title), wrapped`, async () => {
      const p = path.join(DATA, file);
      expect(await sniffFormat(p)).toBe('xdatcar');
      const t = await readTrajectory(p, { timestep_fs: 100 });
      expect(t.nAtoms).toBe(416);
      expect(t.nFrames).toBe(140);
      // title "Li192 P32 S160 Cl32"; species line "Li Cl S P" with counts "192 32 160 32"
      expect(speciesCounts(t.topology)).toEqual({ Li: 192, Cl: 32, S: 160, P: 32 });
      expect(t.topology.symbols).toEqual(['Li', 'Cl', 'S', 'P']);
      expect(t.info.unwrapped).toBe(false);
      expect(t.frameInterval_fs()).toBe(100);
      // oracle: every coordinate of the file, fractional → Cartesian with the header lattice
      const lines = linesOf(file);
      const M = lines.slice(2, 5).map((l) => l.trim().split(/\s+/).map(Number));
      let worst = 0,
        f = -1,
        i = 0;
      for (const l of lines.slice(7)) {
        if (/configuration/.test(l)) {
          f++;
          i = 0;
          continue;
        }
        if (!l.trim()) continue;
        const s = l.trim().split(/\s+/).map(Number);
        for (let k = 0; k < 3; k++) {
          const want = s[0] * M[0][k] + s[1] * M[1][k] + s[2] * M[2][k];
          worst = Math.max(worst, Math.abs(t.positions[f * 3 * 416 + 3 * i + k] - want));
        }
        i++;
      }
      expect(f).toBe(139);
      // tolerance: same products summed in the same order; only parse rounding could differ (none expected)
      expect(worst).toBeLessThan(1e-12);
    });
  }

  it('XDATCAR unwrapping: rewrapping the unwrapped Li positions gives back the file; no jump exceeds a quarter cell', async () => {
    const t = await readTrajectory(path.join(DATA, 'Li6PS5Cl_50pct_500K_XDATCAR.gz'), { atoms: 'Li' });
    expect(t.nAtoms).toBe(192);
    const u = unwrapTrajectory(t);
    expect(u.info.unwrapped).toBe(true);
    const n3 = 3 * t.nAtoms;
    let worstWrap = 0,
      worstStep = 0;
    for (let f = 0; f < t.nFrames; f++) {
      const c = t.cell(f);
      const a = c.toFractional(t.framePositions(f)),
        b = c.toFractional(u.framePositions(f));
      for (let k = 0; k < n3; k++) {
        const d = b[k] - a[k];
        worstWrap = Math.max(worstWrap, Math.abs(d - Math.round(d)));
        if (f > 0) worstStep = Math.max(worstStep, Math.abs(u.positions[f * n3 + k] - u.positions[(f - 1) * n3 + k]));
      }
    }
    expect(worstWrap).toBeLessThan(1e-9); // unwrapping only adds whole lattice vectors
    expect(worstStep).toBeLessThan(20.3 / 4); // a 100 fs step moves a Li far less than a quarter of the 20.3 Å cell
  });

  it('Li10GeP2S12_600K_AIMD.extxyz.gz: 50 atoms, 1000 frames, Time= every 20 fs, unwrapped positions', async () => {
    const p = path.join(DATA, 'Li10GeP2S12_600K_AIMD.extxyz.gz');
    const t = await readTrajectory(p);
    expect(t.nAtoms).toBe(50);
    expect(t.nFrames).toBe(1000);
    expect(speciesCounts(t.topology)).toEqual({ Li: 20, Ge: 2, P: 4, S: 24 });
    expect(t.frameInterval_fs()).toBe(20);
    expect(t.info.unwrapped).toBe(true);
    expect(t.cell(0).volume).toBeCloseTo(970.41, 1); // data README: V = 970.41 Å³
    expect(unwrapTrajectory(t)).toBe(t); // already unwrapped: returned unchanged
    const lines = linesOf('Li10GeP2S12_600K_AIMD.extxyz.gz');
    let worst = 0;
    for (let f = 0; f < 1000; f += 37) {
      for (let i = 0; i < 50; i++) {
        const s = lines[f * 52 + 2 + i].trim().split(/\s+/);
        for (let k = 0; k < 3; k++) worst = Math.max(worst, Math.abs(t.positions[f * 150 + 3 * i + k] - Number(s[1 + k])));
      }
    }
    expect(worst).toBe(0); // the byte parser gives exactly Number(token)
    const li = await readTrajectory(p, { atoms: 'Li' });
    expect(Array.from(li.positions)).toEqual(Array.from(t.selectAtoms(t.indicesOf('Li')).positions));
  });

  it('Na3PS4_cubic_800K_AIMD.extxyz.gz: 128 atoms, 100 frames', async () => {
    const t = await readTrajectory(path.join(DATA, 'Na3PS4_cubic_800K_AIMD.extxyz.gz'));
    expect([t.nAtoms, t.nFrames]).toEqual([128, 100]);
    expect(speciesCounts(t.topology)).toEqual({ Na: 48, P: 16, S: 64 });
    expect(t.cell(0).volume).toBeCloseTo(2810.35, 1);
    expect(t.frameInterval_fs()).toBe(20);
  });
});
