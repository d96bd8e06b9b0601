/**
 * Guess a trajectory's format from its first bytes (decompressed if gzip) and its file name, by
 * asking each format of the registry in turn (formatRegistry.ts).
 */
import { InputError } from '../core/errors.js';
import { latin1, readHead } from './byteLineReader.js';
import { FORMAT_REGISTRY } from './formatRegistry.js';
import { TRAJECTORY_FORMATS, TrajectoryFormat } from './readOptions.js';
import { type ByteInput, sourceName } from './byteSource.js';
import { latin1Bytes } from './parseNumber.js';

/** The last component of a POSIX path (as node:path basename; the readers need no Node import). */
const basename = (p: string): string => p.replace(/\/+$/, '').split('/').pop() ?? p;

/**
 * Format of the file at `path`, or of the bytes given with their file name ({@link ByteInput}), from
 * the content and the name (InputError if it is empty or none fits).
 */
export async function sniffFormat(input: ByteInput): Promise<TrajectoryFormat> {
  const path = sourceName(input);
  const head = await readHead(input);
  if (head.length === 0) throw new InputError('file is empty; expected a trajectory', { file: path });
  // bzip2 / xz are not decompressed (no pure-JS streaming decompressor is used): say so instead of "unsupported format".
  const packed =
    head[0] === 0x42 && head[1] === 0x5a && head[2] === 0x68
      ? 'bzip2 (bunzip2 FILE)'
      : head[0] === 0xfd && latin1(head, 1, 5) === '7zXZ'
        ? 'xz (unxz FILE)'
        : null;
  if (packed)
    throw new InputError(
      `the file is ${packed.split(' ')[0]}-compressed, which is not read; decompress it first (${packed.split(' (')[1].slice(0, -1)}) or recompress with gzip, which is read directly`,
      { file: path },
    );
  const fmt = sniffBytes(head, basename(path));
  if (!fmt) {
    throw new InputError(
      `unsupported format: the content is not one of ${TRAJECTORY_FORMATS.join(', ')} (first line "${latin1(head).split('\n')[0].trim().slice(0, 60)}"); give the format explicitly if it is one of these`,
      { file: path, line: 1 },
    );
  }
  return fmt;
}

/** Format from the first bytes and the file name (undefined if unrecognised). */
export function sniffBytes(head: Uint8Array, name = ''): TrajectoryFormat | undefined {
  const text = latin1(head);
  const nameU = name.toUpperCase().replace(/\.GZ$/, '');
  return FORMAT_REGISTRY.find((f) => f.sniff(head, text, nameU))?.name;
}

/** Format from the first lines of text and the file name (undefined if unrecognised). */
export function sniffContent(text: string, name = ''): TrajectoryFormat | undefined {
  return sniffBytes(latin1Bytes(text), name);
}
