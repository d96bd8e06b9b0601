/**
 * What scripts/setup.mjs leaves behind (npm test runs it before vitest): the kernelspec lives in
 * the project .venv only and starts our launcher; the .venv holds the pinned JupyterLab/nbclient.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { jupyterEnv, python, requireEnvironment, root } from './helpers';

beforeAll(requireEnvironment);

describe('project environment made by scripts/setup.mjs', () => {
  it('kernelspec "superionic" in .venv runs node on kernel/launch.js with the connection file', () => {
    const spec = JSON.parse(readFileSync(path.join(root, '.venv/share/jupyter/kernels/superionic/kernel.json'), 'utf8'));
    expect(spec.display_name).toBe('Superionic (TypeScript)');
    expect(spec.language).toBe('typescript');
    expect(spec.argv).toHaveLength(3);
    expect(path.isAbsolute(spec.argv[0])).toBe(true);
    expect(path.basename(spec.argv[0])).toMatch(/^node/);
    expect(spec.argv[1]).toBe(path.join(root, 'kernel', 'launch.js'));
    expect(spec.argv[2]).toBe('{connection_file}');
  });

  it('the .venv holds the pinned JupyterLab and nbclient, and its stamp matches python/requirements.txt', () => {
    const r = spawnSync(python, ['-c', 'import jupyterlab, nbclient; print(jupyterlab.__version__, nbclient.__version__)'], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('4.6.4 0.11.0');
    const stamp = readFileSync(path.join(root, '.venv/.superionic-requirements.sha256'), 'utf8').trim();
    expect(stamp).toBe(createHash('sha256').update(readFileSync(path.join(root, 'python/requirements.txt'))).digest('hex'));
  });

  it('jupyter (with the tests\' JUPYTER_PATH) finds the superionic kernel of this checkout', () => {
    const r = spawnSync(path.join(root, '.venv/bin/jupyter'), ['kernelspec', 'list', '--json'], { encoding: 'utf8', env: jupyterEnv });
    const specs = JSON.parse(r.stdout).kernelspecs;
    expect(specs.superionic.resource_dir).toBe(path.join(root, '.venv/share/jupyter/kernels/superionic'));
  });
});

describe('the project lab\'s settings (in .venv, not the home folder)', () => {
  it('no allow_hidden; news/update prompts off; debugger off; kernel logos in the kernelspec', () => {
    const server = path.join(root, '.venv/etc/jupyter/jupyter_server_config.json');
    const cfg = existsSync(server) ? JSON.parse(readFileSync(server, 'utf8')) : {};
    expect(cfg.ContentsManager?.allow_hidden).toBeUndefined();
    const overrides = JSON.parse(readFileSync(path.join(root, '.venv/share/jupyter/lab/settings/overrides.json'), 'utf8'));
    expect(overrides['@jupyterlab/apputils-extension:notification']).toEqual({ fetchNews: 'false', checkForUpdates: false });
    const page = JSON.parse(readFileSync(path.join(root, '.venv/etc/jupyter/labconfig/page_config.json'), 'utf8'));
    expect(page.disabledExtensions['@jupyterlab/debugger-extension']).toBe(true);
    for (const logo of ['logo-32x32.png', 'logo-64x64.png', 'logo-svg.svg']) {
      expect(existsSync(path.join(root, '.venv/share/jupyter/kernels/superionic', logo)), logo).toBe(true);
    }
  });
});
