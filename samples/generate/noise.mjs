// Deterministic benign Sysmon noise for Windows and Linux hosts.
export function rng(seed) { let s = seed >>> 0; return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; }; }
const WIN = 'Microsoft-Windows-Sysmon/Operational', LNX = 'Linux-Sysmon/Operational';
const pick = (r, a) => a[Math.floor(r() * a.length)];
const guid = (r) => '{' + [8, 4, 4, 4, 12].map((n) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(r() * 16)]).join('')).join('-') + '}';
const winHosts = ['WS042.corp.example', 'WS017.corp.example', 'WS108.corp.example', 'FS01.corp.example', 'SRV-APP01.corp.example'];
const lnxHosts = ['web01.corp.example', 'db01.corp.example', 'build02.corp.example'];
const users = ['CORP\\alice', 'CORP\\bob', 'CORP\\carol', 'NT AUTHORITY\\SYSTEM'];
const winProcs = [
  ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', '"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe" --type=renderer --lang=en-US', 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'],
  ['C:\\Windows\\System32\\svchost.exe', 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule', 'C:\\Windows\\System32\\services.exe'],
  ['C:\\Windows\\System32\\conhost.exe', '\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1', 'C:\\Windows\\System32\\cmd.exe'],
  ['C:\\Program Files\\Git\\cmd\\git.exe', 'git fetch --all', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe'],
  ['C:\\Users\\alice\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe', '"C:\\Users\\alice\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe" --type=utility', 'C:\\Windows\\explorer.exe'],
  ['C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'powershell.exe -NoProfile -File C:\\Scripts\\inventory.ps1', 'C:\\Windows\\System32\\svchost.exe'],
  ['C:\\Windows\\System32\\msiexec.exe', 'C:\\Windows\\system32\\msiexec.exe /V', 'C:\\Windows\\System32\\services.exe'],
  ['C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE', '"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE" /n "\\\\FS01\\shares\\Finance\\Q3.docx"', 'C:\\Windows\\explorer.exe'],
  ['C:\\Windows\\System32\\ipconfig.exe', 'ipconfig /renew', 'C:\\Windows\\System32\\cmd.exe'],
  ['C:\\Windows\\System32\\taskhostw.exe', 'taskhostw.exe', 'C:\\Windows\\System32\\svchost.exe'],
  ['C:\\Windows\\System32\\schtasks.exe', 'schtasks /query /fo csv', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe'],
  ['C:\\Windows\\System32\\rundll32.exe', 'rundll32.exe C:\\Windows\\system32\\inetcpl.cpl,ClearMyTracksByProcess Flags:65800 WinX:0', 'C:\\Windows\\explorer.exe'],
];
const domains = ['www.google.com', 'outlook.office365.com', 'teams.microsoft.com', 'settings-win.data.microsoft.com', 'github.com', 'login.microsoftonline.com', 'fs01.corp.example', 'wpad.corp.example'];
const lnxProcs = [
  ['/usr/sbin/cron', '/usr/sbin/CRON -f', '/usr/sbin/cron', 'root'],
  ['/usr/bin/python3.11', 'python3 /opt/app/worker.py --queue default', '/usr/lib/systemd/systemd', 'app'],
  ['/usr/bin/apt-get', 'apt-get update -qq', '/usr/bin/bash', 'root'],
  ['/usr/sbin/sshd', 'sshd: alice [priv]', '/usr/sbin/sshd', 'root'],
  ['/usr/bin/bash', '/bin/bash /etc/cron.daily/logrotate', '/usr/sbin/cron', 'root'],
  ['/usr/bin/curl', 'curl -fsS http://10.20.8.30:8080/health', '/usr/bin/bash', 'monitor'],
  ['/usr/bin/git', 'git pull --ff-only', '/usr/bin/bash', 'deploy'],
  ['/usr/bin/ls', 'ls -la /var/log', '/usr/bin/bash', 'alice'],
  ['/usr/bin/systemctl', 'systemctl status nginx', '/usr/bin/bash', 'alice'],
  ['/usr/bin/tar', 'tar czf /var/backups/www.tgz /var/www', '/usr/bin/bash', 'root'],
];
export function noise(seed, count, startMs, spanMs) {
  const r = rng(seed);
  const out = [];
  for (let i = 0; i < count; i++) {
    const t = startMs + Math.floor(r() * spanMs);
    const linux = r() < 0.3;
    const kind = r();
    let e;
    if (linux) {
      const host = pick(r, lnxHosts);
      if (kind < 0.6) {
        const [Image, CommandLine, ParentImage, User] = pick(r, lnxProcs);
        e = { EventID: 1, Channel: LNX, Computer: host, Image, CommandLine, ParentImage, User, ProcessGuid: guid(r), ProcessId: String(1000 + Math.floor(r() * 60000)), CurrentDirectory: '/' };
      } else if (kind < 0.85) {
        e = { EventID: 3, Channel: LNX, Computer: host, Image: pick(r, ['/usr/bin/curl', '/usr/sbin/nginx', '/usr/bin/python3.11']), User: 'app', Protocol: 'tcp', Initiated: 'true', SourceIp: '10.20.8.' + (10 + Math.floor(r() * 20)), DestinationIp: pick(r, ['10.20.8.30', '10.20.8.31', '151.101.2.132']), DestinationPort: pick(r, ['5432', '8080', '443']) };
      } else {
        e = { EventID: 11, Channel: LNX, Computer: host, Image: pick(r, ['/usr/sbin/nginx', '/usr/bin/python3.11', '/usr/sbin/logrotate']), User: 'root', TargetFilename: pick(r, ['/var/log/nginx/access.log.1', '/tmp/pytest-of-app/cache.db', '/var/lib/logrotate/status']) };
      }
    } else {
      const host = pick(r, winHosts);
      const user = pick(r, users);
      if (kind < 0.4) {
        const [Image, CommandLine, ParentImage] = pick(r, winProcs);
        e = { EventID: 1, Channel: WIN, Computer: host, Image, CommandLine, ParentImage, User: user, ProcessGuid: guid(r), ParentProcessGuid: guid(r), ProcessId: String(1000 + Math.floor(r() * 30000)), IntegrityLevel: 'Medium' };
      } else if (kind < 0.55) {
        e = { EventID: 3, Channel: WIN, Computer: host, Image: pick(r, ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Windows\\System32\\svchost.exe', 'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE']), User: user, Protocol: 'tcp', Initiated: 'true', SourceIp: '10.20.4.' + (10 + Math.floor(r() * 100)), DestinationIp: pick(r, ['142.250.185.68', '52.97.133.194', '10.20.1.15', '10.20.1.80']), DestinationPort: pick(r, ['443', '443', '445', '80']) };
      } else if (kind < 0.7) {
        e = { EventID: 22, Channel: WIN, Computer: host, Image: pick(r, ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Windows\\System32\\svchost.exe', 'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE']), QueryName: pick(r, domains), QueryStatus: '0', QueryResults: '::ffff:10.20.1.15;' };
      } else if (kind < 0.82) {
        e = { EventID: 11, Channel: WIN, Computer: host, Image: pick(r, ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Windows\\System32\\svchost.exe', 'C:\\Windows\\explorer.exe']), TargetFilename: pick(r, ['C:\\Users\\alice\\Downloads\\report.pdf', 'C:\\Windows\\Temp\\MpCmdRun.log', 'C:\\Users\\bob\\AppData\\Local\\Temp\\~DF12AB.tmp', 'C:\\Windows\\Prefetch\\CHROME.EXE-0A1B2C3D.pf']) };
      } else if (kind < 0.92) {
        e = { EventID: 13, Channel: WIN, Computer: host, EventType: 'SetValue', Image: pick(r, ['C:\\Windows\\System32\\svchost.exe', 'C:\\Windows\\explorer.exe']), TargetObject: pick(r, ['HKLM\\System\\CurrentControlSet\\Services\\bam\\State\\UserSettings\\S-1-5-21-1111-2222-3333-1104\\\\Device\\HarddiskVolume3\\Windows\\explorer.exe', 'HKU\\S-1-5-21-1111-2222-3333-1104\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\RecentDocs\\MRUListEx']), Details: 'Binary Data' };
      } else {
        e = { EventID: 7, Channel: WIN, Computer: host, Image: pick(r, ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Windows\\System32\\svchost.exe']), ImageLoaded: pick(r, ['C:\\Windows\\System32\\ntdll.dll', 'C:\\Windows\\System32\\kernel32.dll', 'C:\\Windows\\System32\\crypt32.dll']), Signed: 'true', SignatureStatus: 'Valid' };
      }
    }
    out.push({ t, e });
  }
  return out;
}
export const utc = (ms) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
