/**
 * The report as ONE HTML file: the data as a JSON block, the libraries and the page script inline,
 * and a Content-Security-Policy that allows exactly those inline blocks (by hash) and nothing else:
 * no request of any kind leaves the file. The style block carries the id cytoscape looks for before
 * it would insert a <style> of its own (which the policy would block); page.css has that rule.
 */
import { createHash } from 'node:crypto';
import type { ReportAssets } from './assets.js';
import type { ReportData } from './data.js';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** JSON that cannot end its <script> block or open a comment inside it. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function reportHtml(data: ReportData, assets: ReportAssets): string {
  const script = [...assets.libraries.map((l) => `/* ${l.name} ${l.version} (${l.license}) */\n${l.code}`), assets.script].join('\n;\n');
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(script)}`,
    `style-src ${sha256(assets.style)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(data.title)}</title>
<style id="__________cytoscape_stylesheet">${assets.style}</style>
</head>
<body>
${assets.body}
<script type="application/json" id="report-data">${jsonForScript(data)}</script>
<script>${script}</script>
</body>
</html>
`;
}
