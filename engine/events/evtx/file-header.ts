/** The 4 KiB .evtx file header (libevtx "File header"): signature and checksum checks. */
import { crc32 } from './crc32.js';

export const FILE_HEADER_SIZE = 4096;
export const FILE_SIGNATURE = Buffer.from('ElfFile\0', 'latin1');

/** Problems with the header; empty when it is sound. `fatal` means: not an .evtx file at all. */
export interface HeaderCheck {
  fatal?: string;
  warnings: string[];
}

export function checkFileHeader(data: Buffer, length: number): HeaderCheck {
  if (length < 128 || !data.subarray(0, 8).equals(FILE_SIGNATURE)) {
    return { fatal: 'no "ElfFile" signature: not an .evtx file', warnings: [] };
  }
  const warnings: string[] = [];
  const stored = data.readUInt32LE(124);
  const actual = crc32(data, 0, 120);
  if (stored !== actual) {
    warnings.push(`file header checksum mismatch (stored 0x${stored.toString(16)}, computed 0x${actual.toString(16)})`);
  }
  const major = data.readUInt16LE(38);
  if (major !== 3) warnings.push(`unknown format version ${major}.${data.readUInt16LE(36)} (expected 3.x)`);
  return { warnings };
}
