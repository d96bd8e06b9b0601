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
  if (c === 45) {
    neg = true;
    p++;
  } else if (c === 43) p++;
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
  if (digits === 0) {
    numEnd = tokenEndAt(b, p, e);
    return NaN;
  }
  if (p < e) {
    c = b[p];
    if (c === 101 || c === 69 || c === 100 || c === 68) {
      // e E d D
      p++;
      let eneg = false;
      if (p < e && b[p] === 45) {
        eneg = true;
        p++;
      } else if (p < e && b[p] === 43) p++;
      let ev = 0,
        ed = 0;
      while (p < e) {
        c = b[p] - 48;
        if (c < 0 || c > 9) break;
        if (ev < 100000) ev = ev * 10 + c;
        ed++;
        p++;
      }
      if (ed === 0) {
        numEnd = tokenEndAt(b, p, e);
        return NaN;
      }
      dexp += eneg ? -ev : ev;
    }
  }
  if (p < e) {
    c = b[p];
    if (c !== 32 && c !== 9 && c !== 13) {
      numEnd = tokenEndAt(b, p, e);
      return NaN;
    }
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

const TWO53 = 9007199254740992;

/**
 * The fused parsers' number scanner: the decimal number whose token starts at p is stored in
 * out[o]; returns the offset just after it, or ~q (negative) if the bytes at q are not a plain
 * finite decimal number followed by a blank or newline (the caller then parses the frame the
 * careful way, which names the error). The data must end in a byte that is neither a digit,
 * sign, '.', 'e'/'E' nor a blank (a sentinel), so no bounds check per byte is needed.
 *
 * The value equals `Number(token)` bit for bit: a mantissa m < 2^53 (all its digits, however
 * many) with a decimal exponent |d| ≤ 22 is exact, and so is 10^|d|, so m·10^d or m/10^−d is one
 * correctly rounded IEEE operation (Clinger's fast path); anything else goes to `Number()`.
 * Fortran 'd' exponents and nan/inf are left to the careful path.
 */
export function scanDecimal(b: Uint8Array, p: number, out: Float64Array, o: number): number {
  // Common case kept small enough to be inlined: [sign] digits [. digits], then a separator.
  const s = p;
  let d = b[p] - 48;
  const neg = d === -3; // '-'
  if (neg || d === -5) d = b[++p] - 48; // '+'
  let m = 0;
  const i0 = p;
  while (d >>> 0 < 10) {
    m = m * 10 + d;
    d = b[++p] - 48;
  }
  let k = p - i0,
    dexp = 0;
  if (d === -2) {
    // '.'
    const f0 = ++p;
    d = b[p] - 48;
    while (d >>> 0 < 10) {
      m = m * 10 + d;
      d = b[++p] - 48;
    }
    k += p - f0;
    dexp = p - f0;
  }
  // blank (32), newline (10), tab (9), CR (13) after the number; ≤ 22 fraction digits; m exact
  if (k === 0 || !(d === -16 || d === -38 || d === -39 || d === -35) || dexp > 22 || m >= TWO53) return scanDecimalGeneral(b, s, out, o);
  const v = m / POW10[dexp];
  out[o] = neg ? -v : v;
  return p;
}

/** scanDecimal's general case: exponents, long mantissas (Number()), and the rejections. */
function scanDecimalGeneral(b: Uint8Array, p: number, out: Float64Array, o: number): number {
  const s = p;
  let c = b[p];
  const neg = c === 45;
  if (neg || c === 43) c = b[++p];
  let m = 0;
  const i0 = p;
  while (c >= 48 && c <= 57) {
    m = m * 10 + (c - 48);
    c = b[++p];
  }
  let digits = p - i0,
    dexp = 0;
  if (c === 46) {
    const f0 = ++p;
    c = b[p];
    while (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      c = b[++p];
    }
    digits += p - f0;
    dexp = f0 - p;
  }
  if (digits === 0) return ~p;
  if (c === 101 || c === 69) {
    c = b[++p];
    const eneg = c === 45;
    if (eneg || c === 43) c = b[++p];
    const e0 = p;
    let ev = 0;
    while (c >= 48 && c <= 57) {
      if (ev < 100000) ev = ev * 10 + (c - 48);
      c = b[++p];
    }
    if (p === e0) return ~p;
    dexp += eneg ? -ev : ev;
  }
  if (c !== 32 && c !== 10 && c !== 9 && c !== 13) return ~p;
  let v: number;
  if (m < TWO53 && dexp >= -22 && dexp <= 22) {
    v = dexp >= 0 ? m * POW10[dexp] : m / POW10[-dexp];
    if (neg) v = -v;
  } else {
    v = slowParse(b, s, p);
    if (v !== v) return ~s;
  }
  out[o] = v;
  return p;
}
