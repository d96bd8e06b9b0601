// Run the real CLI entry point (src/cli/main.ts: option/positional checks, InputError → one stderr line
// and exit code 2) in-process on the sources, capturing stdout, stderr and the exit code. An internal
// error (anything but an InputError) is returned as code 1 with its stack in `stderr`, as bin/superionic.js does.
import { vi } from 'vitest';
import { main, type Command } from '../../src/cli/main';

const loadSource = async (name: string): Promise<Command | undefined> => {
  try {
    return (await import(`../../src/cli/commands/${name}.ts`)) as Command;
  } catch {
    return undefined;
  }
};

export async function runMain(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '',
    stderr = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    stdout += String(s);
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    stderr += String(s);
    return true;
  });
  try {
    const code = await main(argv, loadSource);
    return { code, stdout, stderr };
  } catch (err) {
    stderr += `superionic: internal error: ${(err as Error).stack ?? String(err)}\n`;
    return { code: 1, stdout, stderr };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/** The single stderr line of a failed run (asserts there is exactly one). */
export function oneLine(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l.length > 0);
  if (lines.length !== 1) throw new Error(`expected one stderr line, got ${lines.length}:\n${stderr}`);
  return lines[0];
}
