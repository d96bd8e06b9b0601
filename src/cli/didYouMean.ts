/**
 * "did you mean --center?" for misspelt CLI options: the closest known name by edit distance
 * (insertions, deletions, substitutions and swaps of two adjacent letters each cost 1).
 */

/** Optimal-string-alignment edit distance between a and b. */
export function editDistance(a: string, b: string): number {
  const m = a.length,
    n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[m][n];
}

/** The known name closest to `name` if within `maxDistance` edits (ties: first in `known`), else undefined. */
export function closestName(name: string, known: Iterable<string>, maxDistance = 2): string | undefined {
  let best: string | undefined,
    bestD = maxDistance + 1;
  for (const k of known) {
    if (k === name) continue;
    const dist = editDistance(name.toLowerCase(), k.toLowerCase());
    if (dist < bestD) {
      best = k;
      bestD = dist;
    }
  }
  return best;
}
