/**
 * Errors that name where bad input was found.
 *
 * Every reader and analysis throws {@link InputError} for bad input: the message
 * names the file (if any), the frame and/or line (1-based), and what was expected.
 * Never return NaN or a plausible wrong number instead.
 */
export interface InputErrorLocation {
  /** Path of the offending file, if the input came from a file. */
  file?: string;
  /** 0-based frame index in the trajectory (printed as "frame k"). */
  frame?: number;
  /** 1-based line number in the file. */
  line?: number;
}

export class InputError extends Error {
  readonly file?: string;
  readonly frame?: number;
  readonly line?: number;
  /** The bare description without the location prefix. */
  readonly detail: string;
  constructor(detail: string, where: InputErrorLocation = {}) {
    const parts: string[] = [];
    if (where.file !== undefined) parts.push(where.file);
    if (where.frame !== undefined) parts.push(`frame ${where.frame}`);
    if (where.line !== undefined) parts.push(`line ${where.line}`);
    super(parts.length ? `${parts.join(', ')}: ${detail}` : detail);
    this.name = 'InputError';
    this.detail = detail;
    this.file = where.file;
    this.frame = where.frame;
    this.line = where.line;
  }
}

/** Throw an InputError unless `x` is a finite number. Returns x. */
export function requireFinite(x: number, what: string, where: InputErrorLocation = {}): number {
  if (!Number.isFinite(x)) throw new InputError(`expected a finite number for ${what}, got ${x}`, where);
  return x;
}
