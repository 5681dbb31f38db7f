/** base64, base64offset and the UTF-16 encoders (SIGMA.md §4). Encoders work on real bytes. */
import { hasWildcards, literalString, plainText, type SigmaValue } from '../values.js';
import { asStringValue, mapValue } from './convert.js';
import { fail, type ChainValue, type Modifier } from './modifier.js';

/** Bytes of a wildcard-free string (UTF-8), or the bytes an encoder produced. */
function bytesOf(value: ChainValue, modifier: string): Buffer | { error: string } {
  const v = asStringValue(value);
  if (v.type === 'bytes') return v.bytes;
  if (v.type !== 'string') return fail(`'${modifier}' needs a string, not ${v.type}`);
  if (hasWildcards(v)) return fail(`'${modifier}' cannot encode a value with wildcards`);
  return Buffer.from(plainText(v), 'utf8');
}

function textOf(value: ChainValue, modifier: string): string | { error: string } {
  const v = asStringValue(value);
  if (v.type !== 'string') return fail(`'${modifier}' needs a string, not ${v.type}`);
  if (hasWildcards(v)) return fail(`'${modifier}' cannot encode a value with wildcards`);
  return plainText(v);
}

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  return le.swap16();
}

function encoder(encode: (text: string) => Buffer, name: string): Modifier {
  return {
    input: 'typed',
    apply(value) {
      return mapValue(value, (v) => {
        const text = textOf(v, name);
        return typeof text === 'string' ? { type: 'bytes', bytes: encode(text) } : text;
      });
    },
  };
}

export const wide = encoder((t) => Buffer.from(t, 'utf16le'), 'wide');
export const utf16be_ = encoder(utf16be, 'utf16be');
/** Spec bytes: BOM FF FE then UTF-16LE (pySigma prepends U+FEFF as UTF-8; we follow the spec). */
export const utf16 = encoder((t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]), 'utf16');

export const base64: Modifier = {
  input: 'typed',
  apply(value) {
    return mapValue(value, (v) => {
      const bytes = bytesOf(v, 'base64');
      return Buffer.isBuffer(bytes) ? literalString(bytes.toString('base64')) : bytes;
    });
  },
};

/**
 * The three base64 renderings of `bytes` at byte offsets 0, 1, 2 inside a longer encoded text,
 * trimmed to the characters that do not depend on neighbouring bytes (pySigma's algorithm).
 */
export function base64Offsets(bytes: Buffer): string[] {
  const start = [0, 2, 3];
  const endTrim = [0, 3, 2];
  const out: string[] = [];
  for (let i = 0; i < 3; i++) {
    const encoded = Buffer.concat([Buffer.alloc(i, 0x20), bytes]).toString('base64');
    const trim = endTrim[(bytes.length + i) % 3];
    out.push(encoded.slice(start[i], trim === 0 ? undefined : encoded.length - trim));
  }
  return out;
}

export const base64offset: Modifier = {
  input: 'typed',
  apply(value) {
    return mapValue(value, (v) => {
      const bytes = bytesOf(v, 'base64offset');
      if (!Buffer.isBuffer(bytes)) return bytes;
      const values: SigmaValue[] = base64Offsets(bytes).map((s) => literalString(s));
      return { type: 'expansion', values };
    });
  },
};
