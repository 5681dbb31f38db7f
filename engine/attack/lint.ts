/**
 * ATT&CK id hygiene for `sigstream lint`: tags that name nothing, revoked, deprecated and unknown
 * technique ids. Warnings are values; the caller supplies where the tags are (the rule file).
 */
import { diagnostic, type DiagnosticCode, type Diagnostic, type Location } from '../diagnostics.js';
import { attackCatalog } from './catalog.js';
import { parseAttackTag } from './tags.js';
import { resolveTechnique } from './technique.js';

function techniqueWarning(id: string): { code: DiagnosticCode; message: string } | undefined {
  const catalog = attackCatalog();
  const version = `ATT&CK ${catalog.attackVersion}`;
  const ref = resolveTechnique(id, 'tag');
  switch (ref.status) {
    case 'revoked':
      return { code: 'attack-revoked', message: `${id} is revoked in ${version}; use ${ref.id} (${ref.name})` };
    case 'deprecated':
      return { code: 'attack-deprecated', message: `${id} (${ref.name}) is deprecated in ${version}, without replacement` };
    case 'unknown':
      return { code: 'attack-unknown-technique', message: `${id} is not a technique in ${version} nor a known v19 id` };
    default:
      return ref.successor
        ? { code: 'attack-moved', message: `${id} (${ref.name}) moved in ATT&CK v19: now ${ref.successor.id} (${ref.successor.name})` }
        : undefined;
  }
}

/** Warnings for one rule's tags. Each names the tag by its index: `where.path` becomes `tags[i]`. */
export function lintAttackTags(tags: readonly string[], where: Location = { file: '-' }): Diagnostic[] {
  const out: Diagnostic[] = [];
  tags.forEach((tag, index) => {
    const parsed = parseAttackTag(tag);
    if (!parsed) return;
    const at: Location = { ...where, path: `tags[${index}]` };
    if (parsed.kind === 'invalid') {
      out.push(diagnostic('warning', 'attack-tag-unknown', `'${tag}' is not an ATT&CK technique, tactic, group, software or other ATT&CK id`, at));
    } else if (parsed.kind === 'tactic' && parsed.legacyForm) {
      out.push(diagnostic('warning', 'attack-tactic-legacy-form', `'${tag}' is the Sigma 1.x underscore form; write attack.${parsed.shortname}`, at));
    } else if (parsed.kind === 'technique') {
      const problem = techniqueWarning(parsed.id);
      if (problem) out.push(diagnostic('warning', problem.code, `'${tag}': ${problem.message}`, at));
    }
  });
  return out;
}
