/**
 * Host-lattice variant of the AgI model for design comparisons (Wang 2023 Fig. 4 compares Li3YCl6 with
 * two cation arrangements in the same anion framework; here the framework itself changes): I on an fcc
 * lattice instead of bcc, at the same volume per formula unit as α-AgI by default
 * (a_fcc = 2^(1/3) a_bcc = 6.388 Å for a_bcc = 5.07 Å; the γ/α-CuI-like framework). The fcc iodide offers
 * 8 tetrahedral and 4 octahedral interstices per cubic cell (4 I); the 4 Ag of each cell start on 4 of the
 * 8 tetrahedral sites drawn at random with a seed (tetrahedral sites of an fcc cell are ≥ a/2 = 3.2 Å apart).
 * Same rigid-ion parameters (agiForceField); a model variant, not a known AgI phase at this volume.
 */
import { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import { Random } from '../core/random.js';
import { topologyFromSymbols } from '../core/topology.js';
import type { MDSystem } from './mdSystem.js';

/** Fractional coordinates of the 8 tetrahedral interstices of the fcc cubic cell. */
export function fccTetrahedralSites(): number[][] {
  const out: number[][] = [];
  for (const x of [0.25, 0.75]) for (const y of [0.25, 0.75]) for (const z of [0.25, 0.75]) out.push([x, y, z]);
  return out;
}

/** Fractional coordinates of the 4 octahedral interstices of the fcc cubic cell. */
export function fccOctahedralSites(): number[][] {
  return [
    [0.5, 0.5, 0.5],
    [0.5, 0, 0],
    [0, 0.5, 0],
    [0, 0, 0.5],
  ];
}

export interface FccAgIOptions {
  /** Supercell repeats n×n×n or [a, b, c] (default 2). */
  supercell?: number | [number, number, number];
  /** Cubic lattice constant, Å (default 6.388, the α-AgI volume per AgI). */
  a_A?: number;
  /** Seed of the Ag site choice (default 1). */
  seed?: number;
  /** Zinc-blende order: Ag on the tetrahedral sites (¼,¼,¼), (¾,¾,¼), (¾,¼,¾), (¼,¾,¾) of every cell (default false: random). */
  ordered?: boolean;
}

/** fcc-iodide AgI: 4 I per cubic cell on fcc sites, 4 Ag on randomly chosen tetrahedral sites. */
export function buildFccAgI(opts: FccAgIOptions = {}): MDSystem {
  const sc =
    typeof opts.supercell === 'number' || opts.supercell === undefined
      ? [opts.supercell ?? 2, opts.supercell ?? 2, opts.supercell ?? 2]
      : opts.supercell;
  if (sc.some((k) => !Number.isInteger(k) || k < 1)) throw new InputError(`supercell must be positive integers, got ${sc.join('×')}`);
  const a = opts.a_A ?? 5.07 * Math.cbrt(2);
  if (!(a > 4)) throw new InputError(`fcc AgI lattice constant must be > 4 Å, got ${a}`);
  const rng = new Random(opts.seed ?? 1);
  const symbols: string[] = [],
    pos: number[] = [];
  const fcc = [
    [0, 0, 0],
    [0.5, 0.5, 0],
    [0.5, 0, 0.5],
    [0, 0.5, 0.5],
  ];
  for (let i = 0; i < sc[0]; i++)
    for (let j = 0; j < sc[1]; j++)
      for (let k = 0; k < sc[2]; k++) {
        for (const f of fcc) {
          symbols.push('I');
          pos.push((i + f[0]) * a, (j + f[1]) * a, (k + f[2]) * a);
        }
      }
  const tet = fccTetrahedralSites();
  for (let i = 0; i < sc[0]; i++)
    for (let j = 0; j < sc[1]; j++)
      for (let k = 0; k < sc[2]; k++) {
        const idx = Array.from({ length: 8 }, (_, m) => m);
        for (let m = 7; m > 0; m--) {
          const r = rng.int(m + 1);
          [idx[m], idx[r]] = [idx[r], idx[m]];
        }
        for (const m of opts.ordered ? [0, 3, 5, 6] : idx.slice(0, 4)) {
          const s = tet[m];
          symbols.push('Ag');
          pos.push((i + s[0]) * a, (j + s[1]) * a, (k + s[2]) * a);
        }
      }
  return { topology: topologyFromSymbols(symbols), cell: Cell.orthorhombic(sc[0] * a, sc[1] * a, sc[2] * a), positions: Float64Array.from(pos) };
}
