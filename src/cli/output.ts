/**
 * CLI output: one JSON object on stdout with --json, else a readable text table.
 * Typed arrays become plain arrays. A non-finite number in a result is a bug (analyses report
 * undefined quantities as null with a reason), so it raises instead of printing NaN.
 */
export function toPlainJSON(value: unknown, path = '$'): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`internal error: non-finite number at ${path}`);
    return value;
  }
  if (ArrayBuffer.isView(value)) {
    return Array.from(value as unknown as ArrayLike<number>, (x, i) => toPlainJSON(x, `${path}[${i}]`));
  }
  if (Array.isArray(value)) return value.map((v, i) => toPlainJSON(v, `${path}[${i}]`));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v !== undefined && typeof v !== 'function') out[k] = toPlainJSON(v, `${path}.${k}`);
    }
    return out;
  }
  return value;
}

/** Print a result: JSON when asked, else the text from `toText`. */
export function printResult(result: unknown, json: boolean, toText: () => string): void {
  if (json) process.stdout.write(JSON.stringify(toPlainJSON(result)) + '\n');
  else process.stdout.write(toText() + (toText.length ? '' : ''));
}

/** Format rows as an aligned text table. */
export function textTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? formatNumber(c) : c)))];
  const widths = header.map((_, j) => Math.max(...cells.map((r) => String(r[j] ?? '').length)));
  return (
    cells
      .map((r) =>
        r
          .map((c, j) => String(c ?? '').padEnd(widths[j]))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

/** Number formatting for humans: 4 significant digits, exponent when tiny or huge. */
export function formatNumber(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined) return '—';
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a < 1e-3 || a >= 1e5 ? x.toExponential(digits - 1) : Number(x.toPrecision(digits)).toString();
}

/** Progress line on stderr (never stdout, so --json stays clean). */
export function progress(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r${message}\x1b[K`);
  else process.stderr.write(message + '\n');
}

/** Progress of a streamed pass on stderr every 1000 frames (none with --json when stderr is not a terminal). */
export function frameProgress(json: boolean): ((frames: number) => void) | undefined {
  return json && !process.stderr.isTTY
    ? undefined
    : (n) => {
        if (n % 1000 === 0) progress(`read ${n} frames`);
      };
}
