// Run one superionic CLI command in-process from src/ through the real entry point (src/cli/main.ts: the
// declared option checks, then the command; an InputError becomes one stderr line "superionic NAME: message"
// and exit code 2) and capture stdout, stderr and the exit code. Internal errors are rethrown.
import { vi } from 'vitest';
import { main, type Command } from '../../src/cli/main';

const loadSource = async (name: string): Promise<Command | undefined> => (await import(`../../src/cli/commands/${name}.ts`)) as Command;

export async function runCli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
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
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
