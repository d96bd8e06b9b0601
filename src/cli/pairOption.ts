/** The `--pair A-B` option of rdf and analyse's `--rdf A-B[,C-D]`: two centres (species or anion formulas). */
import { InputError } from '../core/errors.js';

/** "Li-S" → ["Li", "S"] (either side may be an anion formula: "Li-PS4"). */
export function parsePair(pair: string): [string, string] {
  const parts = pair.split('-').map((s) => s.trim());
  if (parts.length !== 2 || !parts[0] || !parts[1]) throw new InputError(`--pair expects A-B such as Li-S or Li-PS4, got "${pair}"`);
  return [parts[0], parts[1]];
}
