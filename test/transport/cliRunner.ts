// Run one superionic CLI command in-process from src/ (as src/cli/main.ts does: an InputError becomes one
// stderr line "superionic NAME: message" and exit code 2) and capture stdout, stderr and the exit code.
import { vi } from 'vitest';
import { Args } from '../../src/cli/args';
import { InputError } from '../../src/core/errors';

export async function runCli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const [name, ...rest] = argv;
  const cmd = (await import(`../../src/cli/commands/${name}.ts`)) as { run: (a: Args) => Promise<void> };
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
    await cmd.run(new Args(rest));
    return { code: 0, stdout, stderr };
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    stderr += `superionic ${name}: ${err.message}\n`;
    return { code: 2, stdout, stderr };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
