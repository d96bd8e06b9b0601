/**
 * `npm start` (scripts/start.mjs): the server's token is not on any process's command line (`ps`
 * shows arguments to every local user; it goes through JUPYTER_TOKEN), the printed URL's token
 * works and no token is refused, and starting leaves every tracked file as it was.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../browser/jupyterLab';
import { requireEnvironment, root } from './helpers';

beforeAll(requireEnvironment);

const tracked = () => spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' }).stdout;

/** Command lines of every process we can read. */
function commandLines(): string[] {
  const out: string[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try { out.push(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')); } catch { /* gone */ }
  }
  return out;
}

describe('npm start', () => {
  it('token only in the environment; URL works; tracked files unchanged', async () => {
    const before = tracked();
    const port = await freePort();
    const token = `t${Math.random().toString(16).slice(2)}${Date.now()}`;
    const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs'), '--port', String(port)], {
      cwd: root, env: { ...process.env, SUPERIONIC_TOKEN: token }, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    try {
      const t0 = Date.now();
      while (!/Superionic JupyterLab is running/.test(out)) {
        if (child.exitCode !== null) throw new Error(`npm start exited ${child.exitCode}:\n${out.slice(-2000)}`);
        if (Date.now() - t0 > 240_000) throw new Error(`npm start did not come up:\n${out.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 300));
      }
      expect(out).toContain(`http://127.0.0.1:${port}/lab?token=${token}`);
      const lines = commandLines();
      expect(lines.some((l) => /jupyter.*lab/.test(l) && l.includes(`--port=${port}`))).toBe(true);
      expect(lines.filter((l) => l.includes(token))).toEqual([]);
      expect((await fetch(`http://127.0.0.1:${port}/api/status?token=${token}`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/api/status`)).status).toBe(403);
    } finally {
      try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* gone */ }
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    }
    expect(tracked()).toBe(before);
  }, 300_000);
});
