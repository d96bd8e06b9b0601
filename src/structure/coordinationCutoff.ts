/**
 * The first-shell cutoff of a coordination number: the first minimum of the centre–neighbour radial distribution
 * g(r) after its first peak (Kweon 2017: 5.5 Å for Li–B12H12, 6.0 Å for Na–B12H12; Wood 2021 counts cations within
 * it), located by src/structure/firstShell.ts on the smoothed g(r). An RDF whose g(r) does not fall and rise again
 * within r_max gives no cutoff: null with the reason (the caller asks for an explicit cutoff or a larger r_max),
 * never a guess.
 */
import type { FirstShell } from './firstShell.js';

/** The first-shell cutoff chosen from an RDF (what `superionic coordination` uses without --cutoff). */
export interface CoordinationCutoff {
  /** The cutoff, Å: the first minimum of g(r); null when g(r) has none within r_max. */
  cutoff_A: number | null;
  /** How it was chosen, in words ("first minimum of g(PS4-Li)"). */
  source: string;
  /** The first peak of the same g(r), Å (null when g never exceeds 1). */
  rdf_first_peak_A: number | null;
  /** Why there is no cutoff, when cutoff_A is null. */
  reason?: string;
}

/** The first-shell cutoff from an RDF result (`RdfResult` of src/structure/rdf.ts: its pair and first shell). */
export function firstShellCutoff(rdf: FirstShell & { pair: string }): CoordinationCutoff {
  const source = `first minimum of g(${rdf.pair})`;
  if (rdf.first_min_A === null) return { cutoff_A: null, source, rdf_first_peak_A: rdf.first_peak_A, reason: rdf.reason ?? 'no first minimum' };
  return { cutoff_A: rdf.first_min_A, source, rdf_first_peak_A: rdf.first_peak_A };
}
