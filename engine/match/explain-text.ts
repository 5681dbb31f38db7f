/**
 * A rule explanation as text for a terminal: the log source verdict, the condition tree with each
 * operand's result, the reason for the outcome, then every search with its items, the event's value
 * and each rule value's result (✓ matched, ✗ did not).
 */
import { formatLocation } from '../diagnostics.js';
import type { ConditionExplanation, ItemExplanation, RuleExplanation, SearchExplanation } from './explain.js';

const mark = (ok: boolean) => (ok ? '✓' : '✗');

function conditionText(node: ConditionExplanation): string {
  switch (node.kind) {
    case 'search':
      return `${node.name} ${mark(node.matched)}`;
    case 'not':
      return `not (${conditionText(node.operand)}) ${mark(node.matched)}`;
    case 'selector':
      return `${node.quantifier === 'all' ? 'all' : '1'} of ${node.pattern} [${node.names.map((n) => `${n.name} ${mark(n.matched)}`).join(', ')}] ${mark(node.matched)}`;
    default:
      return `(${node.operands.map(conditionText).join(` ${node.kind} `)}) ${mark(node.matched)}`;
  }
}

/** Why a condition came out as it did: the operands that decided it. */
export function conditionReason(node: ConditionExplanation): string {
  switch (node.kind) {
    case 'search':
      return `${node.name} ${node.matched ? 'matched' : 'did not match'}`;
    case 'not':
      return `${conditionReason(node.operand)}, so its negation is ${node.matched}`;
    case 'selector': {
      const deciding = node.names.filter((n) => n.matched === (node.quantifier === 'any'));
      if (node.quantifier === 'all') {
        return node.matched ? `all of ${node.pattern} matched` : `${deciding.map((n) => n.name).join(', ')} did not match (all of ${node.pattern} needed)`;
      }
      return node.matched ? `${deciding.map((n) => n.name).join(', ')} matched` : `none of ${node.pattern} matched`;
    }
    default: {
      // `and` is decided by its false operands when false, `or` by its true operands when true.
      const deciding = node.kind === 'and' ? (node.matched ? node.operands : node.operands.filter((o) => !o.matched)) : node.matched ? node.operands.filter((o) => o.matched) : node.operands;
      return deciding.map(conditionReason).join(node.matched === (node.kind === 'and') ? ' and ' : '; ');
    }
  }
}

function actualText(item: ItemExplanation): string {
  if (item.field === undefined) return 'any string of the event';
  return item.actual === undefined ? `${item.field} absent` : `${item.field} = ${JSON.stringify(item.actual)}`;
}

function itemLines(item: ItemExplanation, indent: string): string[] {
  const name = [item.field ?? '(keyword)', ...item.modifiers].join('|');
  const how = item.values.length > 1 ? (item.linking === 'and' ? ' (all of)' : ' (any of)') : '';
  const lines = [`${indent}${mark(item.matched)} ${name}${how}${item.negated ? ' negated (neq)' : ''}   event: ${actualText(item)}   [${formatLocation({ ...item.where, path: undefined })}]`];
  for (const v of item.values) lines.push(`${indent}    ${mark(v.matched)} ${v.value}`);
  return lines;
}

function searchLines(node: SearchExplanation, indent: string): string[] {
  if (node.kind === 'item') return itemLines(node, indent);
  const lines = [`${indent}${mark(node.matched)} ${node.kind === 'and' ? 'all of' : 'any of'}:`];
  for (const child of node.children) lines.push(...searchLines(child, indent + '  '));
  return lines;
}

export function explanationText(ex: RuleExplanation): string {
  const lines = [`rule: ${ex.rule.title}${ex.rule.id ? ` (${ex.rule.id})` : ''}  ${ex.rule.path}`];
  lines.push(`logsource: ${mark(ex.logsource.applies)} ${ex.logsource.reason}`);
  for (const c of ex.conditions) {
    lines.push(`condition: ${c.text}`);
    lines.push(`  = ${conditionText(c.tree)}`);
    lines.push(`  because ${conditionReason(c.tree)}`);
  }
  for (const s of ex.searches) {
    lines.push(`search ${s.name}: ${mark(s.matched)}`);
    // A single item (or the usual one-level map) reads better without an extra "all of" line.
    const top = s.tree.kind === 'and' && s.tree.children.every((c) => c.kind === 'item') ? s.tree.children : [s.tree];
    for (const node of top) lines.push(...searchLines(node, '  '));
  }
  const verdict = ex.matched ? 'MATCH' : !ex.logsource.applies ? 'NO MATCH (log source does not apply)' : 'NO MATCH (condition is false)';
  lines.push(`result: ${verdict}`);
  return lines.join('\n') + '\n';
}
