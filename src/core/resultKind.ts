/**
 * Every analysis result says what it is: `result.kind` ('diffusion', 'rdf', 'sites', …), so
 * `show(result)` picks its card, plot and table without the user knowing the spec builder.
 *
 * The kind is a read-only, non-enumerable property: it travels with the object but not into its
 * JSON (`JSON.stringify`, the CLI's --json output), spreads (`{...result}`) or tables of its fields,
 * so outputs that existed before the kind did are unchanged. A copy made by spreading loses it;
 * `show` then recognises the result by its fields.
 */

/** The kinds of result the analyses return. */
export type AnalysisKind =
  'diffusion' | 'rdf' | 'sites' | 'jumps' | 'transitions' | 'vdos' | 'rotation' | 'rotation-hopping' | 'vanhove' | 'jump-correlation' | 'doas' | 'md';

/** A result tagged with its kind. */
export interface Kinded<K extends string> {
  readonly kind: K;
}

/** Tag `result` with its kind (non-enumerable, read-only; see the file header) and return it. */
export function withKind<T extends object, K extends AnalysisKind>(result: T, kind: K): T & Kinded<K> {
  Object.defineProperty(result, 'kind', { value: kind, enumerable: false, writable: false, configurable: true });
  return result as T & Kinded<K>;
}
