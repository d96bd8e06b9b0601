// A small seeded fuzz of the readers through the CLI (issue #12): truncations, byte flips, absurd
// numbers, CRLF/BOM/tabs and corrupt gzip of slices of the real files. Every case must end with exit 0
// and finite numbers, or exit 2 with one stderr line naming the file; never a stack trace.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { runMain } from '../cli/runMain';
import { DATA } from './helpers';

/** mulberry32: the seeded generator of the cases. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

const ABSURD = ['1e300', '1D300', '-1e308', '0x1', 'nan', '1e15', '-0', '1e-300', '99999999999999999999', ''];
type Mutation = (b: Buffer, r: () => number) => Buffer;
const MUTATIONS: [string, Mutation][] = [
  ['truncate', (b, r) => b.subarray(0, Math.floor(r() * b.length))],
  ['flip', (b, r) => { const c = Buffer.from(b); for (let k = 0; k < 1 + Math.floor(r() * 4); k++) c[Math.floor(r() * c.length)] ^= 1 << Math.floor(r() * 8); return c; }],
  ['absurd', (b, r) => {
    const lines = b.toString('latin1').split('\n'), j = Math.floor(r() * lines.length), t = lines[j].split(/(\s+)/);
    const k = 2 * Math.floor(r() * Math.ceil(t.length / 2)); t[k] = ABSURD[Math.floor(r() * ABSURD.length)]; lines[j] = t.join('');
    return Buffer.from(lines.join('\n'), 'latin1');
  }],
  ['crlf-bom-tabs', (b, r) => Buffer.from((r() < 0.5 ? '\ufeff' : '') + b.toString('latin1').replace(/\n/g, '\r\n').replace(/ +/g, r() < 0.5 ? '\t' : ' '), 'latin1')],
  ['corrupt-gzip', (b, r) => { const z = gzipSync(b); z[10 + Math.floor(r() * (z.length - 10))] ^= 0xff; return z; }],
];

let dir = '';
const sources: { name: string; bytes: Buffer; argv: string[] }[] = [];
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'superionic-fuzz-'));
  const x = gunzipSync(readFileSync(path.join(DATA, 'Li6PS5Cl_0pct_500K_XDATCAR.gz'))).toString('latin1').split('\n');
  sources.push({ name: 'XDATCAR', bytes: Buffer.from(x.slice(0, 7 + 417 * 12).join('\n') + '\n', 'latin1'), argv: ['--species', 'Li', '--dt', '100'] });
  const l = gunzipSync(readFileSync(path.join(DATA, 'Li10GeP2S12_600K_AIMD.extxyz.gz'))).toString('latin1').split('\n');
  sources.push({ name: 'lgps.extxyz', bytes: Buffer.from(l.slice(0, 52 * 40).join('\n') + '\n', 'latin1'), argv: ['--species', 'Li'] });
});

describe('seeded reader fuzz (seed 12)', () => {
  it('every case: exit 0 with finite numbers, or exit 2 with one line naming the file; no stack trace', async () => {
    const r = rng(12);
    const counts = { tried: 0, clean: 0, accepted: 0, crashes: 0 };
    for (let c = 0; c < 120; c++) {
      const src = sources[c % sources.length];
      const [mname, m] = MUTATIONS[Math.floor(r() * MUTATIONS.length)];
      const gz = mname === 'corrupt-gzip';
      const file = path.join(dir, `case${c}_${mname}_${src.name}${gz ? '.gz' : ''}`);
      writeFileSync(file, m(src.bytes, r));
      const cmd = r() < 0.5 ? ['info', file, '--json'] : ['msd', file, ...src.argv, '--json'];
      const out = await runMain(cmd);
      counts.tried++;
      const lines = out.stderr.split('\n').filter((s) => s && !s.startsWith('warning:') && !/^superionic \w+: (read|step) /.test(s));
      if (out.code === 2) {
        counts.clean++;
        expect(lines, `${cmd.join(' ')}\n${out.stderr}`).toHaveLength(1);
        expect(lines[0]).toContain(file);
      } else {
        expect(out.code, `${cmd.join(' ')}\n${out.stderr}`).toBe(0);
        counts.accepted++;
        const o = JSON.parse(out.stdout);
        if (cmd[0] === 'msd') {
          expect(Number.isFinite(o.D_cm2_s)).toBe(true);
          expect(o.msd_A2.every((v: number) => Number.isFinite(v) && v >= 0)).toBe(true);
        }
      }
      expect(out.stderr).not.toMatch(/internal error|\n\s+at /);
    }
    expect(counts.tried).toBe(120);
    console.log(`reader fuzz: ${JSON.stringify(counts)}`);
    expect(counts.crashes).toBe(0);
  }, 120_000);
});
