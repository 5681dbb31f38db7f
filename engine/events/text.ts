/** Decode a UTF-8 byte stream into string pieces, never splitting a multi-byte character. */
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';

export async function* decodeUtf8(stream: Readable): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}
