/**
 * Sigma `attack.*` tags: what each one names. Only the `attack.` namespace is ours; `cve.`, `car.`,
 * `detection.`, `tlp.` and the rest are someone else's and are ignored without comment.
 */
import { attackCatalog } from './catalog.js';

/**
 * ATT&CK object kinds other than techniques and tactics whose ids a tag may carry (`attack.g0016`):
 * those of the Sigma tags appendix v2.1.0 (g, s, ds, m, a), plus campaigns (c), which ATT&CK has too.
 */
const OBJECT_KINDS = {
  g: 'group',
  s: 'software',
  m: 'mitigation',
  c: 'campaign',
  a: 'asset',
  ds: 'data-source',
} as const;

export type AttackObjectKind = (typeof OBJECT_KINDS)[keyof typeof OBJECT_KINDS];

export type AttackTag =
  | { kind: 'technique'; id: string }
  /** `legacyForm`: written with underscores (`attack.command_and_control`), the Sigma tags appendix 1.x form. */
  | { kind: 'tactic'; shortname: string; legacyForm: boolean }
  | { kind: AttackObjectKind; id: string }
  | { kind: 'invalid'; value: string };

const TECHNIQUE = /^t\d{4}(?:\.\d{3})?$/;
const OBJECT = /^(ds|g|s|m|c|a)(\d{4})$/;

/** What an `attack.*` tag names (any case); `undefined` for tags in other namespaces. */
export function parseAttackTag(tag: string): AttackTag | undefined {
  const lower = tag.trim().toLowerCase();
  if (!lower.startsWith('attack.')) return undefined;
  const value = lower.slice('attack.'.length);
  if (TECHNIQUE.test(value)) return { kind: 'technique', id: value.toUpperCase() };
  const object = OBJECT.exec(value);
  if (object) {
    const prefix = object[1] as keyof typeof OBJECT_KINDS;
    return { kind: OBJECT_KINDS[prefix], id: value.toUpperCase() };
  }
  const shortname = value.replaceAll('_', '-');
  if (attackCatalog().tactics.has(shortname)) return { kind: 'tactic', shortname, legacyForm: shortname !== value };
  return { kind: 'invalid', value: tag.trim() };
}
