#!/usr/bin/env node
/**
 * Rebuild attack/enterprise-techniques.json (the compact ATT&CK catalog sigstream reads) from MITRE's
 * STIX data, for users who have it:
 *   - a bundle file: enterprise-attack.json (mitre/cti or mitre-attack/attack-stix-data), or
 *   - a mitre/cti `enterprise-attack/` folder of one-object bundles
 *     (attack-pattern/, x-mitre-tactic/, x-mitre-matrix/, relationship/ are read).
 *
 *   node scripts/build-attack-catalog.mjs <bundle.json | enterprise-attack/> [--out FILE]
 *        [--objects-out FILE] [--source URL] [--commit SHA] [--attack-version X.Y]
 *
 * Without --out the catalog goes to stdout. The output has the shape described in attack/README.md,
 * one tactic / technique per line, so that a rebuild diffs line by line against the shipped file.
 * Any release works, v19 included (Stealth and Defense Impairment come from its own matrix). When
 * the data holds groups (intrusion-set) and software (malware, tool), --objects-out writes them in
 * the shape of attack/enterprise-groups-software.json (id, name, aliases, flags, url; one per line).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const TECHNIQUE_FOLDERS = ['attack-pattern', 'x-mitre-tactic', 'x-mitre-matrix', 'relationship', 'x-mitre-collection'];
const OBJECT_FOLDERS = ['intrusion-set', 'malware', 'tool', 'relationship'];
const FOLDERS = [...new Set([...TECHNIQUE_FOLDERS, ...OBJECT_FOLDERS])];

/** The source paths a product read: a bundle file is one path; of a folder, the subfolders it needs. */
function pathsFor(paths, folders) {
  return paths.length === 1 && !paths[0].includes('/') ? paths : paths.filter((p) => folders.includes(p.slice(p.lastIndexOf('/') + 1)));
}

/** All STIX objects and the bundle spec version, from a bundle file or a mitre/cti folder. */
export function readStix(input) {
  if (!statSync(input).isDirectory()) {
    const bundle = JSON.parse(readFileSync(input, 'utf8'));
    return { objects: bundle.objects ?? [], specVersion: bundle.spec_version, paths: [basename(input)] };
  }
  const objects = [];
  let specVersion;
  const paths = [];
  for (const folder of FOLDERS) {
    let names;
    try {
      names = readdirSync(join(input, folder)).filter((n) => n.endsWith('.json')).sort();
    } catch {
      continue; // x-mitre-collection is absent from mitre/cti's folders; groups and software are optional; the others are checked below.
    }
    paths.push(`${basename(input)}/${folder}`);
    for (const name of names) {
      const bundle = JSON.parse(readFileSync(join(input, folder, name), 'utf8'));
      specVersion ??= bundle.spec_version;
      objects.push(...(bundle.objects ?? []));
    }
  }
  return { objects, specVersion, paths };
}

function attackRef(object) {
  return (object.external_references ?? []).find((r) => r.source_name === 'mitre-attack' && r.external_id);
}

/** STIX objects → the compact catalog object. Throws with a plain message when the data is not usable. */
export function buildCatalog({ objects, specVersion, paths }, options = {}) {
  const byStixId = new Map(objects.map((o) => [o.id, o]));
  const matrix = objects.find((o) => o.type === 'x-mitre-matrix' && !o.revoked && !o.x_mitre_deprecated);
  if (!matrix) throw new Error('no x-mitre-matrix object: is this ATT&CK STIX data?');
  const tactics = (matrix.tactic_refs ?? []).map((ref, index) => {
    const tactic = byStixId.get(ref);
    const ext = tactic && attackRef(tactic);
    if (!ext) throw new Error(`matrix tactic ${ref} is missing or has no ATT&CK id`);
    return { id: ext.external_id, shortname: tactic.x_mitre_shortname, name: tactic.name, order: index + 1, url: ext.url };
  });
  const idOf = new Map();
  const patterns = objects.filter((o) => o.type === 'attack-pattern' && attackRef(o));
  for (const p of patterns) idOf.set(p.id, attackRef(p).external_id);

  const revokedBy = new Map();
  for (const r of objects) {
    if (r.type !== 'relationship' || r.relationship_type !== 'revoked-by' || !idOf.has(r.source_ref)) continue;
    const target = idOf.get(r.target_ref);
    if (!target) throw new Error(`revoked-by target ${r.target_ref} of ${idOf.get(r.source_ref)} is not an ATT&CK technique`);
    if (revokedBy.has(idOf.get(r.source_ref))) throw new Error(`${idOf.get(r.source_ref)} has more than one revoked-by relationship`);
    revokedBy.set(idOf.get(r.source_ref), target);
  }

  const techniques = patterns.map((p) => {
    const ext = attackRef(p);
    const id = ext.external_id;
    const entry = {
      id,
      name: p.name,
      tactics: (p.kill_chain_phases ?? []).filter((k) => k.kill_chain_name === 'mitre-attack').map((k) => k.phase_name),
      platforms: p.x_mitre_platforms ?? [],
      subtechnique: p.x_mitre_is_subtechnique === true,
    };
    if (entry.subtechnique) entry.parent = id.split('.')[0];
    entry.deprecated = p.x_mitre_deprecated === true;
    entry.revoked = p.revoked === true;
    if (entry.revoked) {
      if (!revokedBy.has(id)) throw new Error(`${id} is revoked but has no revoked-by relationship`);
      entry.revoked_by = revokedBy.get(id);
    }
    entry.url = ext.url;
    return entry;
  });
  techniques.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const byId = new Map();
  for (const t of techniques) {
    if (byId.has(t.id)) throw new Error(`duplicate technique id ${t.id}`);
    byId.set(t.id, t);
  }
  for (const t of techniques) {
    if (t.parent && !byId.has(t.parent)) throw new Error(`${t.id}: parent ${t.parent} is not in the data`);
    // Follow revocation chains to the first live id; only chains get the extra field.
    let final = t.revoked_by;
    const seen = new Set([t.id]);
    while (final && byId.get(final)?.revoked) {
      if (seen.has(final)) throw new Error(`revocation cycle through ${final}`);
      seen.add(final);
      final = byId.get(final).revoked_by;
    }
    if (final !== t.revoked_by) t.revoked_by_final = final;
  }

  const collection = objects.find((o) => o.type === 'x-mitre-collection');
  const attackVersion = options.attackVersion ?? collection?.x_mitre_version ?? matrix.x_mitre_version;
  if (!attackVersion) throw new Error('ATT&CK version unknown: pass --attack-version');
  const used = [matrix, ...tactics.map((_, i) => byStixId.get(matrix.tactic_refs[i])), ...patterns];
  const modified = used.map((o) => o.modified ?? '').sort().at(-1);
  const count = (pred) => techniques.filter(pred).length;
  const active = (t) => !t.revoked && !t.deprecated;
  return {
    source: options.source ?? 'https://github.com/mitre/cti',
    source_paths: pathsFor(paths, TECHNIQUE_FOLDERS),
    source_commit: options.commit ?? null,
    attack_version: attackVersion,
    domain: matrix.external_references?.find((r) => r.source_name === 'mitre-attack')?.external_id ?? 'enterprise-attack',
    stix_spec_version: specVersion ?? objects[0]?.spec_version ?? null,
    modified,
    counts: {
      tactics: tactics.length,
      techniques: count((t) => !t.subtechnique),
      subtechniques: count((t) => t.subtechnique),
      deprecated: count((t) => t.deprecated),
      revoked: count((t) => t.revoked),
      active: count(active),
      active_techniques: count((t) => active(t) && !t.subtechnique),
      active_subtechniques: count((t) => active(t) && t.subtechnique),
      total: techniques.length,
    },
    tactics,
    techniques,
  };
}

const OBJECT_KINDS = { 'intrusion-set': 'groups', malware: 'software', tool: 'software' };

/**
 * Groups and software of the STIX data → the compact groups-and-software object, or undefined when
 * the data has none. Revoked entries name their replacement (`revoked_by`), as techniques do.
 */
export function buildObjects({ objects, specVersion, paths }, options = {}) {
  const chosen = objects.filter((o) => OBJECT_KINDS[o.type] && attackRef(o));
  if (chosen.length === 0) return undefined;
  const idOf = new Map(chosen.map((o) => [o.id, attackRef(o).external_id]));
  const revokedBy = new Map();
  for (const r of objects) {
    if (r.type === 'relationship' && r.relationship_type === 'revoked-by' && idOf.has(r.source_ref) && idOf.has(r.target_ref)) revokedBy.set(idOf.get(r.source_ref), idOf.get(r.target_ref));
  }
  const out = { groups: [], software: [] };
  const seen = new Set();
  for (const o of chosen) {
    const ext = attackRef(o);
    if (seen.has(ext.external_id)) throw new Error(`duplicate group/software id ${ext.external_id}`);
    seen.add(ext.external_id);
    const entry = { id: ext.external_id, name: o.name, aliases: (o.type === 'intrusion-set' ? o.aliases : o.x_mitre_aliases) ?? [] };
    if (o.type !== 'intrusion-set') Object.assign(entry, { type: o.type, platforms: o.x_mitre_platforms ?? [] });
    entry.deprecated = o.x_mitre_deprecated === true;
    entry.revoked = o.revoked === true;
    if (entry.revoked) {
      if (!revokedBy.has(entry.id)) throw new Error(`${entry.id} is revoked but has no revoked-by relationship`);
      entry.revoked_by = revokedBy.get(entry.id);
    }
    entry.url = ext.url;
    out[OBJECT_KINDS[o.type]].push(entry);
  }
  for (const list of Object.values(out)) list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    source: options.source ?? 'https://github.com/mitre/cti',
    source_paths: pathsFor(paths, OBJECT_FOLDERS),
    source_commit: options.commit ?? null,
    attack_version: options.attackVersion ?? objects.find((o) => o.type === 'x-mitre-collection')?.x_mitre_version ?? null,
    domain: 'enterprise-attack',
    stix_spec_version: specVersion ?? objects[0]?.spec_version ?? null,
    counts: { groups: out.groups.length, software: out.software.length, total: out.groups.length + out.software.length },
    ...out,
  };
}

/** Keys whose arrays hold one entry per line. */
const LINE_ARRAYS = new Set(['tactics', 'techniques', 'groups', 'software']);

/** JSON on one line with `, ` and `: ` separators (the catalog's line format). */
function inline(value) {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`).join(', ')}}`;
  }
  return JSON.stringify(value);
}

/** The catalog file text: top-level keys one per line, one tactic / technique / group / software per line. */
export function formatCatalog(catalog) {
  const lines = Object.entries(catalog).map(([key, value]) =>
    LINE_ARRAYS.has(key)
      ? ` ${JSON.stringify(key)}: [\n${value.map((item) => `  ${inline(item)}`).join(',\n')}\n ]`
      : ` ${JSON.stringify(key)}: ${inline(value)}`,
  );
  return `{\n${lines.join(',\n')}\n}\n`;
}

function parseArgs(argv) {
  const options = {};
  let input;
  const flags = { '--out': 'out', '--objects-out': 'objectsOut', '--source': 'source', '--commit': 'commit', '--attack-version': 'attackVersion' };
  for (let i = 0; i < argv.length; i++) {
    const flag = flags[argv[i]];
    if (flag) options[flag] = argv[++i];
    else if (!input && !argv[i].startsWith('--')) input = argv[i];
    else throw new Error(`unexpected argument ${argv[i]}`);
  }
  if (!input) throw new Error('usage: build-attack-catalog.mjs <enterprise-attack.json | enterprise-attack/> [--out FILE] [--objects-out FILE] [--source URL] [--commit SHA] [--attack-version X.Y]');
  return { input, options };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const { input, options } = parseArgs(process.argv.slice(2));
    const stix = readStix(input);
    const text = formatCatalog(buildCatalog(stix, options));
    const objects = buildObjects(stix, options);
    if (options.out) writeFileSync(options.out, text);
    else process.stdout.write(text);
    if (options.objectsOut && objects) writeFileSync(options.objectsOut, formatCatalog(objects));
    else if (options.objectsOut) throw new Error('the data holds no groups or software; --objects-out not written');
    else if (objects) process.stderr.write(`build-attack-catalog: the data also holds ${objects.counts.groups} groups and ${objects.counts.software} software; write them with --objects-out FILE\n`);
  } catch (err) {
    process.stderr.write(`build-attack-catalog: ${err.message}\n`);
    process.exitCode = 1;
  }
}
