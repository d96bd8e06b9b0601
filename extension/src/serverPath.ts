/**
 * Which files a rendered output may make the browser fetch. Our MIME renderers are `safe` (they
 * render in untrusted notebooks too), so a notebook must not be able to point them at another
 * host or at files outside the Jupyter server's root:
 *  - a trajectory bundle's `path` must be a plain relative path (no scheme such as `https:`,
 *    no leading `/`, `\` or `~`, no query, fragment, `%` escapes or control characters) that,
 *    resolved against the notebook's folder, stays inside the server root;
 *  - Vega / Vega-Lite specs may carry inline data only: every URL they would load (data, images,
 *    links) is refused by {@link refuseExternalLoad}.
 */

/** Raised for a path or URL a renderer refuses; the message says what was refused and why. */
export class PathRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PathRefusedError';
  }
}

/**
 * Check `path` (from an output bundle) and resolve it against `notebookDir` (the notebook's
 * folder relative to the server root, '' for the root itself; `/`-separated). Returns the
 * normalised root-relative path; throws {@link PathRefusedError} for anything else.
 */
export function relativeServerPath(path: string, notebookDir = ''): string {
  const shown = JSON.stringify(path.length > 80 ? `${path.slice(0, 80)}…` : path);
  const refuse = (why: string): never => {
    throw new PathRefusedError(
      `refused frame file path ${shown}: ${why}; expected a path relative to the notebook, inside the Jupyter server's root`,
    );
  };
  if (typeof path !== 'string' || path.length === 0) refuse('empty');
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(path)) refuse('a URL (scheme), not a relative path');
  if (/^[/\\~]/.test(path)) refuse('an absolute path');
  // eslint-disable-next-line no-control-regex
  if (/[\\?#%\u0000-\u001f\u007f]/.test(path)) refuse('backslashes, ?, #, % and control characters are not allowed');
  const parts = notebookDir.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.includes('..')) refuse(`the notebook folder ${JSON.stringify(notebookDir)} is not normalised`);
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) refuse('it leads outside the server root (..)');
      parts.pop();
    } else {
      parts.push(seg);
    }
  }
  if (parts.length === 0 || ['', '.', '..'].includes(path.split('/').pop()!)) refuse('it names a folder, not a file');
  return parts.join('/');
}

/**
 * The notebook's folder relative to the server root, from the renderer's URL resolver (which
 * resolves a relative URL against that folder).
 */
export async function notebookFolder(resolver: { resolveUrl(url: string): Promise<string> }): Promise<string> {
  const probe = decodeURI(await resolver.resolveUrl('superionic-probe')).replace(/^\/+/, '');
  return probe.slice(0, Math.max(0, probe.lastIndexOf('/')));
}

/**
 * A `sanitize` for Vega's loader: refuse every load. Our plots carry their data inline
 * (`data.values`); a spec that asks for a URL (data, an image mark, a link) is refused before
 * the browser fetches anything.
 */
export async function refuseExternalLoad(uri: string): Promise<never> {
  const shown = JSON.stringify(String(uri).slice(0, 80));
  throw new PathRefusedError(`refused to load ${shown}: superionic plots draw inline data only (data.values), never a URL`);
}
