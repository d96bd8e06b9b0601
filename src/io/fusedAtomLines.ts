/**
 * Fused parsing of a frame's block of atom lines (extxyz and its dialects): one pass over the bytes
 * finds the lines, checks each atom's species and stores every number where it belongs, with no
 * per-line offsets, strings or calls per token beyond the number scanner (scanDecimal,
 * parseNumber.ts: equal to `Number(token)` bit for bit). It only ever accepts lines the careful
 * line-by-line pass would accept with the same values; anything else stops it and the reader
 * re-reads the frame the careful way, which names the error (file, frame, line).
 *
 * The data must end in a sentinel byte 0 at `end` (ByteLineReader keeps a spare byte for it).
 */
import { scanDecimal } from './parseNumber.js';

/** Token actions: skip a string token, check the atom's species, parse a number. */
export const A_SKIP = 0,
  A_SPECIES = 1,
  A_NUMBER = 2;

/**
 * Parse `n` atom lines starting at byte q. Per token t: `act[t]`; numbers go to
 * arr[t][stride[t]·slot + comp[t]] (arr[t] null: parsed and dropped). `map[i]` is atom i's output
 * slot (−1: line skipped unread, as the careful pass does; null: slot = i). Species tokens must
 * equal `speciesBytes[species[i]]` (ASCII case-insensitively). Tokens after the last column are
 * ignored, as the careful pass ignores them. Returns the offset after the last line's newline, or
 * ~p (negative) where it stopped: p ≥ end means the data ran out (ask for more bytes), p < end
 * that something is unusual.
 */
export function fusedAtomLines(
  b: Uint8Array,
  q: number,
  end: number,
  n: number,
  act: Uint8Array,
  arr: (Float64Array | null)[],
  stride: Uint8Array,
  comp: Uint8Array,
  map: Int32Array | null,
  species: ArrayLike<number>,
  speciesBytes: Uint8Array[],
): number {
  const nTok = act.length;
  if (
    nTok === 4 &&
    act[0] === A_SPECIES &&
    act[1] === A_NUMBER &&
    act[2] === A_NUMBER &&
    act[3] === A_NUMBER &&
    arr[1] !== null &&
    arr[2] === arr[1] &&
    arr[3] === arr[1] &&
    stride[1] === 3 &&
    comp[1] === 0 &&
    comp[2] === 1 &&
    comp[3] === 2
  ) {
    return speciesPositionLines(b, q, end, n, arr[1], map, species, speciesBytes);
  }
  const drop = new Float64Array(1);
  for (let i = 0; i < n; i++) {
    const slot = map === null ? i : map[i];
    if (slot < 0) {
      const nl = b.indexOf(10, q);
      if (nl < 0 || nl >= end) return ~end;
      q = nl + 1;
      continue;
    }
    let c = 0;
    for (let t = 0; t < nTok; t++) {
      c = b[q];
      while (c === 32 || c === 9 || c === 13) c = b[++q];
      const a = act[t];
      if (a === A_NUMBER) {
        const out = arr[t] ?? drop;
        const r = scanDecimal(b, q, out, out === drop ? 0 : stride[t] * slot + comp[t]);
        if (r < 0) return r;
        q = r;
      } else if (a === A_SPECIES) {
        const want = speciesBytes[species[i]];
        const L = want.length;
        for (let k = 0; k < L; k++) if ((b[q + k] | 32) !== (want[k] | 32)) return ~(q + k);
        q += L;
        c = b[q];
        if (c !== 32 && c !== 9 && c !== 13 && c !== 10) return ~q;
      } else {
        if (c === 10 || c === 0) return ~q;
        while (c !== 32 && c !== 9 && c !== 13 && c !== 10 && c !== 0) c = b[++q];
        if (c === 0) return ~q;
      }
    }
    c = b[q];
    while (c === 32 || c === 9 || c === 13) c = b[++q];
    if (c !== 10) {
      // Further tokens on the line: ignored, as the careful pass ignores them.
      const nl = b.indexOf(10, q);
      if (nl < 0 || nl >= end) return ~end;
      q = nl;
    }
    q++;
  }
  return q;
}

/** fusedAtomLines for the commonest layout, species:S:1:pos:R:3 (no per-token dispatch). */
function speciesPositionLines(
  b: Uint8Array,
  q: number,
  end: number,
  n: number,
  pos: Float64Array,
  map: Int32Array | null,
  species: ArrayLike<number>,
  speciesBytes: Uint8Array[],
): number {
  for (let i = 0; i < n; i++) {
    const slot = map === null ? i : map[i];
    if (slot < 0) {
      const nl = b.indexOf(10, q);
      if (nl < 0 || nl >= end) return ~end;
      q = nl + 1;
      continue;
    }
    let c = b[q];
    while (c === 32 || c === 9 || c === 13) c = b[++q];
    const want = speciesBytes[species[i]];
    const L = want.length;
    for (let k = 0; k < L; k++) if ((b[q + k] | 32) !== (want[k] | 32)) return ~(q + k);
    q += L;
    c = b[q];
    if (c !== 32 && c !== 9 && c !== 13) return ~q;
    for (let k = 0; k < 3; k++) {
      while (c === 32 || c === 9 || c === 13) c = b[++q];
      q = scanDecimal(b, q, pos, 3 * slot + k);
      if (q < 0) return q;
      c = b[q];
    }
    while (c === 32 || c === 9 || c === 13) c = b[++q];
    if (c !== 10) {
      const nl = b.indexOf(10, q);
      if (nl < 0 || nl >= end) return ~end;
      q = nl;
    }
    q++;
  }
  return q;
}
