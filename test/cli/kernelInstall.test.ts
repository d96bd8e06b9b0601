/**
 * `superionic kernel install [--user | --sys-prefix | --prefix P]`: the kernelspec (kernel.json with
 * absolute node and kernel/launch.js paths, the three logos) lands where Jupyter looks for it, and
 * bad invocations are one-line errors (exit 2).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from './runMain';

const root = path.resolve(__dirname, '../..');
const oneLine = (s: string) => s.trim();

describe('superionic kernel install', () => {
  it('--prefix P writes kernel.json and the logos to P/share/jupyter/kernels/superionic', async () => {
    const prefix = mkdtempSync(path.join(tmpdir(), 'si-kernel-prefix-'));
    const r = await runMain(['kernel', 'install', '--prefix', prefix, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const dir = path.join(prefix, 'share', 'jupyter', 'kernels', 'superionic');
    expect(JSON.parse(r.stdout).kernel_dir).toBe(dir);
    const spec = JSON.parse(readFileSync(path.join(dir, 'kernel.json'), 'utf8'));
    expect(spec).toEqual({
      argv: [process.execPath, path.join(root, 'kernel', 'launch.js'), '{connection_file}'],
      display_name: 'Superionic (TypeScript)',
      language: 'typescript',
      interrupt_mode: 'signal',
      metadata: { debugger: false },
    });
    for (const logo of ['logo-32x32.png', 'logo-64x64.png', 'logo-svg.svg']) {
      expect(readFileSync(path.join(dir, logo)).equals(readFileSync(path.join(root, 'kernel', logo))), logo).toBe(true);
    }
    // PNG headers with the sizes Jupyter expects (width, height at bytes 16..23).
    for (const n of [32, 64]) {
      const png = readFileSync(path.join(dir, `logo-${n}x${n}.png`));
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([n, n]);
    }
  });

  it('--user writes to JUPYTER_DATA_DIR (else the platform data folder)', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'si-kernel-user-'));
    const saved = process.env.JUPYTER_DATA_DIR;
    process.env.JUPYTER_DATA_DIR = data;
    try {
      const r = await runMain(['kernel', 'install', '--user']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`Installed kernelspec superionic ("Superionic (TypeScript)") in ${path.join(data, 'kernels', 'superionic')}`);
      expect(existsSync(path.join(data, 'kernels', 'superionic', 'kernel.json'))).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.JUPYTER_DATA_DIR;
      else process.env.JUPYTER_DATA_DIR = saved;
    }
  });

  it('--sys-prefix asks the jupyter on PATH (here: the project .venv)', () => {
    const venvBin = path.join(root, '.venv', 'bin');
    if (!existsSync(path.join(venvBin, 'jupyter'))) return; // covered by npm test after setup
    // The same kernelspec scripts/setup.mjs puts there (identical content).
    const r = spawnSync(process.execPath, [path.join(root, 'bin', 'superionic.js'), 'kernel', 'install', '--sys-prefix', '--json'], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${venvBin}${path.delimiter}${process.env.PATH}` },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).kernel_dir).toBe(path.join(root, '.venv', 'share', 'jupyter', 'kernels', 'superionic'));
  });

  it('bad invocations are one-line errors', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'si-kernel-bad-')), 'a-file');
    writeFileSync(file, '');
    const cases: [string[], string][] = [
      [['kernel'], 'superionic kernel: no subcommand given; expected superionic kernel install [--user | --sys-prefix | --prefix P]'],
      [
        ['kernel', 'remove'],
        'superionic kernel: unknown subcommand "remove"; expected superionic kernel install [--user | --sys-prefix | --prefix P]',
      ],
      [['kernel', 'install', '--user', '--prefix', '/tmp/x'], 'superionic kernel: give one of --user, --sys-prefix, --prefix P'],
      [['kernel', 'install', '--prefix'], 'superionic kernel: --prefix expects a folder (--prefix PATH), got no value'],
      [['kernel', 'install', '--name', 'a/b', '--prefix', '/tmp/x'], 'superionic kernel: --name "a/b": expected letters, digits, ".", "_" or "-"'],
      [['kernel', 'install', 'extra'], 'superionic kernel: kernel takes one subcommand; got 2: install, extra; run it once per subcommand'],
      [
        ['kernel', 'install', '--prefix', file],
        `superionic kernel: cannot write the kernelspec to ${file}/share/jupyter/kernels/superionic: ENOTDIR`,
      ],
    ];
    for (const [argv, msg] of cases) {
      const r = await runMain(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(oneLine(r.stderr)).toBe(msg);
    }
  });
});
