/**
 * Is the trajectory's frame file on the server? Asked before any frame is fetched, so that a
 * committed notebook opened on a fresh clone (frame files are generated output, git-ignored)
 * shows its static snapshot and "run this cell" instead of a failed request and an HTTP error.
 *
 * The check walks the server path down from the root with the Contents API's directory listings
 * (`GET api/contents/<dir>?content=1`), each of a folder known to exist, so no request fails when
 * the file (or its folder) is missing. URLs shown to the user never carry their query string
 * (the `_xsrf` token of a download URL).
 */

/** One entry of a directory listing (the fields we use of a Contents API model). */
export interface DirEntry {
  name: string;
  type: string;
  size?: number | null;
}

/** Lists a server folder ('' = root); resolves to null if the listing is not available. */
export type ListDir = (dir: string) => Promise<DirEntry[] | null>;

/**
 * Whether `serverPath` (POSIX, relative to the server root) is a file on the server, with its
 * size when the server says. `null` when a listing was unavailable (then the caller just tries).
 */
export async function frameFileOnServer(serverPath: string, listDir: ListDir): Promise<{ exists: boolean; size?: number } | null> {
  const parts = serverPath.split('/').filter((s) => s.length > 0 && s !== '.');
  if (parts.length === 0) return { exists: false };
  let dir = '';
  for (let i = 0; i < parts.length; i++) {
    const entries = await listDir(dir);
    if (entries === null) return null;
    const want = parts[i];
    const last = i === parts.length - 1;
    const hit = entries.find((e) => e.name === want && (last ? e.type === 'file' : e.type === 'directory'));
    if (!hit) return { exists: false };
    if (last) return { exists: true, ...(typeof hit.size === 'number' ? { size: hit.size } : {}) };
    dir = dir ? `${dir}/${want}` : want;
  }
  return { exists: false };
}

/** `text` with every URL's query string (e.g. `?_xsrf=…`, `?token=…`) removed. */
export function redactUrls(text: string): string {
  return text.replace(/(\b(?:https?:\/\/|\/)[^\s?#'"]*)\?[^\s'"]*?(?=[.,;:)]*(?:\s|$|['"]))/g, '$1');
}

/**
 * A {@link ListDir} for the server that serves `downloadUrl` (`<base>files/<path>?...`): the
 * Contents API at `<base>api/contents/`, authenticated like the page (cookie, or the page
 * config's token if there is one).
 */
export function contentsLister(downloadUrl: string, serverPath: string): ListDir | null {
  let u: URL;
  try {
    u = new URL(downloadUrl, (globalThis as unknown as { location: { href: string } }).location.href);
  } catch {
    return null;
  }
  const marker = '/files/';
  const at = u.pathname.lastIndexOf(marker + encodePath(serverPath));
  const at2 = at >= 0 ? at : u.pathname.indexOf(marker);
  if (at2 < 0) return null;
  const base = `${u.origin}${u.pathname.slice(0, at2 + 1)}`;
  const token = pageToken();
  return async (dir: string) => {
    try {
      const res = await fetch(`${base}api/contents/${encodePath(dir)}?content=1&type=directory`, {
        credentials: 'same-origin',
        headers: token ? { Authorization: `token ${token}` } : {},
      });
      if (!res.ok) return null;
      const model = (await res.json()) as { content?: DirEntry[] };
      return Array.isArray(model.content) ? model.content : null;
    } catch {
      return null;
    }
  };
}

function encodePath(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}

function pageToken(): string {
  try {
    const doc = (globalThis as unknown as { document?: { getElementById(id: string): { textContent: string | null } | null } }).document;
    const el = doc?.getElementById('jupyter-config-data');
    const cfg = el?.textContent ? (JSON.parse(el.textContent) as { token?: unknown }) : {};
    return typeof cfg.token === 'string' ? cfg.token : '';
  } catch {
    return '';
  }
}
