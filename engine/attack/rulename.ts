/**
 * ATT&CK technique ids in a Sysmon `RuleName` (the name of the config rule that matched). Real configs
 * write them in three styles, all handled by looking for ids rather than by parsing each syntax:
 *   sysmon-modular  `technique_id=T1055.001,technique_name=Dynamic-link Library Injection`
 *   MSTIC (Linux)   `TechniqueID=T1105,TechniqueName=Ingress Tool Transfer`
 *   SwiftOnSecurity `T1089,Tamper-Defender`, `T1031,T1050`, bare `T1176`
 * Free text (`Caution`, `Proxy`) and Sysmon's `-` for "no name" give nothing.
 */

export interface RuleNameTechnique {
  /** Upper-case id as written (`T1089`); revoked ids are remapped later, by the resolver. */
  id: string;
  /** The config's own technique name (`technique_name=`), when it gives one for a single id. */
  name?: string;
}

// An id stands alone: not glued to letters or digits on either side (so `XT1055` or `T10551` are not ids).
const TECHNIQUE_ID = /(?<![A-Za-z0-9])T\d{4}(?:\.\d{3})?(?![0-9])/gi;
const TECHNIQUE_NAME = /technique_?name=([^,]+)/i;

export function parseRuleName(ruleName: string): RuleNameTechnique[] {
  const ids = [...new Set(Array.from(ruleName.matchAll(TECHNIQUE_ID), (m) => m[0].toUpperCase()))];
  if (ids.length !== 1) return ids.map((id) => ({ id }));
  const name = TECHNIQUE_NAME.exec(ruleName)?.[1]?.trim();
  return [name ? { id: ids[0], name } : { id: ids[0] }];
}
