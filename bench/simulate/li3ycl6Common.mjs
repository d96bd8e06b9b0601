// Pieces shared by the two Li3YCl6 + CHGNet scripts: wang-2023-li3ycl6.mjs (the notebook's runs, Li3YCl6 and
// Li3YBr1.5Cl4.5) and li3ycl6-chgnet.mjs (the earlier runs whose trajectories, NEB and README table the notebook and
// bench/simulate/ml-results.json still cite): reading a relaxed cell, the anion shell of a Li, and the Oct → Oct hop of
// the ordered 1×1×2 cell (Wang 2023 Fig. 3c–e).
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const io = require('../../dist/io/index.js');

/** Element symbol of every atom. */
export const symbolsOf = (sys) => Array.from(sys.topology.species, (k) => sys.topology.symbols[k]);

/** The first frame of a structure file as an MDSystem-like {topology, cell, positions}. */
export async function readCell(file) {
  const t = await io.readTrajectory(file);
  return { topology: t.topology, cell: t.cell(0), positions: t.framePositions(0).slice() };
}

/**
 * Indices (sorted) of the anions within their cutoff of atom i (minimum image), positions x (default sys.positions);
 * cutoffs_A maps an anion symbol to its cutoff (Å), e.g. { Cl: 3.0, Br: 3.2 }.
 */
export function anionShell(sys, i, cutoffs_A, x = sys.positions, sym = symbolsOf(sys)) {
  const d = new Float64Array(3),
    shell = [];
  for (let j = 0; j < sym.length; j++) {
    const rc = cutoffs_A[sym[j]];
    if (!rc) continue;
    sys.cell.minimumImage(x[3 * j] - x[3 * i], x[3 * j + 1] - x[3 * i + 1], x[3 * j + 2] - x[3 * i + 2], d, 0);
    if (Math.hypot(d[0], d[1], d[2]) < rc) shell.push(j);
  }
  return shell.sort((a, b) => a - b);
}

/**
 * The in-plane Oct → Oct hop of the ordered 1×1×2 P-3m1 cell: the Li on 6h (1/3, 0, ½) of the lower cell (supercell
 * (1/3, 0, ¼)) and its target, the empty octahedral site (2/3, 0, ¼). Returns the mover and the final positions.
 */
export function octahedralHop(sys) {
  const inv = sys.cell.inverse,
    m = sys.cell.matrix,
    sym = symbolsOf(sys);
  const frac = (x) => [0, 1, 2].map((k) => x[0] * inv[k] + x[1] * inv[3 + k] + x[2] * inv[6 + k]);
  const cart = (f) => [0, 1, 2].map((k) => f[0] * m[k] + f[1] * m[3 + k] + f[2] * m[6 + k]);
  const want = [1 / 3, 0, 0.25];
  let mover = -1,
    best = Infinity;
  for (let i = 0; i < sym.length; i++) {
    if (sym[i] !== 'Li') continue;
    const f = frac(sys.positions.subarray(3 * i, 3 * i + 3));
    const r = Math.hypot(...cart(f.map((v, k) => v - want[k] - Math.round(v - want[k]))));
    if (r < best) {
      best = r;
      mover = i;
    }
  }
  if (best > 0.5) throw new Error(`no Li near (1/3, 0, 1/4): nearest ${best} Å`);
  const target = cart([2 / 3, 0, 0.25]);
  const final = sys.positions.slice();
  for (let k = 0; k < 3; k++) final[3 * mover + k] = target[k];
  return { mover, final };
}
