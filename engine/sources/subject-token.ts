/** A host name as one NATS subject token: letters, digits, `-` and `_` kept, anything else `_`; never empty. */
export function subjectToken(host: string): string {
  const token = host.replace(/[^A-Za-z0-9_-]/g, '_');
  return token === '' ? '_' : token;
}
