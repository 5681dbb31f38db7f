/**
 * The one known way real Sysmon output is not well-formed XML: Sysmon for Linux (2022 builds)
 * wrote an unresolved image as `&lt unknown process&gt ` (entity references without `;`,
 * ../shared/sysmon/README.md): a space where the `;` belongs. Such an event is read with the
 * references completed (`<unknown process>`, the text Windows Sysmon writes for the same case) and
 * a warning, instead of being lost; anything else malformed is still rejected.
 */
import { parseElement, type TextPosition, type XmlParseResult } from './parse.js';

/** `&lt ` (the space taking the `;`'s place) or a bare `&lt` before a non-name character. */
const BARE_ENTITY = /&(lt|gt|amp|quot|apos)(?: |(?=[^;A-Za-z0-9]|$))/g;

/** The warning a repaired event carries, wherever the XML came from. */
export const REPAIRED_WARNING = 'entity reference without ";" (Sysmon for Linux output bug) completed; event kept';

export type EventParseResult = XmlParseResult & { repaired?: boolean };

/** An event cut before its end keeps its complete part (parse.ts `salvageCut`), repaired or not. */
export function parseEventText(text: string, origin: TextPosition): EventParseResult {
  const strict = parseElement(text, origin, true);
  if (strict.ok || !text.includes('&')) return strict;
  // A cut can fall inside `&lt unknown process&gt `: the bare reference at the very end is the cut's.
  const fixed = text.replace(BARE_ENTITY, (whole, name: string, at: number) => (at + whole.length === text.length ? whole : `&${name};`));
  if (fixed === text) return strict;
  const retry = parseElement(fixed, origin, true);
  return retry.ok ? { ...retry, repaired: true } : strict;
}
