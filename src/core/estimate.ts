/**
 * A derived quantity with its uncertainty and the named parts that make it up (issue 14): e.g. D* with
 * its OLS, block and random-walk standard errors, the uncertainty used being the largest of them
 * (METHODS §1: each part misses something the others see, so none is trusted alone).
 */

export interface Estimate {
  /** The value, in `unit`. */
  value: number;
  /** The uncertainty used (the largest finite part; 0 when no part could be computed), in `unit`. */
  stderr: number;
  /** Unit of value, stderr and parts (e.g. "cm2/s"). */
  unit: string;
  /** The error estimates that make up `stderr`, by name (null where one could not be computed). */
  parts: Record<string, number | null>;
}

/** An Estimate whose uncertainty is the largest of its finite, positive parts. */
export function largestPartEstimate(value: number, unit: string, parts: Record<string, number | null>): Estimate {
  let stderr = 0;
  for (const s of Object.values(parts)) if (typeof s === 'number' && Number.isFinite(s) && s > stderr) stderr = s;
  return { value, stderr, unit, parts: { ...parts } };
}
