/**
 * Seeded random substitution of one species by another on its own sites (mixed-anion design, Wang 2023
 * Fig. 4: Li3YBr1.5Cl4.5 with 25 % of Cl replaced by Br at random). Exactly round(fraction × N_from) atoms of
 * `from` become `to` (a uniform random subset, Fisher–Yates with the seed); positions are unchanged, so the
 * lattice relaxes in MD. The force field must define the new species (charges and pair terms).
 */
import { InputError } from '../core/errors.js';
import { Random } from '../core/random.js';
import { topologyFromSymbols } from '../core/topology.js';
import type { MDSystem } from './mdSystem.js';

export interface SubstitutionOptions {
  from: string;
  to: string;
  fraction: number;
  seed?: number;
}

/** A copy of `system` with a seeded random fraction of `from` atoms relabelled `to`. */
export function substituteSpecies(system: MDSystem, opts: SubstitutionOptions): MDSystem {
  const { from, to, fraction } = opts;
  if (!(fraction >= 0 && fraction <= 1)) throw new InputError(`substitution fraction must lie in [0, 1], got ${fraction}`);
  if (!to || to === from) throw new InputError(`substitution needs a different target species; got "${from}" → "${to}"`);
  const symbols = Array.from(system.topology.species, (s) => system.topology.symbols[s]);
  const sites = symbols.flatMap((s, i) => (s === from ? [i] : []));
  if (sites.length === 0) throw new InputError(`no "${from}" atoms to substitute (species present: ${system.topology.symbols.join(', ')})`);
  const nSub = Math.round(fraction * sites.length);
  const rng = new Random(opts.seed ?? 1);
  for (let m = sites.length - 1; m > 0; m--) {
    const r = rng.int(m + 1);
    [sites[m], sites[r]] = [sites[r], sites[m]];
  }
  for (const i of sites.slice(0, nSub)) symbols[i] = to;
  return { ...system, topology: topologyFromSymbols(symbols), positions: system.positions.slice(), velocities: system.velocities?.slice() };
}
