// The fused atom-line passes (src/io/fusedAtomLines.ts, lammpsDump.ts fusedDumpLines) and their number
// scanner (scanDecimal) must give exactly Number(token)/parseFloat: checked bit for bit on random doubles
// printed the ways MD codes print them, and on every value of real files (AIMD extxyz, a LAMMPS-written dump).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openTrajectory } from '../../src/io/openTrajectory';
import { scanDecimal } from '../../src/io/parseNumber';
import { DATA, fixture, tmpFile } from './helpers';

let seed = 20261205;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
/** C-like %.Ng (toPrecision, trailing zeros and exponent form as printf would leave them: same number). */
const g = (x: number, n: number) => x.toPrecision(n);

function scanned(tok: string): number | null {
  const b = Buffer.from(tok + '\n\0', 'latin1');
  const out = new Float64Array(1);
  const e = scanDecimal(b, 0, out, 0);
  if (e < 0) return null;
  return e === tok.length ? out[0] : NaN;
}

describe('scanDecimal equals Number(token) bit for bit', () => {
  it('random doubles in %.8f, %16.8f, %.15g, %.17g, %e, %.12g forms, and integers', () => {
    let n = 0;
    const bad: string[] = [];
    for (let k = 0; k < 40000; k++) {
      const mag = 10 ** Math.floor(rand() * 12 - 6);
      const x = (rand() - 0.5) * 2 * mag * 100;
      const toks = [
        x.toFixed(8),
        x.toFixed(8).padStart(16).trim(),
        g(x, 15),
        g(x, 17),
        x.toExponential(6),
        x.toExponential(15),
        g(x, 12),
        g(x, 6),
        String(Math.round(x)),
        x.toFixed(3),
        String(x),
      ];
      for (const t of toks) {
        const v = scanned(t);
        if (!Object.is(v, Number(t))) bad.push(`${t}: ${v} vs ${Number(t)}`);
        n++;
      }
    }
    expect(bad).toEqual([]);
    expect(n).toBe(440000);
  });

  it('edge forms: signs, -0, leading zeros, long mantissas, large exponents; rejects what Number-parsing readers reject', () => {
    for (const t of [
      '-0.00000000',
      '+1.5',
      '0007.250',
      '.5',
      '5.',
      '1e22',
      '1e23',
      '1.7976931348623157e308',
      '4.9e-324',
      '123456789012345678901234.5',
      '0.1000000000000000055511151231257827',
      '-2.5E-03',
      '9007199254740993',
    ]) {
      expect(Object.is(scanned(t), Number(t)), t).toBe(true);
    }
    for (const t of ['nan', 'inf', '1e400', '-', '.', '1.5e', '1.0D+01', '1.5x', '--1']) expect(scanned(t), t).toBeNull();
  });
});

/** Every number of the position columns, parsed by parseFloat from the text (the reference). */
function extxyzReference(text: string): number[][] {
  const lines = text.split('\n');
  const frames: number[][] = [];
  for (let i = 0; i < lines.length;) {
    if (!lines[i].trim()) {
      i++;
      continue;
    }
    const n = Number(lines[i].trim());
    const props = /Properties=(\S+)/.exec(lines[i + 1])?.[1] ?? 'species:S:1:pos:R:3';
    const f = props.split(':');
    let col = 0;
    for (let j = 0; j < f.length; j += 3) {
      if (f[j] === 'pos') break;
      col += Number(f[j + 2]);
    }
    const pos: number[] = [];
    for (let a = 0; a < n; a++) {
      const t = lines[i + 2 + a].trim().split(/\s+/);
      pos.push(parseFloat(t[col]), parseFloat(t[col + 1]), parseFloat(t[col + 2]));
    }
    frames.push(pos);
    i += n + 2;
  }
  return frames;
}

async function readAll(path: string, opts = {}): Promise<Float64Array[]> {
  const out: Float64Array[] = [];
  for await (const f of await openTrajectory(path, opts)) out.push(f.positions);
  return out;
}

function expectBitEqual(got: Float64Array[], want: number[][]): number {
  expect(got.length).toBe(want.length);
  let n = 0,
    bad = 0;
  for (let f = 0; f < want.length; f++) for (let k = 0; k < want[f].length; k++, n++) if (!Object.is(got[f][k], want[f][k])) bad++;
  expect(bad).toBe(0);
  return n;
}

describe('fused readers equal parseFloat on every value of real files', () => {
  for (const name of ['Li10GeP2S12_600K_AIMD.extxyz.gz', 'Na3PS4_cubic_800K_AIMD.extxyz.gz']) {
    it(`${name}: every position`, async () => {
      const path = `${DATA}/${name}`;
      const n = expectBitEqual(await readAll(path), extxyzReference(gunzipSync(readFileSync(path)).toString('latin1')));
      expect(n).toBeGreaterThan(10000);
    });
  }

  it('an ASE-style %16.8f extxyz (random positions, an atom selection too)', async () => {
    let s = '';
    const frames: number[][] = [];
    for (let f = 0; f < 20; f++) {
      s += `40\nLattice="20.0 0.0 0.0 0.0 20.0 0.0 0.0 0.0 20.0" Properties=species:S:1:pos:R:3 Time=${f} pbc="T T T"\n`;
      const pos: number[] = [];
      for (let i = 0; i < 40; i++) {
        const x = [0, 1, 2].map(() => (rand() * 20).toFixed(8));
        s += `${i < 10 ? 'Li' : 'S '} ${x.map((v) => v.padStart(16)).join('')}\n`;
        pos.push(...x.map(parseFloat));
      }
      frames.push(pos);
    }
    const path = tmpFile('ase_like.extxyz', s);
    expectBitEqual(await readAll(path), frames);
    const li = await readAll(path, { atoms: 'Li' });
    expectBitEqual(
      li,
      frames.map((p) => p.slice(0, 30)),
    );
  });

  it('a LAMMPS-written dump (LJ, 2,048 atoms, `id type xu yu zu`, default %g): every position, sorted by id', async () => {
    const path = fixture('lammps_written_lj.lammpstrj.gz');
    const lines = gunzipSync(readFileSync(path)).toString('latin1').split('\n');
    const want: number[][] = [];
    for (let i = 0; i < lines.length;) {
      if (!lines[i].startsWith('ITEM: TIMESTEP')) {
        i++;
        continue;
      }
      const n = Number(lines[i + 3]);
      const lo = [5, 6, 7].map((j) => parseFloat(lines[i + j].trim().split(/\s+/)[0]));
      const pos = new Array(3 * n);
      for (let a = 0; a < n; a++) {
        const t = lines[i + 9 + a].trim().split(/\s+/);
        const id = Number(t[0]) - 1;
        for (let k = 0; k < 3; k++) pos[3 * id + k] = parseFloat(t[2 + k]) - lo[k];
      }
      want.push(pos);
      i += 9 + n;
    }
    expect(want.length).toBe(4);
    expectBitEqual(await readAll(path, { typeMap: ['Li', 'S'] }), want);
  });
});
