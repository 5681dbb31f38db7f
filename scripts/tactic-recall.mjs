// Tactic recall of a rule pack on attack recordings sorted into one folder per ATT&CK tactic (the
// layout of sbousseaden/EVTX-ATTACK-SAMPLES; the recordings stay outside this repository):
//   npm run build && node scripts/tactic-recall.mjs <recordings dir> [rules dir ...] (default rules/)
// For each tactic folder: files holding Sysmon events, and how many of them raise at least one hit
// tagged with that tactic (any hit / a correlation or sequence hit). Each file runs on a fresh
// detector, so one recording's windows never see another's events.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { engineFromCollection, loadRules, readEvents } from '../dist/engine/index.js';

const FOLDER_TACTICS = {
  'Command and Control': 'command-and-control',
  'Credential Access': 'credential-access',
  'Defense Evasion': 'defense-evasion',
  Discovery: 'discovery',
  Execution: 'execution',
  'Lateral Movement': 'lateral-movement',
  Persistence: 'persistence',
  'Privilege Escalation': 'privilege-escalation',
};
const SYSMON_CHANNEL = 'Microsoft-Windows-Sysmon/Operational';

const [recordings, ...rulesDirs] = process.argv.slice(2);
if (!recordings) {
  console.error('usage: node scripts/tactic-recall.mjs <recordings dir> [rules dir ...]');
  process.exit(2);
}
const collection = await loadRules(rulesDirs.length > 0 ? rulesDirs : ['rules']);
const evtxFiles = (dir) => readdirSync(dir).flatMap((name) => {
  const file = path.join(dir, name);
  return statSync(file).isDirectory() ? evtxFiles(file) : file.endsWith('.evtx') ? [file] : [];
});
const carriesTactic = (hit, tactic) => (hit.rule.tags ?? []).includes(`attack.${tactic}`) || (hit.attack?.techniques ?? []).some((t) => t.tactics?.some((x) => x.shortname === tactic));

/** The hits of one recording, or undefined when it holds no Sysmon event. */
async function hitsOf(file) {
  const detector = engineFromCollection(collection).detector;
  const hits = [];
  let sysmon = false;
  for await (const item of readEvents([file])) {
    if (item.kind !== 'event') continue;
    sysmon ||= item.event.Channel === SYSMON_CHANNEL;
    hits.push(...detector.process(item.event));
  }
  hits.push(...detector.flush());
  return sysmon ? hits : undefined;
}

const total = { sysmon: 0, hit: 0, chainHit: 0 };
console.log('tactic\tsysmon files\twith a hit of the tactic\tof them by a chain');
for (const [folder, tactic] of Object.entries(FOLDER_TACTICS)) {
  const dir = path.join(recordings, folder);
  const row = { sysmon: 0, hit: 0, chainHit: 0 };
  for (const file of statSync(dir, { throwIfNoEntry: false })?.isDirectory() ? evtxFiles(dir) : []) {
    const hits = await hitsOf(file);
    if (!hits) continue;
    row.sysmon++;
    const ofTactic = hits.filter((hit) => carriesTactic(hit, tactic));
    if (ofTactic.length > 0) row.hit++;
    if (ofTactic.some((hit) => hit.kind !== 'detection')) row.chainHit++;
  }
  console.log(`${tactic}\t${row.sysmon}\t${row.hit}\t${row.chainHit}`);
  for (const key of Object.keys(total)) total[key] += row[key];
}
console.log(`total\t${total.sysmon}\t${total.hit}\t${total.chainHit}`);
