/**
 * The ATT&CK technique a Sysmon RuleName carries, in the styles real configs use:
 * `technique_id=T1055.001,technique_name=Process Injection` (sysmon-modular),
 * `TechniqueID=T1105,TechniqueName=Ingress Tool Transfer` (MSTIC),
 * `MR=T1195,Tec=Supply Chain Compromise,...` (ion-storm), `T1089,Tamper-Defender` and bare `T1176`
 * (SwiftOnSecurity). Only the id and the name as written; the catalog lookup (revoked ids,
 * tactics) belongs to engine/attack.
 */

export interface RuleNameTechnique {
  /** `T1055.001` */
  id: string;
  /** The technique name when the rule name spells it out (`technique_name=`, `TechniqueName=`, `Tec=`). */
  name?: string;
}

const TECHNIQUE_ID = /(?:^|[^A-Za-z0-9])(T\d{4}(?:\.\d{3})?)(?![0-9])/;
const NAME_KEYS = new Set(['technique_name', 'techniquename', 'tec']);

export function techniqueFromRuleName(ruleName: string | undefined): RuleNameTechnique | undefined {
  if (!ruleName) return undefined;
  const id = TECHNIQUE_ID.exec(ruleName)?.[1];
  if (id === undefined) return undefined;
  for (const part of ruleName.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0 && NAME_KEYS.has(part.slice(0, eq).trim().toLowerCase())) {
      const name = part.slice(eq + 1).trim();
      if (name !== '') return { id, name };
    }
  }
  return { id };
}
