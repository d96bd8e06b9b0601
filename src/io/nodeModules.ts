/**
 * Node's built-in modules for the file layer of the readers, looked up when a path is opened
 * (process.getBuiltinModule, Node ≥ 20.16), never imported: the readers and the numeric core then
 * bundle for a browser unchanged (test/io/browserBundle.test.ts), where a reader is given the
 * bytes (`{bytes, name}`: an ArrayBuffer, a Blob's or a fetch body's bytes) instead of a path.
 */
import { InputError } from '../core/errors.js';

type BuiltinGetter = (id: string) => unknown;

/** A Node built-in module by id ('node:fs', 'node:zlib', …); an InputError outside Node. */
export function nodeModule<T>(id: string): T {
  const get = (globalThis as { process?: { getBuiltinModule?: BuiltinGetter } }).process?.getBuiltinModule;
  if (typeof get !== 'function') {
    throw new InputError(`reading a file by its path needs Node (${id}); here, give the reader the file's bytes ({bytes, name}) instead`);
  }
  return get(id) as T;
}

export const nodeFs = (): typeof import('node:fs') => nodeModule('node:fs');
export const nodeFsPromises = (): typeof import('node:fs/promises') => nodeModule('node:fs/promises');
export const nodeZlib = (): typeof import('node:zlib') => nodeModule('node:zlib');
export const nodePath = (): typeof import('node:path') => nodeModule('node:path');
