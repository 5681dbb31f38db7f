// Run from the repository root: node samples/generate/benign.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import { noise, utc } from './noise.mjs';
const start = Date.parse('2026-11-19T08:00:00Z');
const items = noise(20261119, 700, start, 3 * 3600_000);
// Two known false positives of the pack, allow-listed in samples/known-fps.csv.
items.push({ t: start + 3600_000, e: { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: 'SRV-APP01.corp.example', User: 'NT AUTHORITY\\SYSTEM', Image: 'C:\\Windows\\System32\\certutil.exe', CommandLine: 'certutil -decode "C:\\Program Files\\Contoso Agent\\certs\\ca-bundle.b64" "C:\\Program Files\\Contoso Agent\\certs\\ca-bundle.cer"', ParentImage: 'C:\\Program Files\\Contoso Agent\\install.cmd' } });
items.push({ t: start + 5400_000, e: { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: 'WS108.corp.example', User: 'CORP\\carol', Image: 'C:\\Windows\\System32\\schtasks.exe', CommandLine: 'schtasks /create /tn "ContosoChat Update" /tr "C:\\Users\\carol\\AppData\\Local\\ContosoChat\\Update.exe --processStart ContosoChat.exe" /sc daily /f', ParentImage: 'C:\\Users\\carol\\AppData\\Local\\ContosoChat\\Update.exe' } });
items.sort((a, b) => a.t - b.t);
mkdirSync('samples/benign', { recursive: true });
writeFileSync('samples/benign/baseline.ndjson', items.map(({ t, e }) => JSON.stringify({ ...e, UtcTime: utc(t) })).join('\n') + '\n');
console.log(items.length, 'benign events');
