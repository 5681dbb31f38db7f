/** Sigma's rule levels, lowest first (SIGMA.md): one list for validation, `--min-level` and the benign mode. */
export const LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type Level = (typeof LEVELS)[number];

export function isLevel(text: string): text is Level {
  return (LEVELS as readonly string[]).includes(text);
}

/** Position in LEVELS (case-insensitive); -1 for a missing or unknown level. */
export function levelRank(level: string | undefined): number {
  return level === undefined ? -1 : LEVELS.indexOf(level.toLowerCase() as Level);
}
