/**
 * The renderers only fetch relative paths inside the server root (extension/src/serverPath.ts):
 * a hostile bundle path (a URL, an absolute path, a `..` escape) is refused with a message, and a
 * Vega spec's URLs are refused by the loader's sanitize.
 */
import { describe, expect, it } from 'vitest';
import { PathRefusedError, notebookFolder, refuseExternalLoad, relativeServerPath } from '../../extension/src/serverPath';

describe('relativeServerPath', () => {
  it('resolves plain relative paths against the notebook folder', () => {
    expect(relativeServerPath('.superionic/traj-1.f32', 'notebooks')).toBe('notebooks/.superionic/traj-1.f32');
    expect(relativeServerPath('frames/traj-1.f32', '')).toBe('frames/traj-1.f32');
    expect(relativeServerPath('./a/../b/t.f32', 'x/y')).toBe('x/y/b/t.f32');
    expect(relativeServerPath('../frames/t.f32', 'notebooks/papers')).toBe('notebooks/frames/t.f32');
    expect(relativeServerPath('../../t.f32', 'notebooks/papers')).toBe('t.f32');
  });

  it('refuses URLs, absolute paths, escapes above the root and odd characters', () => {
    const cases: [string, string, RegExp][] = [
      ['https://example.org/t.f32', 'notebooks', /a URL \(scheme\)/],
      ['http:t.f32', '', /a URL/],
      ['file:///etc/passwd', '', /a URL/],
      ['data:application/octet-stream;base64,AAAA', '', /a URL/],
      ['javascript:alert(1)', '', /a URL/],
      ['//example.org/t.f32', '', /an absolute path/],
      ['/etc/passwd', 'notebooks', /an absolute path/],
      ['\\\\host\\share', '', /an absolute path/],
      ['~/t.f32', '', /an absolute path/],
      ['../t.f32', '', /outside the server root/],
      ['../../t.f32', 'notebooks', /outside the server root/],
      ['a/../../../../t.f32', 'notebooks/papers', /outside the server root/],
      ['%2e%2e/t.f32', 'notebooks', /not allowed/],
      ['t.f32?x=1', '', /not allowed/],
      ['t.f32#x', '', /not allowed/],
      ['a\\..\\..\\t.f32', '', /not allowed/],
      ['t\n.f32', '', /not allowed/],
      ['', '', /empty/],
      ['.', 'notebooks', /names a folder/],
    ];
    for (const [path, dir, why] of cases) {
      expect(() => relativeServerPath(path, dir), `${path} in ${dir}`).toThrow(PathRefusedError);
      expect(() => relativeServerPath(path, dir), `${path} in ${dir}`).toThrow(why);
    }
    expect(() => relativeServerPath('https://example.org/t.f32')).toThrow(
      /^refused frame file path "https:\/\/example.org\/t.f32": .*inside the Jupyter server's root$/,
    );
  });

  it('Vega loads are refused before any fetch', async () => {
    await expect(refuseExternalLoad('https://example.org/data.csv')).rejects.toThrow(
      /refused to load "https:\/\/example.org\/data.csv": superionic plots draw inline data only/,
    );
    await expect(refuseExternalLoad('data/local.csv')).rejects.toThrow(PathRefusedError);
  });
});

describe('notebookFolder', () => {
  it('reads the notebook folder from the resolver (root-relative, decoded)', async () => {
    const resolver = (dir: string) => ({ resolveUrl: async (u: string) => (dir ? `${encodeURI(dir)}/${u}` : u) });
    expect(await notebookFolder(resolver('notebooks/my papers'))).toBe('notebooks/my papers');
    expect(await notebookFolder(resolver(''))).toBe('');
    expect(relativeServerPath('../../x.f32', await notebookFolder(resolver('a/b')))).toBe('x.f32');
  });
});
