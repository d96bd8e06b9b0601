/**
 * α-AgI structure builder: I on a bcc lattice (a ≈ 5.07 Å), two Ag per cubic cell on distinct tetrahedral
 * (12d) interstices of Im-3m, chosen at random with a seed (data/README.md; Wood 2021).
 * 12d sites of the cubic cell: (¼,0,½) and its permutations/sign images, plus the body-centring (½,½,½).
 * The two Ag of a cell are drawn so that no two Ag sit on face-sharing tetrahedra (d = a√2/4), which would
 * put them 1.8 Å apart; the draw retries up to 100 times per cell.
 */
import { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import { Random } from '../core/random.js';
import { topologyFromSymbols } from '../core/topology.js';
import type { MDSystem } from './mdSystem.js';

/** Fractional coordinates of the 12 tetrahedral (12d) sites of the bcc cubic cell. */
export function bccTetrahedralSites(): number[][] {
  const base = [
    [0.25, 0, 0.5],
    [0.75, 0, 0.5],
    [0.5, 0.25, 0],
    [0.5, 0.75, 0],
    [0, 0.5, 0.25],
    [0, 0.5, 0.75],
  ];
  const out: number[][] = [];
  for (const p of base) {
    out.push(p.slice());
    out.push(p.map((c) => (c + 0.5) % 1));
  }
  return out;
}

export interface AlphaAgIOptions {
  /** Supercell repeats (one number for n×n×n, or three). Default 2. */
  supercell?: number | [number, number, number];
  /** Cubic lattice constant, Å (default 5.07). */
  a_A?: number;
  /** Seed of the Ag site choice (default 1). */
  seed?: number;
  /**
   * Put every Ag on one tetrahedral sublattice — sites (¼,0,½) and (¾,½,0) of each cubic cell, Ag–Ag
   * a√3/2 apart (the ordered arrangement of Wood 2021 Fig. 4c) — instead of random sites (default false).
   */
  ordered?: boolean;
}

export function buildAlphaAgI(opts: AlphaAgIOptions = {}): MDSystem {
  const sc =
    typeof opts.supercell === 'number' || opts.supercell === undefined
      ? [opts.supercell ?? 2, opts.supercell ?? 2, opts.supercell ?? 2]
      : opts.supercell;
  if (sc.some((k) => !Number.isInteger(k) || k < 1)) throw new InputError(`supercell must be positive integers, got ${sc.join('×')}`);
  const a = opts.a_A ?? 5.07;
  if (!(a > 3)) throw new InputError(`α-AgI lattice constant must be > 3 Å, got ${a}`);
  const rng = new Random(opts.seed ?? 1);
  const tet = bccTetrahedralSites();
  const symbols: string[] = [];
  const pos: number[] = [];
  const agFrac: number[][] = [];
  const minAgAg2 = (0.45 * a) ** 2; // excludes face-sharing (0.354 a) neighbours, allows 0.5 a
  const dims = sc.map((k) => k * a);
  const tooClose = (p: number[]) =>
    agFrac.some((q) => {
      let d2 = 0;
      for (let k = 0; k < 3; k++) {
        let d = p[k] - q[k];
        d -= dims[k] * Math.round(d / dims[k]);
        d2 += d * d;
      }
      return d2 < minAgAg2;
    });
  for (let i = 0; i < sc[0]; i++)
    for (let j = 0; j < sc[1]; j++)
      for (let k = 0; k < sc[2]; k++) {
        for (const f of [
          [0, 0, 0],
          [0.5, 0.5, 0.5],
        ]) {
          symbols.push('I');
          pos.push((i + f[0]) * a, (j + f[1]) * a, (k + f[2]) * a);
        }
      }
  for (let i = 0; i < sc[0]; i++)
    for (let j = 0; j < sc[1]; j++)
      for (let k = 0; k < sc[2]; k++) {
        for (let n = 0; n < 2; n++) {
          if (opts.ordered) {
            const s = n === 0 ? [0.25, 0, 0.5] : [0.75, 0.5, 0];
            const q = [(i + s[0]) * a, (j + s[1]) * a, (k + s[2]) * a];
            agFrac.push(q);
            symbols.push('Ag');
            pos.push(q[0], q[1], q[2]);
            continue;
          }
          let p: number[] = [];
          for (let attempt = 0; attempt < 100; attempt++) {
            const s = tet[rng.int(12)];
            p = [(i + s[0]) * a, (j + s[1]) * a, (k + s[2]) * a];
            if (!tooClose(p)) break;
          }
          agFrac.push(p);
          symbols.push('Ag');
          pos.push(p[0], p[1], p[2]);
        }
      }
  return {
    topology: topologyFromSymbols(symbols),
    cell: Cell.orthorhombic(dims[0], dims[1], dims[2]),
    positions: Float64Array.from(pos),
  };
}
