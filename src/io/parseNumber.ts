/**
 * Number parsing straight from bytes (the hot path of every text trajectory reader).
 *
 * Decimal mantissas of up to 15 digits with |exponent| ≤ 22 are converted exactly
 * with one multiplication or division by an exact power of ten (Clinger's fast path: both
 * operands are exact doubles, so the IEEE result is the correctly rounded value); anything else
 * falls back to `Number()` on the token, so every accepted token parses to the same double as
 * `Number(token)`. Accepts Fortran exponents (1.0D+01). Rejects nan/inf and garbage: the caller
 * gets NaN and must raise an InputError naming file and line.
 */

const POW10 = new Float64Array(23);
for (let i = 0, p = 1; i < 23; i++, p *= 10) POW10[i] = p;

/** Byte offset just after the last token parsed by {@link parseNumberAt} / {@link tokenEndAt}. */
export let numEnd = 0;

/** True for space, tab, CR (token separators within a line). */
export function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}

/** First non-blank offset at or after p (returns e if none before e). */
export function skipBlanks(b: Uint8Array, p: number, e: number): number {
  while (p < e) {
    const c = b[p];
    if (c !== 32 && c !== 9 && c !== 13) break;
    p++;
  }
  return p;
}

/** End of the token starting at p (first blank or e); also stored in numEnd. */
export function tokenEndAt(b: Uint8Array, p: number, e: number): number {
  while (p < e) {
    const c = b[p];
    if (c === 32 || c === 9 || c === 13) break;
    p++;
  }
  numEnd = p;
  return p;
}

/**
 * Parse the number whose token starts at p (p must be at a non-blank byte) and ends at the next
 * blank or at e. Sets {@link numEnd} to the token end. Returns NaN if the token is not a finite
 * decimal number.
 */
export function parseNumberAt(b: Uint8Array, p: number, e: number): number {
  const s = p;
  let c = b[p];
  let neg = false;
  if (c === 45) { neg = true; p++; } else if (c === 43) p++;
  // All digits go into the mantissa; with ≤ 15 of them it is exact (< 2^53), else Number() decides.
  let mant = 0;
  let digits = 0;
  let dexp = 0; // decimal exponent adjustment
  while (p < e) {
    c = b[p] - 48;
    if (c < 0 || c > 9) break;
    mant = mant * 10 + c;
    p++;
  }
  digits = p - s - (neg || b[s] === 43 ? 1 : 0);
  if (p < e && b[p] === 46) {
    const f0 = ++p;
    while (p < e) {
      c = b[p] - 48;
      if (c < 0 || c > 9) break;
      mant = mant * 10 + c;
      p++;
    }
    digits += p - f0;
    dexp = f0 - p;
  }
  if (digits === 0) { numEnd = tokenEndAt(b, p, e); return NaN; }
  if (p < e) {
    c = b[p];
    if (c === 101 || c === 69 || c === 100 || c === 68) { // e E d D
      p++;
      let eneg = false;
      if (p < e && b[p] === 45) { eneg = true; p++; } else if (p < e && b[p] === 43) p++;
      let ev = 0, ed = 0;
      while (p < e) {
        c = b[p] - 48;
        if (c < 0 || c > 9) break;
        if (ev < 100000) ev = ev * 10 + c;
        ed++; p++;
      }
      if (ed === 0) { numEnd = tokenEndAt(b, p, e); return NaN; }
      dexp += eneg ? -ev : ev;
    }
  }
  if (p < e) {
    c = b[p];
    if (c !== 32 && c !== 9 && c !== 13) { numEnd = tokenEndAt(b, p, e); return NaN; }
  }
  numEnd = p;
  if (digits <= 15 && dexp >= -22 && dexp <= 22) {
    const v = dexp >= 0 ? mant * POW10[dexp] : mant / POW10[-dexp];
    if (v <= 1.7976931348623157e308) return neg ? -v : v;
  }
  return slowParse(b, s, p);
}

function slowParse(b: Uint8Array, s: number, p: number): number {
  let t = '';
  for (let i = s; i < p; i++) {
    const c = b[i];
    t += c === 100 || c === 68 ? 'e' : String.fromCharCode(c);
  }
  const v = Number(t);
  return Number.isFinite(v) ? v : NaN;
}

/** A string's characters as latin1 bytes (the low byte of each UTF-16 unit, as Node's Buffer.from(s, 'latin1')). */
export function latin1Bytes(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0xff;
  return b;
}

/** Parse a whole string as a finite number (NaN if it is not one). */
export function parseNumberString(s: string): number {
  const t = s.trim();
  if (t === '') return NaN;
  const b = latin1Bytes(t);
  const v = parseNumberAt(b, 0, b.length);
  return numEnd === b.length ? v : NaN;
}

/** The token at [s, e) as a latin1 string (for error messages and species labels). */
export function tokenText(b: Uint8Array, s: number, e: number): string {
  let t = '';
  for (let i = s; i < e && i < s + 40; i++) t += String.fromCharCode(b[i]);
  return e - s > 40 ? t + '…' : t;
}
