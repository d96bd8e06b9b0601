import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Args } from '../../src/cli/args';
import { run, temperatureFromName } from '../../src/cli/commands/doas';
import { Cell } from '../../src/core/cell';
import type { Frame } from '../../src/core/frame';
import { Random } from '../../src/core/random';
import { topologyFromSymbols } from '../../src/core/topology';
import { writeExtxyz } from '../../src/io/index';

const dir = mkdtempSync(path.join(tmpdir(), 'doas-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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

/** Li energies N(mu, 0.05²) eV, S energies far away (must be ignored). */
async function writeRun(file: string, mu: number, seed: number) {
  const rng = new Random(seed);
  const top = topologyFromSymbols(['Li', 'Li', 'Li', 'Li', 'S', 'S']);
  const frames: Frame[] = [];
  for (let f = 0; f < 200; f++) {
    const positions = Float64Array.from({ length: 18 }, () => rng.uniform() * 10);
    const energies = Float64Array.from({ length: 6 }, (_, i) => (i < 4 ? mu + 0.05 * rng.normal() : -50));
    frames.push({ index: f, time_fs: 10 * f, cell: Cell.orthorhombic(10, 10, 10), positions, energies });
  }
  await writeExtxyz(file, frames, top);
}

describe('superionic doas', () => {
  it('reads per-atom energies of several temperatures, common reference, mean E rises with T', async () => {
    const a = path.join(dir, 'run_300K.extxyz'),
      b = path.join(dir, 'run_600K.extxyz');
    await writeRun(a, -2.0, 1);
    await writeRun(b, -1.8, 2);
    const r = JSON.parse(await capture([a, b, '--species', 'Li', '--bin', '0.01', '--json']));
    expect(r.species).toBe('Li');
    expect(r.reference_eV).toBeLessThan(-2.0); // lowest Li state, not the S energies at −50 eV
    expect(r.reference_eV).toBeGreaterThan(-2.4);
    expect(r.series.map((s: any) => s.temperature_K)).toEqual([300, 600]);
    // 800 states each: mean difference 0.2 eV within 4σ of the sampling error (0.05·√(2/800) ≈ 0.0025 eV)
    expect(Math.abs(r.mean_eV['600'] - r.mean_eV['300'] - 0.2)).toBeLessThan(0.01);
    expect(r.counts.reduce((x: number, y: number) => x + y, 0)).toBe(1600);
  });

  it('classifies by neighbouring cations when asked, and errors clearly', async () => {
    const a = path.join(dir, 'run_300K.extxyz');
    const r = JSON.parse(await capture([a, '--species', 'Li', '--classify', 'cations', '--cutoff', '4', '--json']));
    const total = Object.values(r.classes).reduce((s: number, c: any) => s + c.count, 0);
    expect(total).toBe(800);
    expect(Object.keys(r.classes).every((k) => /^\dLi$/.test(k))).toBe(true);
    await expect(capture([a, '--species', 'Na'])).rejects.toThrow(/no atoms of species "Na"/);
    await expect(capture([path.join(dir, 'run_300K.extxyz'), '--species', 'Li', '--temperatures', '300,400'])).rejects.toThrow(
      /2 values for 1 files/,
    );
    expect(temperatureFromName('/x/Li3YCl6_425K.extxyz')).toBe(425);
    expect(temperatureFromName('/x/nothing.extxyz')).toBeNull();
  });
});
