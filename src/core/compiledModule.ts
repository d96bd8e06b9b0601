/**
 * Path of the compiled module a worker thread loads: the file itself when it is already JavaScript, else (under
 * vitest, running the TypeScript sources) its build output, src/… → dist/…, .ts → .js (`npm test` builds dist/
 * first). String operations only: core stays free of Node imports.
 */
export function compiledModulePath(file: string): string {
  if (file.endsWith('.js')) return file;
  return file.replace(/([\\/])src([\\/])/, '$1dist$2').replace(/\.ts$/, '.js');
}
