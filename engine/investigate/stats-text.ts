/** `stats` for the terminal: one block per group, counts and rankings in aligned columns. */
import type { EventStats, Ranking } from './stats.js';

function counts(record: Record<string, number>): string {
  return Object.entries(record).map(([k, n]) => `${k} ${n}`).join(', ');
}

function ranking(r: Ranking): string {
  return r.length === 0 ? '-' : r.map(([v, n]) => `${v} (${n})`).join(', ');
}

export function formatStatsText(stats: EventStats): string {
  const lines = [`${stats.events} events${stats.first ? `, ${stats.first} .. ${stats.last}` : ''}; ${stats.groups.length} groups by ${stats.by.join(', ')}`];
  for (const g of stats.groups) {
    lines.push('', `${stats.by.map((k) => `${k} ${g.key[k]}`).join(' | ')}: ${g.events} events`);
    lines.push(`  by category: ${counts(g.categories)}`);
    lines.push(`  by EventID:  ${counts(g.eventIds)}`);
    for (const field of Object.keys(g.top)) {
      if (g.top[field].length === 0) continue;
      lines.push(`  ${field}`.padEnd(28) + `top:    ${ranking(g.top[field])}`);
      lines.push(''.padEnd(28) + `rarest: ${ranking(g.rarest[field])}`);
    }
  }
  return lines.join('\n') + '\n';
}
