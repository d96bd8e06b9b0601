/**
 * A frame interval given by the user (`timestep_fs`, the CLI's --dt) overrides the file's own frame
 * times; when the two disagree, the override is almost always a mistake (a wrong --dt, or the MD
 * time step given instead of the interval between stored frames), so the readers say so once.
 */

/** Where readers send warnings: `opts.onWarning` if given, else one line on stderr (console.warn outside Node). */
export function emitReadWarning(message: string, onWarning?: (message: string) => void): void {
  if (onWarning) onWarning(message);
  else {
    const stderr = (globalThis as { process?: { stderr?: { write(s: string): unknown } } }).process?.stderr;
    if (stderr) stderr.write(`warning: ${message}\n`);
    else console.warn(`warning: ${message}`);
  }
}

/**
 * The warning text when the given interval between stored frames (`given_fs`) differs from the
 * interval of the file's own frame times t0 → t1 (`framesApart` stored frames apart) by more than
 * 1e-6 relative; null when they agree or the file times are unusable.
 */
export function timestepDisagreement(file: string, given_fs: number, t0_fs: number, t1_fs: number, framesApart = 1): string | null {
  const fileDt = (t1_fs - t0_fs) / framesApart;
  if (!Number.isFinite(fileDt) || !Number.isFinite(given_fs)) return null;
  if (Math.abs(fileDt - given_fs) <= 1e-6 * Math.abs(given_fs)) return null;
  return (
    `${file}: the given frame interval (--dt) ${given_fs} fs disagrees with the file's own frame times ` +
    `(Time= ${t0_fs} → ${t1_fs} fs${framesApart === 1 ? '' : ` over ${framesApart} frames`}: ${fileDt} fs per frame); using the given ${given_fs} fs`
  );
}
