/**
 * Exercise check for the teaching notebooks (notebooks/course/, issue 20).
 *
 *   correct  ⇔  |answer − expected| ≤ max(tolerance_abs, tolerance_rel·|expected|)
 *
 * `check(name, answer, {expected, ...})` says right or wrong, and when wrong gives the hint of the first
 * typical mistake whose `when(answer)` matches (e.g. forgot the 6 in D = slope/6, or left D in Å²/fs).
 * It never shows the expected value, nor the student's number: the output is one line of text and HTML.
 */
import { escapeHTML, type MimeBundle } from '../display/show.js';

/** A typical mistake: when `when(answer)` is true, `hint` is shown. */
export interface CheckHint {
  when: (answer: number) => boolean;
  /** Shown to the student; must not contain the answer. */
  hint: string;
}

export interface CheckOptions {
  /** The right answer (never shown). */
  expected: number;
  /** Relative tolerance (default 0.02 = 2 %, unless `tolerance_abs` is given). */
  tolerance_rel?: number;
  /** Absolute tolerance in the answer's unit (default 0). */
  tolerance_abs?: number;
  /** Typical mistakes, tried in order when the answer is wrong. */
  hints?: CheckHint[];
  /** Hint when no typical mistake matches (default: recheck the formula and the units). */
  fallback?: string;
  /** Unit the answer is asked in, named in the messages (e.g. 'cm²/s'). */
  unit?: string;
}

/** The verdict of {@link check}: displays itself in a notebook as one line. */
export interface CheckResult {
  name: string;
  /** 'correct', 'wrong', or 'missing' (no numeric answer given yet). */
  status: 'correct' | 'wrong' | 'missing';
  correct: boolean;
  /** The hint shown when wrong or missing, else null. */
  hint: string | null;
  /** The line shown: `name: ✓ correct` or `name: ✗ not yet — hint`. */
  text: string;
  toString(): string;
  toMimeBundle(): MimeBundle;
}

/**
 * Check a numeric answer against the expected value without revealing it.
 * @param name exercise name, shown first (e.g. 'Exercise 1.2')
 * @param answer the student's number (null/undefined: not answered yet)
 */
export function check(name: string, answer: number | null | undefined, opts: CheckOptions): CheckResult {
  const { expected } = opts;
  if (!Number.isFinite(expected)) throw new RangeError(`check(${name}): expected must be a finite number`);
  const unit = opts.unit ? ` in ${opts.unit}` : '';
  let status: CheckResult['status'];
  let hint: string | null = null;
  if (answer === null || answer === undefined) {
    status = 'missing';
    hint = `no answer yet: put your number${unit} in place of null`;
  } else if (typeof answer !== 'number' || !Number.isFinite(answer)) {
    status = 'wrong';
    hint = `the answer must be a finite number${unit} (got ${typeof answer === 'number' ? String(answer) : typeof answer})`;
  } else {
    const tolAbs = opts.tolerance_abs ?? 0;
    const tolRel = opts.tolerance_rel ?? (opts.tolerance_abs === undefined ? 0.02 : 0);
    const tol = Math.max(tolAbs, tolRel * Math.abs(expected));
    if (Math.abs(answer - expected) <= tol) status = 'correct';
    else {
      status = 'wrong';
      const matched = (opts.hints ?? []).find((h) => {
        try {
          return h.when(answer);
        } catch {
          return false;
        }
      });
      hint = matched?.hint ?? opts.fallback ?? `recheck the formula and the units${unit}`;
    }
  }
  const text = status === 'correct' ? `${name}: ✓ correct` : `${name}: ✗ ${status === 'missing' ? '' : 'not yet — '}${hint}`;
  const colour = status === 'correct' ? '#1a7f37' : status === 'missing' ? '#6e7781' : '#cf222e';
  const html =
    `<div class="superionic-check" style="color:${colour}"><b>${escapeHTML(name)}</b>: ` +
    (status === 'correct' ? '✓ correct' : `✗ ${status === 'missing' ? '' : 'not yet — '}${escapeHTML(hint!)}`) +
    '</div>';
  return {
    name,
    status,
    correct: status === 'correct',
    hint,
    text,
    toString: () => text,
    toMimeBundle: () => ({ data: { 'text/html': html, 'text/plain': text }, metadata: {} }),
  };
}
