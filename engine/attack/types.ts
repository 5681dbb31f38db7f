/** ATT&CK data carried on every hit (issue 3 fills these from the catalog in the top-level attack/ folder). */

export interface TacticRef {
  /** `TA0002` */
  id: string;
  /** `Execution` */
  name: string;
  /** `execution` (the Sigma tag form) */
  shortname?: string;
}

export interface TechniqueRef {
  /** `T1059.001` */
  id: string;
  name: string;
  tactics: TacticRef[];
  /** The parent technique of a sub-technique. */
  parent?: { id: string; name: string };
  url?: string;
  /** Where this technique came from: the rule's tags, or the event's Sysmon `RuleName`. */
  source: 'tag' | 'rulename';
  /**
   * Set only when more than one source named this technique (the rule's tags and the event's RuleName):
   * both, in that order. `source` is then the first of them.
   */
  sources?: Array<'tag' | 'rulename'>;
  /** Catalog status when it is not plain active: remapped from a revoked id, deprecated, or not in the catalog. */
  status?: 'revoked' | 'deprecated' | 'unknown';
  /** For a revoked id: the id as written in the rule or event (this entry then describes its replacement). */
  originalId?: string;
}

export interface AttackInfo {
  techniques: TechniqueRef[];
  tactics: TacticRef[];
}
