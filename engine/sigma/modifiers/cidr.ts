/** cidr: IPv4 or IPv6 network, strict (host bits set is an error) (SIGMA.md §4, M7). */
import { parseIp } from '../ip.js';
import { fail, type Modifier } from './modifier.js';

export const cidr: Modifier = {
  input: 'raw',
  apply(value) {
    if (value.type !== 'raw' || typeof value.value !== 'string') return fail(`'cidr' needs a network like 10.0.0.0/8`);
    const text = value.value.trim();
    const slash = text.indexOf('/');
    const address = parseIp(slash === -1 ? text : text.slice(0, slash));
    if (!address) return fail(`'${text}' is not an IPv4 or IPv6 network`);
    const bits = address.version === 4 ? 32 : 128;
    const prefix = slash === -1 ? bits : Number(text.slice(slash + 1));
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits || !/^\d+$/.test(slash === -1 ? String(bits) : text.slice(slash + 1))) {
      return fail(`'${text}' has an invalid prefix length`);
    }
    const hostMask = (1n << BigInt(bits - prefix)) - 1n;
    if ((address.value & hostMask) !== 0n) return fail(`'${text}' has host bits set`);
    return { type: 'cidr', text, version: address.version, network: address.value, prefix };
  },
};
