// Coordination numbers with a cutoff beyond half the cell: exact image counts, a note, and a short text table.
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Args } from '../../src/cli/args';
import { Cell } from '../../src/core/cell';
import { CoordinationNumbers } from '../../src/structure/coordination';
import { topologyFromSymbols } from '../../src/core/topology';
import * as coordCmd from '../../src/cli/commands/coordination';
import { idealGas } from './helpers';

const FILE = path.resolve(__dirname, '../../data/Li6PS5Cl_0pct_500K_XDATCAR.gz');

async function runText(argv: string[]): Promise<string> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: any) => {
    out += String(s);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await coordCmd.run(new Args(argv));
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
  return out;
}

describe('coordination beyond half the cell width', () => {
  afterEach(() => vi.restoreAllMocks());

  it('counts every periodic image: equals a brute-force image sum in a skewed cell, with a note', () => {
    const cell = new Cell([7, 0, 0, 1.2, 6.5, 0, -0.8, 0.9, 7.2]);
    const sys = idealGas(10, cell, 1, 9);
    const symbols = Array.from({ length: 10 }, (_, k) => (k < 4 ? 'Cl' : 'Li'));
    const topo = topologyFromSymbols(symbols);
    const cutoff = 9; // > half of every width (≈ 3.2–3.6 Å)
    const cn = new CoordinationNumbers({ centre: 'Cl', neighbor: 'Li', cutoff_A: cutoff });
    cn.addFrame(sys.frames[0], topo);
    const res = cn.result();
    const x = sys.frames[0].positions,
      m = cell.matrix;
    let total = 0;
    for (let i = 0; i < 4; i++)
      for (let j = 4; j < 10; j++) {
        for (let a = -3; a <= 3; a++)
          for (let b = -3; b <= 3; b++)
            for (let c = -3; c <= 3; c++) {
              const d = Math.hypot(
                x[3 * j] - x[3 * i] + a * m[0] + b * m[3] + c * m[6],
                x[3 * j + 1] - x[3 * i + 1] + a * m[1] + b * m[4] + c * m[7],
                x[3 * j + 2] - x[3 * i + 2] + a * m[2] + b * m[5] + c * m[8],
              );
              if (d < cutoff) total++;
            }
      }
    expect(res.mean * 4).toBeCloseTo(total, 9);
    expect(res.note).toMatch(/exceeds half the smallest cell width \(3\.\d+ Å\).*periodic image/);
    const small = new CoordinationNumbers({ centre: 'Cl', neighbor: 'Li', cutoff_A: 3 });
    small.addFrame(sys.frames[0], topo);
    expect(small.result().note).toBeUndefined();
  });

  it('text mode prints at most ~20 CN rows for --cutoff 50 on Li6PS5Cl (was 12,094 lines)', async () => {
    const out = await runText([FILE, '--center', 'Cl', '--neighbor', 'Li', '--cutoff', '50', '--frames', '0:5']);
    expect(out.split('\n').length).toBeLessThan(30);
    expect(out).toMatch(/note: the cutoff 50 Å exceeds half the smallest cell width/);
    expect(out).toMatch(/CN range/);
    // a first-shell cutoff prints only the CN values that occur
    const shell = await runText([FILE, '--center', 'Cl', '--neighbor', 'Li', '--cutoff', '3.6', '--frames', '0:5']);
    expect(shell.split('\n').length).toBeLessThan(20);
    expect(shell).not.toMatch(/note:/);
  });

  it('no first minimum within --rmax: one clear sentence', async () => {
    await expect(
      coordCmd.run(new Args([FILE, '--center', 'Li', '--neighbor', 'Li', '--rmax', '5', '--bins', '40', '--frames', '0:20', '--json'])),
    ).rejects.toThrow(
      /: cannot choose a first-shell cutoff from g\(Li-Li\) up to 5 Å \(g\(r\) does not fall and rise again after the first peak before r_max\): give --cutoff in Å, or a larger --rmax$/,
    );
  });
});
