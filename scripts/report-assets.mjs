// Build step for `sigstream report`: inline the page's libraries and its own script and style into
// one JSON file beside the compiled code (dist/report-assets.json), so a report needs no file and no
// request at run time. The libraries are pinned devDependencies; their licences travel with them.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const read = (file) => readFileSync(file, 'utf8');
// Files named by path inside node_modules: some packages' `exports` do not list their dist files.
const fromPackage = (spec) => read(join(root, 'node_modules', spec));
const version = (name) => JSON.parse(read(join(root, 'node_modules', name, 'package.json'))).version;

const LIBRARIES = [
  ['cytoscape', 'cytoscape/dist/cytoscape.min.js'],
  ['cytoscape-dagre', 'cytoscape-dagre/dist/cytoscape-dagre.min.js'],
  ['uplot', 'uplot/dist/uPlot.iife.min.js'],
  ['minisearch', 'minisearch/dist/umd/index.js'],
];

const page = join(root, 'engine/investigate/report/page');
const assets = {
  libraries: LIBRARIES.map(([name, spec]) => ({ name, version: version(name), license: 'MIT', code: fromPackage(spec) })),
  script: read(join(page, 'page.js')),
  style: fromPackage('uplot/dist/uPlot.min.css') + '\n' + read(join(page, 'page.css')),
  body: read(join(page, 'body.html')),
};
writeFileSync(join(root, 'dist/report-assets.json'), JSON.stringify(assets));
console.log(`report assets: ${assets.libraries.map((l) => `${l.name} ${l.version}`).join(', ')} -> dist/report-assets.json`);
