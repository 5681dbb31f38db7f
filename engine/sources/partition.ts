/**
 * The one partition function: which partition owns a host (`Computer`). Workers on NATS use it
 * (and `run --workers` is to use the same one), so one process owns all of a host's state. FNV-1a
 * over the UTF-8 bytes: stable across processes, machines and Node versions.
 */
export function partitionOf(computer: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(computer, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}

/** A host name as one NATS subject token: letters, digits, `-` and `_` kept, anything else `_`; never empty. */
export function subjectToken(host: string): string {
  const token = host.replace(/[^A-Za-z0-9_-]/g, '_');
  return token === '' ? '_' : token;
}
