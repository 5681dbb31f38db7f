/**
 * Which partition owns a host (`Computer`), so one worker owns all of a host's state. The same
 * function as the `speed` branch's engine/partition.ts (`run --workers`): 32-bit FNV-1a over the
 * UTF-16 code units, stable across processes and machines. When both are on main, this file goes
 * and the callers import that one (issue 16: one partition function).
 */
export function partitionOf(computer: string, partitions: number): number {
  if (partitions <= 1) return 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < computer.length; i++) {
    hash ^= computer.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
}

/** A host name as one NATS subject token: letters, digits, `-` and `_` kept, anything else `_`; never empty. */
export function subjectToken(host: string): string {
  const token = host.replace(/[^A-Za-z0-9_-]/g, '_');
  return token === '' ? '_' : token;
}
