/**
 * Test helper: checks a --json output against a command's declared output schema (the subset of JSON schema that
 * jsonFields writes, plus anyOf), returning the problems found (empty when the value conforms).
 */
import type { JsonSchema } from '../../src/cli/command';

/** Check `value` against the subset of JSON schema jsonFields writes; returns the problems. */
export function validate(schema: JsonSchema, value: unknown, at = '$'): string[] {
  const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  const types = schema.type === undefined ? null : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types && !types.includes(typeOf(value))) return [`${at}: ${typeOf(value)}, expected ${types.join('|')}`];
  const out: string[] = [];
  if (Array.isArray(schema.anyOf)) {
    const each = (schema.anyOf as JsonSchema[]).map((s) => validate(s, value, at));
    if (!each.some((problems) => problems.length === 0)) out.push(`${at}: matches none of anyOf (${each.map((p) => p.join(', ')).join(' | ')})`);
  }
  if (schema.items && Array.isArray(value))
    value.forEach((v, i) => {
      if (i < 3) out.push(...validate(schema.items!, v, `${at}[${i}]`));
    });
  if (schema.properties && value && typeof value === 'object') {
    for (const k of schema.required ?? []) if (!(k in value)) out.push(`${at}.${k}: missing`);
    for (const [k, s] of Object.entries(schema.properties))
      if (k in value) out.push(...validate(s, (value as Record<string, unknown>)[k], `${at}.${k}`));
  }
  return out;
}
