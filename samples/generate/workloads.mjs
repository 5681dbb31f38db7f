// Run from the repository root: node samples/generate/workloads.mjs
// samples/benign/workloads.ndjson: twelve hours (2026-11-19 12:00-24:00 UTC) of benign activity
// that uses the same binaries and lineages as the chain rules of rules/, with real process trees
// (ProcessGuid / ParentProcessGuid): admin consoles and SSH sessions, help-desk directory lookups, MSI
// installs and per-user updaters, Windows and Defender updates, developer workloads (VS Code, git,
// npm, MSBuild, dotnet, curl), RDP and WinRM administration from a jump host, WMI monitoring,
// scheduled inventory scripts, apt upgrades, a kubectl install, Jenkins builds, PHP and Tomcat
// shelling out, cron jobs with health pings, a hand-written systemd unit. Deterministic (seeded).
import { mkdirSync, writeFileSync } from 'node:fs';
import { noise, rng, utc } from './noise.mjs';

const WIN = 'Microsoft-Windows-Sysmon/Operational';
const LNX = 'Linux-Sysmon/Operational';
// After samples/benign/baseline.ndjson (2026-11-19 08:00-11:00), so that a run over the folder reads one
// stream in time order (an event far behind the latest one seen is late and not correlated).
const START = Date.parse('2026-11-19T12:00:00Z');
const SPAN = 12 * 3600_000;
const r = rng(20261119);
const pick = (a) => a[Math.floor(r() * a.length)];
const between = (lo, hi) => lo + Math.floor(r() * (hi - lo));
const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(r() * 16)]).join('');
const newGuid = () => `{${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}}`;
const items = [];
const emit = (t, e) => items.push({ t, e });

const S32 = 'C:\\Windows\\System32\\';
const PS = S32 + 'WindowsPowerShell\\v1.0\\powershell.exe';
const workstations = ['WS042.corp.example', 'WS017.corp.example', 'WS108.corp.example'];
const servers = ['FS01.corp.example', 'SRV-APP01.corp.example'];
const employees = [['CORP\\alice', 'alice'], ['CORP\\bob', 'bob'], ['CORP\\carol', 'carol']];
const admins = ['CORP\\adm-bob', 'CORP\\adm-eve'];
const linuxHosts = ['web01.corp.example', 'db01.corp.example', 'build02.corp.example'];

/** A process on a host: its start event is emitted, the returned handle starts children. */
function winProcess(t, host, user, image, commandLine, parent, extra = {}) {
  const p = { guid: newGuid(), pid: String(between(1000, 30000)), image, commandLine, host, user };
  const e = { EventID: 1, Channel: WIN, Computer: host, ProcessGuid: p.guid, ProcessId: p.pid, Image: image, CommandLine: commandLine, User: user, IntegrityLevel: 'Medium', ...extra };
  if (parent) Object.assign(e, { ParentProcessGuid: parent.guid, ParentProcessId: parent.pid, ParentImage: parent.image, ParentCommandLine: parent.commandLine });
  emit(t, e);
  return p;
}
const winFile = (t, p, TargetFilename) => emit(t, { EventID: 11, Channel: WIN, Computer: p.host, ProcessGuid: p.guid, ProcessId: p.pid, Image: p.image, TargetFilename, User: p.user });
const winConnect = (t, p, DestinationIp, DestinationPort) => emit(t, { EventID: 3, Channel: WIN, Computer: p.host, ProcessGuid: p.guid, ProcessId: p.pid, Image: p.image, User: p.user, Protocol: 'tcp', Initiated: 'true', SourceIp: '10.20.4.' + between(10, 200), SourcePort: String(between(49152, 65535)), DestinationIp, DestinationPort });
const winInbound = (t, host, image, port, SourceIp, SourceHostname) => emit(t, { EventID: 3, Channel: WIN, Computer: host, ProcessGuid: newGuid(), Image: image, Protocol: 'tcp', Initiated: 'false', SourceIp, SourceHostname, SourcePort: String(between(49152, 65535)), DestinationIp: '10.20.1.' + between(10, 90), DestinationPort: port });
const winRegistry = (t, p, TargetObject, Details) => emit(t, { EventID: 13, Channel: WIN, Computer: p.host, EventType: 'SetValue', ProcessGuid: p.guid, ProcessId: p.pid, Image: p.image, TargetObject, Details, User: p.user });
const winFileTime = (t, p, TargetFilename) => emit(t, { EventID: 2, Channel: WIN, Computer: p.host, ProcessGuid: p.guid, ProcessId: p.pid, Image: p.image, TargetFilename, CreationUtcTime: '2026-10-02 11:04:12.000', PreviousCreationUtcTime: utc(t), User: p.user });
const system = (host, image, commandLine) => ({ guid: newGuid(), pid: String(between(400, 1200)), image, commandLine, host, user: 'NT AUTHORITY\\SYSTEM' });

function adminConsole(t) {
  const host = pick([...workstations, ...servers]);
  const user = pick(admins);
  const explorer = system(host, 'C:\\Windows\\explorer.exe', 'C:\\Windows\\Explorer.EXE');
  const cmd = winProcess(t, host, user, S32 + 'cmd.exe', '"C:\\Windows\\system32\\cmd.exe"', explorer, { IntegrityLevel: 'High' });
  const recon = [['whoami.exe', 'whoami /groups'], ['ipconfig.exe', 'ipconfig /all'], ['hostname.exe', 'hostname'], ['tasklist.exe', 'tasklist /svc'], ['netstat.exe', 'netstat -ano'], ['systeminfo.exe', 'systeminfo'], ['quser.exe', 'quser']];
  const chores = [['PING.EXE', 'ping -n 2 fs01.corp.example'], ['nslookup.exe', 'nslookup fs01.corp.example'], ['gpupdate.exe', 'gpupdate /force'], ['sc.exe', 'sc query spooler'], ['net.exe', 'net use Z: \\\\FS01\\shares'], ['certutil.exe', 'certutil -store my'], ['reg.exe', 'reg query HKLM\\Software\\Contoso']];
  // An admin session mixes a few status commands (at most three different ones) with chores.
  const commands = [...Array.from({ length: between(1, 4) }, () => pick(recon)), ...Array.from({ length: between(2, 5) }, () => pick(chores))].sort(() => r() - 0.5);
  let at = t;
  for (const [exe, line] of commands) {
    at += between(25_000, 90_000);
    winProcess(at, host, user, S32 + exe, line, cmd, { IntegrityLevel: 'High' });
  }
}

function helpdeskLookup(t) {
  const host = pick(workstations);
  const user = 'CORP\\helpdesk-' + pick(['dan', 'fay']);
  const ps = winProcess(t, host, user, PS, 'powershell.exe', system(host, 'C:\\Windows\\explorer.exe', 'C:\\Windows\\Explorer.EXE'));
  const account = pick(['jdoe', 'asmith', 'mlopez', 'kwong']);
  winProcess(t + between(10_000, 60_000), host, user, S32 + 'net.exe', `net user ${account} /domain`, ps);
  if (r() < 0.6) winProcess(t + between(70_000, 180_000), host, user, S32 + 'net.exe', `net group "${pick(['Finance', 'VPN Users', 'Print Operators'])}" /domain`, ps);
  if (r() < 0.3) winProcess(t + between(200_000, 400_000), host, user, PS, `powershell.exe -Command Get-ADUser ${account} -Properties LockedOut`, ps);
}

function msiInstall(t) {
  const host = pick([...workstations, ...servers]);
  const vendor = pick(['Contoso Agent', 'Fabrikam VPN', 'Northwind Backup']);
  const short = vendor.split(' ')[0];
  const dir = `C:\\Program Files\\${vendor}\\`;
  const scm = system(host, S32 + 'services.exe', 'C:\\Windows\\system32\\services.exe');
  const msi = winProcess(t, host, 'NT AUTHORITY\\SYSTEM', S32 + 'msiexec.exe', 'C:\\Windows\\system32\\msiexec.exe /V', scm);
  for (const [i, file] of ['agent.exe', 'tray.exe', 'shellext.dll', 'update.exe'].entries()) {
    winFile(t + 2000 + i * 300, msi, dir + file);
    winFileTime(t + 2100 + i * 300, msi, dir + file);
  }
  winRegistry(t + 4000, scm, `HKLM\\System\\CurrentControlSet\\Services\\${short}Svc\\ImagePath`, `"${dir}agent.exe"`);
  const agent = winProcess(t + 5000, host, 'NT AUTHORITY\\SYSTEM', dir + 'agent.exe', `"${dir}agent.exe"`, scm);
  winConnect(t + 6000, agent, '52.97.133.194', '443');
  winRegistry(t + 7000, msi, `HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\${short}Tray`, `"${dir}tray.exe" /background`);
  const schedule = system(host, S32 + 'svchost.exe', 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule');
  winFile(t + 8000, schedule, `C:\\Windows\\System32\\Tasks\\${short} Update`);
  winProcess(t + 9000 + between(0, 60_000), host, 'NT AUTHORITY\\SYSTEM', dir + 'update.exe', `"${dir}update.exe" /check`, schedule);
}

function perUserUpdater(t) {
  const host = pick(workstations);
  const [user, name] = pick(employees);
  const base = `C:\\Users\\${name}\\AppData\\Local\\ContosoChat\\`;
  const version = `app-2.${between(1, 9)}.${between(0, 20)}`;
  const updater = winProcess(t, host, user, base + 'Update.exe', `"${base}Update.exe" --checkForUpdate`, system(host, 'C:\\Windows\\explorer.exe', 'C:\\Windows\\Explorer.EXE'));
  winConnect(t + 1000, updater, '203.0.113.20', '443');
  winFile(t + 20_000, updater, `${base}${version}\\ContosoChat.exe`);
  winFile(t + 20_500, updater, `${base}${version}\\ffmpeg.dll`);
  const app = winProcess(t + 25_000, host, user, `${base}${version}\\ContosoChat.exe`, `"${base}${version}\\ContosoChat.exe" --squirrel-updated`, updater);
  // The updater checks on (and may close) the running copies of the app.
  for (let i = 0; i < 3; i++) emit(t + 10_000 + i * 50, { EventID: 10, Channel: WIN, Computer: host, SourceProcessGUID: updater.guid, SourceProcessId: updater.pid, SourceImage: updater.image, TargetProcessGUID: newGuid(), TargetProcessId: String(between(1000, 30000)), TargetImage: `${base}app-2.0.0\\ContosoChat.exe`, GrantedAccess: '0x1fffff', SourceUser: user, TargetUser: user });
  winRegistry(t + 26_000, updater, `HKU\\S-1-5-21-1111-2222-3333-1104\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\ContosoChat`, `"${base}Update.exe" --processStart "ContosoChat.exe"`);
  winConnect(t + 27_000, app, '203.0.113.21', '443');
}

function windowsUpdate(t) {
  const host = pick([...workstations, ...servers]);
  const scm = system(host, S32 + 'services.exe', 'C:\\Windows\\system32\\services.exe');
  const wu = winProcess(t, host, 'NT AUTHORITY\\SYSTEM', S32 + 'svchost.exe', 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s wuauserv', scm);
  winConnect(t + 2000, wu, '13.107.4.50', '443');
  const ti = winProcess(t + 60_000, host, 'NT AUTHORITY\\SYSTEM', 'C:\\Windows\\WinSxS\\amd64_microsoft-windows-servicingstack_31bf3856ad364e35_10.0.19041.5000_none_7c9f5a0c8d6f1b2a\\TiWorker.exe', 'C:\\Windows\\winsxs\\amd64_microsoft-windows-servicingstack\\TiWorker.exe -Embedding', scm);
  for (let i = 0; i < 4; i++) {
    const file = `C:\\Windows\\WinSxS\\amd64_microsoft-windows-${pick(['ntdll', 'kernelbase', 'mshtml', 'win32k'])}_31bf3856ad364e35_10.0.19041.${between(5000, 5300)}_none\\${pick(['ntdll.dll', 'KernelBase.dll', 'mshtml.dll', 'win32kfull.sys'])}`;
    winFile(t + 61_000 + i * 500, ti, file);
    winFileTime(t + 61_100 + i * 500, ti, file);
  }
  const platform = 'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0\\';
  const defender = system(host, platform + 'MsMpEng.exe', `"${platform}MsMpEng.exe"`);
  winProcess(t + 120_000, host, 'NT AUTHORITY\\SYSTEM', platform + 'MpCmdRun.exe', `"${platform}MpCmdRun.exe" SignatureUpdate -ScheduleJob -RestrictPrivileges`, wu);
  emit(t + 130_000, { EventID: 10, Channel: WIN, Computer: host, SourceProcessGUID: defender.guid, SourceProcessId: defender.pid, SourceImage: defender.image, TargetProcessGUID: newGuid(), TargetProcessId: '712', TargetImage: S32 + 'lsass.exe', GrantedAccess: '0x1fffff', SourceUser: 'NT AUTHORITY\\SYSTEM', TargetUser: 'NT AUTHORITY\\SYSTEM' });
  winFile(t + 131_000, defender, 'C:\\ProgramData\\Microsoft\\Windows Defender\\Support\\MPLog-20261118.log');
}

function developerDay(t) {
  const [host, user, name] = pick([['WS042.corp.example', 'CORP\\alice', 'alice'], ['WS017.corp.example', 'CORP\\bob', 'bob']]);
  const codeExe = `C:\\Users\\${name}\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe`;
  const code = winProcess(t, host, user, codeExe, `"${codeExe}"`, system(host, 'C:\\Windows\\explorer.exe', 'C:\\Windows\\Explorer.EXE'));
  const shell = winProcess(t + 5000, host, user, PS, 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe -NoLogo', code);
  const git = winProcess(t + 20_000, host, user, 'C:\\Program Files\\Git\\cmd\\git.exe', 'git pull --rebase', shell);
  winConnect(t + 21_000, git, '140.82.121.4', '443');
  const npm = winProcess(t + 60_000, host, user, 'C:\\Program Files\\nodejs\\node.exe', '"C:\\Program Files\\nodejs\\node.exe" "C:\\Program Files\\nodejs\\node_modules\\npm\\bin\\npm-cli.js" ci', shell);
  winConnect(t + 61_000, npm, '104.16.26.34', '443');
  const esbuild = `C:\\src\\web\\node_modules\\@esbuild\\win32-x64\\esbuild.exe`;
  winFile(t + 70_000, npm, esbuild);
  winProcess(t + 75_000, host, user, esbuild, `${esbuild} --version`, npm);
  const vsMsbuild = 'C:\\Program Files\\Microsoft Visual Studio\\2022\\Professional\\MSBuild\\Current\\Bin\\amd64\\MSBuild.exe';
  const msbuild = winProcess(t + 120_000, host, user, vsMsbuild, `"${vsMsbuild}" C:\\src\\api\\Api.sln /restore /m`, shell);
  winConnect(t + 121_000, msbuild, '152.199.4.184', '443');
  const dotnet = winProcess(t + 130_000, host, user, 'C:\\Program Files\\dotnet\\dotnet.exe', '"C:\\Program Files\\dotnet\\dotnet.exe" exec "C:\\Program Files\\dotnet\\sdk\\8.0.404\\Roslyn\\bincore\\csc.dll" @obj\\Debug\\csc.rsp', msbuild);
  winFile(t + 150_000, dotnet, 'C:\\src\\api\\bin\\Debug\\net8.0\\Api.exe');
  const api = winProcess(t + 160_000, host, user, 'C:\\src\\api\\bin\\Debug\\net8.0\\Api.exe', 'C:\\src\\api\\bin\\Debug\\net8.0\\Api.exe --urls http://localhost:5000', shell);
  winConnect(t + 162_000, api, '10.20.1.80', '1433');
  winProcess(t + 200_000, host, user, 'C:\\Program Files\\Git\\cmd\\git.exe', 'git status', shell);
  if (r() < 0.25) {
    // A developer fetching a command-line tool with curl and trying it: allow-listed in known-fps.csv.
    const tool = `C:\\Users\\${name}\\tools\\jq.exe`;
    const curl = winProcess(t + 240_000, host, user, S32 + 'curl.exe', `curl.exe -L -o ${tool} https://github.com/jqlang/jq/releases/download/jq-1.7.1/jq-windows-amd64.exe`, shell);
    winConnect(t + 241_000, curl, '140.82.121.4', '443');
    winFile(t + 243_000, curl, tool);
    winProcess(t + 250_000, host, user, tool, `${tool} --version`, shell);
  }
}

function officeWork(t) {
  const host = pick(workstations);
  const [user, name] = pick(employees);
  const explorer = system(host, 'C:\\Windows\\explorer.exe', 'C:\\Windows\\Explorer.EXE');
  const word = winProcess(t, host, user, 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE', '"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE" /n "\\\\FS01\\shares\\Finance\\Q3.docx"', explorer);
  winConnect(t + 2000, word, '52.97.133.194', '443');
  if (r() < 0.5) winProcess(t + between(60_000, 600_000), host, user, 'C:\\Windows\\splwow64.exe', 'C:\\Windows\\splwow64.exe 8192', word);
  const outlook = winProcess(t + 5000, host, user, 'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE', '"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE"', explorer);
  winFile(t + between(60_000, 900_000), outlook, `C:\\Users\\${name}\\AppData\\Local\\Microsoft\\Windows\\INetCache\\Content.Outlook\\K3J9QX2A\\${pick(['invoice.pdf', 'minutes.docx', 'budget.xlsx'])}`);
  const acro = winProcess(t + between(60_000, 900_000), host, user, 'C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\Acrobat.exe', '"C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\Acrobat.exe" invoice.pdf', explorer);
  winProcess(t + between(900_000, 1_000_000), host, user, 'C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\acrocef_1\\AcroCEF.exe', '"C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\acrocef_1\\AcroCEF.exe" --type=renderer', acro);
  const chrome = winProcess(t + 30_000, host, user, 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', '"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe"', explorer);
  if (r() < 0.3) {
    const installer = `C:\\Users\\${name}\\Downloads\\ZoomInstallerFull.exe`;
    winFile(t + 40_000, chrome, installer);
    winProcess(t + 60_000, host, user, installer, `"${installer}"`, explorer);
  }
}

function rdpAdministration(t) {
  const host = pick(servers);
  winInbound(t, host, S32 + 'svchost.exe', '3389', '10.20.4.5', 'JMP01.corp.example');
  const user = pick(admins);
  const winlogon = system(host, S32 + 'winlogon.exe', 'winlogon.exe');
  const userinit = winProcess(t + 8000, host, user, S32 + 'userinit.exe', 'C:\\Windows\\system32\\userinit.exe', winlogon);
  const explorer = winProcess(t + 9000, host, user, 'C:\\Windows\\explorer.exe', 'C:\\Windows\\Explorer.EXE', userinit);
  winProcess(t + 10_000, host, user, S32 + 'rdpclip.exe', 'rdpclip', system(host, S32 + 'svchost.exe', 'C:\\Windows\\System32\\svchost.exe -k termsvcs'));
  winProcess(t + 40_000, host, user, S32 + 'mmc.exe', '"C:\\Windows\\system32\\mmc.exe" "C:\\Windows\\system32\\services.msc"', explorer);
  if (r() < 0.3) winProcess(t + 60_000, host, user, S32 + 'osk.exe', '"C:\\Windows\\System32\\osk.exe"', explorer, { OriginalFileName: 'OSK.EXE' });
}

function winrmAdministration(t) {
  const host = pick(servers);
  const user = pick(admins);
  // The jump host JMP01 administers servers over PowerShell remoting: allow-listed in known-fps.csv.
  winInbound(t, host, 'System', '5985', '10.20.4.5', 'JMP01.corp.example');
  const scm = system(host, S32 + 'svchost.exe', 'C:\\Windows\\system32\\svchost.exe -k DcomLaunch -p');
  const remote = winProcess(t + 1500, host, user, S32 + 'wsmprovhost.exe', 'C:\\Windows\\system32\\wsmprovhost.exe -Embedding', scm);
  if (r() < 0.5) winProcess(t + 4000, host, user, S32 + pick(['ipconfig.exe', 'gpupdate.exe', 'sc.exe']), pick(['ipconfig /all', 'gpupdate /target:computer', 'sc query ContosoSvc']), remote);
}

function wmiMonitoring(t) {
  const host = pick(servers);
  const wmi = system(host, S32 + 'wbem\\WmiPrvSE.exe', 'C:\\Windows\\system32\\wbem\\wmiprvse.exe -secured -Embedding');
  // The monitoring product runs its check through WMI: allow-listed in known-fps.csv.
  const cmd = winProcess(t, host, 'NT AUTHORITY\\SYSTEM', S32 + 'cmd.exe', 'cmd.exe /c "C:\\Program Files\\Contoso Monitor\\check.cmd"', wmi, { IntegrityLevel: 'System' });
  winProcess(t + 300, host, 'NT AUTHORITY\\SYSTEM', S32 + 'conhost.exe', '\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1', cmd);
  winProcess(t + 600, host, 'NT AUTHORITY\\SYSTEM', S32 + 'cscript.exe', 'cscript //nologo "C:\\Program Files\\Contoso Monitor\\disk.vbs"', cmd);
}

function inventoryTask(t) {
  const host = pick([...workstations, ...servers]);
  const schedule = system(host, S32 + 'svchost.exe', 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule');
  const ps = winProcess(t, host, 'NT AUTHORITY\\SYSTEM', PS, 'powershell.exe -NoProfile -ExecutionPolicy Bypass -File C:\\Scripts\\inventory.ps1', schedule, { IntegrityLevel: 'System' });
  let at = t;
  for (const [exe, line] of [['systeminfo.exe', 'systeminfo /fo csv'], ['ipconfig.exe', 'ipconfig /all'], ['wmic.exe', 'wmic product get name,version']]) {
    at += between(2000, 8000);
    winProcess(at, host, 'NT AUTHORITY\\SYSTEM', S32 + exe, line, ps, { IntegrityLevel: 'System' });
  }
  winFile(at + 1000, ps, `\\\\FS01\\inventory$\\${host}.csv`);
}

function fileServerTraffic(t) {
  winInbound(t, 'FS01.corp.example', 'System', '445', '10.20.4.' + between(10, 200));
  const smbServer = system('FS01.corp.example', 'System', '');
  // Clients browse shares and sessions through a few RPC pipes.
  for (let i = between(0, 3); i > 0; i--) emit(t + 200 + i * 100, { EventID: 18, Channel: WIN, Computer: 'FS01.corp.example', EventType: 'ConnectPipe', ProcessGuid: smbServer.guid, ProcessId: '4', PipeName: pick(['\\srvsvc', '\\wkssvc', '\\lsarpc', '\\spoolss']), Image: 'System', User: 'NT AUTHORITY\\SYSTEM' });
  winFile(t + 500, smbServer, `D:\\Shares\\${pick(['Finance', 'HR', 'Projects'])}\\${pick(['report', 'plan', 'notes'])}-${between(1, 99)}.${pick(['docx', 'xlsx', 'pdf'])}`);
}

function workstationLogon(t) {
  // Group policy, logon scripts, home and print shares: SMB to the domain controllers and servers.
  const host = pick(workstations);
  const smbClient = system(host, 'System', '');
  for (const [i, server] of ['10.20.1.11', '10.20.1.12', '10.20.1.15', '10.20.1.30'].entries()) if (r() < 0.9) winConnect(t + i * between(200, 3000), smbClient, server, '445');
}

/** A Linux process; Sysmon for Linux has no ParentCommandLine for most shippers, but ours does. */
function lnxProcess(t, host, user, image, commandLine, parent, extra = {}) {
  const p = { guid: newGuid(), pid: String(between(1000, 60000)), image, commandLine, host, user };
  const e = { EventID: 1, Channel: LNX, Computer: host, ProcessGuid: p.guid, ProcessId: p.pid, Image: image, CommandLine: commandLine, User: user, CurrentDirectory: extra.cwd ?? '/' };
  if (parent) Object.assign(e, { ParentProcessGuid: parent.guid, ParentProcessId: parent.pid, ParentImage: parent.image, ParentCommandLine: parent.commandLine });
  emit(t, e);
  return p;
}
const lnxFile = (t, p, TargetFilename) => emit(t, { EventID: 11, Channel: LNX, Computer: p.host, ProcessGuid: p.guid, ProcessId: p.pid, Image: p.image, TargetFilename, User: p.user });
const lnxConnect = (t, p, DestinationIp, DestinationPort) => emit(t, { EventID: 3, Channel: LNX, Computer: p.host, ProcessGuid: p.guid, ProcessId: p.pid, Image: p.image, User: p.user, Protocol: 'tcp', Initiated: 'true', SourceIp: '10.20.8.' + between(10, 40), SourcePort: String(between(32768, 60999)), DestinationIp, DestinationPort });
const lnxDaemon = (host, image, commandLine, user = 'root') => ({ guid: newGuid(), pid: String(between(300, 2000)), image, commandLine, host, user });

function sshSession(t) {
  const host = pick(linuxHosts);
  const user = pick(['alice', 'bob', 'root']);
  const sshd = lnxDaemon(host, '/usr/sbin/sshd', `sshd: ${user} [priv]`);
  const bash = lnxProcess(t, host, user, '/usr/bin/bash', '-bash', sshd);
  // Login profile: a few identity commands at once.
  lnxProcess(t + 100, host, user, '/usr/bin/id', 'id -u', bash);
  lnxProcess(t + 200, host, user, '/usr/bin/uname', 'uname -s', bash);
  lnxProcess(t + 300, host, user, '/usr/bin/hostname', 'hostname -s', bash);
  const work = [['/usr/bin/df', 'df -h'], ['/usr/bin/free', 'free -m'], ['/usr/bin/uptime', 'uptime'], ['/usr/bin/ps', 'ps aux --sort=-%mem'], ['/usr/bin/ss', 'ss -tlnp'], ['/usr/bin/ip', 'ip a'], ['/usr/bin/systemctl', 'systemctl status nginx'], ['/usr/bin/journalctl', 'journalctl -u nginx --since today'], ['/usr/bin/tail', 'tail -n 100 /var/log/syslog'], ['/usr/bin/top', 'top -b -n 1'], ['/usr/bin/vim', 'vim /etc/nginx/sites-available/default'], ['/usr/bin/grep', 'grep -r error /var/log/nginx']];
  let at = t;
  for (let i = between(4, 10); i > 0; i--) {
    at += between(15_000, 60_000);
    const [image, line] = pick(work);
    lnxProcess(at, host, user, image, line, bash);
  }
}

function aptUpgrade(t) {
  const host = pick(linuxHosts);
  const unattended = lnxProcess(t, host, 'root', '/usr/bin/python3.11', '/usr/bin/python3 /usr/bin/unattended-upgrade', lnxDaemon(host, '/usr/lib/systemd/systemd', '/sbin/init'));
  const method = lnxProcess(t + 1000, host, 'root', '/usr/lib/apt/methods/http', '/usr/lib/apt/methods/http', unattended);
  lnxConnect(t + 1500, method, '151.101.2.132', '80');
  const dpkg = lnxProcess(t + 30_000, host, 'root', '/usr/bin/dpkg', 'dpkg --status-fd 3 --configure --pending', unattended);
  const pkg = pick([['nginx', '/usr/sbin/nginx', '/usr/sbin/nginx -g daemon on; master_process on;'], ['certbot', '/usr/bin/certbot', '/usr/bin/certbot -q renew'], ['sysstat', '/usr/lib/sysstat/sadc', '/usr/lib/sysstat/sadc -F -L -S DISK 60 2 /var/log/sysstat']]);
  lnxFile(t + 31_000, dpkg, `/usr/lib/systemd/system/${pkg[0]}.service`);
  lnxFile(t + 31_500, dpkg, `/etc/cron.d/${pkg[0]}`);
  lnxProcess(t + 35_000, host, 'root', '/usr/bin/systemctl', `systemctl restart ${pkg[0]}.service`, dpkg);
  lnxProcess(t + 36_000, host, 'root', pkg[1], pkg[2], lnxDaemon(host, '/usr/lib/systemd/systemd', '/sbin/init'));
}

function kubectlInstall(t) {
  const host = 'build02.corp.example';
  const bash = lnxProcess(t, host, 'deploy', '/usr/bin/bash', '-bash', lnxDaemon(host, '/usr/sbin/sshd', 'sshd: deploy [priv]'));
  const curl = lnxProcess(t + 5000, host, 'deploy', '/usr/bin/curl', 'curl -LO https://dl.k8s.io/release/v1.31.0/bin/linux/amd64/kubectl', bash, { cwd: '/home/deploy' });
  lnxConnect(t + 5500, curl, '34.107.204.206', '443');
  lnxFile(t + 8000, curl, '/home/deploy/kubectl');
  lnxProcess(t + 10_000, host, 'deploy', '/usr/bin/chmod', 'chmod +x kubectl', bash, { cwd: '/home/deploy' });
  lnxProcess(t + 12_000, host, 'deploy', '/usr/bin/sudo', 'sudo mv kubectl /usr/local/bin/', bash, { cwd: '/home/deploy' });
  const kubectl = lnxProcess(t + 20_000, host, 'deploy', '/usr/local/bin/kubectl', 'kubectl get nodes', bash);
  lnxConnect(t + 20_500, kubectl, '10.20.8.40', '6443');
}

function jenkinsBuild(t) {
  const host = 'build02.corp.example';
  const agent = lnxDaemon(host, '/usr/bin/java', 'java -jar /var/lib/jenkins/agent.jar -jnlpUrl https://ci.corp.example/computer/build02/jenkins-agent.jnlp', 'jenkins');
  const ws = `/var/lib/jenkins/workspace/app-${between(1, 5)}`;
  const sh = lnxProcess(t, host, 'jenkins', '/usr/bin/sh', `sh -xe /tmp/jenkins${between(1000, 9999)}.sh`, agent, { cwd: ws });
  const git = lnxProcess(t + 1000, host, 'jenkins', '/usr/bin/git', 'git fetch --tags --force --progress -- https://git.corp.example/app.git', sh, { cwd: ws });
  lnxConnect(t + 1500, git, '10.20.8.50', '443');
  const curl = lnxProcess(t + 20_000, host, 'jenkins', '/usr/bin/curl', `curl -fsSLo ${ws}/tools/protoc.zip https://github.com/protocolbuffers/protobuf/releases/download/v28.3/protoc-28.3-linux-x86_64.zip`, sh, { cwd: ws });
  lnxFile(t + 24_000, curl, `${ws}/tools/protoc.zip`);
  lnxProcess(t + 25_000, host, 'jenkins', '/usr/bin/unzip', `unzip -o ${ws}/tools/protoc.zip -d ${ws}/tools`, sh, { cwd: ws });
  lnxProcess(t + 26_000, host, 'jenkins', '/usr/bin/chmod', `chmod +x ${ws}/tools/bin/protoc ${ws}/gradlew`, sh, { cwd: ws });
  const gradle = lnxProcess(t + 27_000, host, 'jenkins', '/usr/lib/jvm/java-17-openjdk-amd64/bin/java', 'java -classpath gradle/wrapper/gradle-wrapper.jar org.gradle.wrapper.GradleWrapperMain build', sh, { cwd: ws });
  lnxConnect(t + 28_000, gradle, '104.18.20.107', '443');
  lnxProcess(t + 60_000, host, 'jenkins', '/usr/bin/sh', 'sh -c /var/lib/jenkins/workspace/app/tools/bin/protoc --version', gradle, { cwd: ws });
}

function webApplications(t) {
  const host = 'web01.corp.example';
  const fpm = lnxDaemon(host, '/usr/sbin/php-fpm8.2', 'php-fpm: pool www', 'www-data');
  const sh = lnxProcess(t, host, 'www-data', '/usr/bin/dash', `sh -c convert /var/www/uploads/${hex(8)}.png -resize 200x200 /var/www/thumbs/${hex(8)}.png`, fpm, { cwd: '/var/www/html' });
  lnxProcess(t + 50, host, 'www-data', '/usr/bin/convert-im6.q16', 'convert /var/www/uploads/a.png -resize 200x200 /var/www/thumbs/a.png', sh, { cwd: '/var/www/html' });
  if (r() < 0.3) {
    const mail = lnxProcess(t + 1000, host, 'www-data', '/usr/bin/dash', 'sh -c /usr/sbin/sendmail -t -i', fpm, { cwd: '/var/www/html' });
    lnxProcess(t + 1050, host, 'www-data', '/usr/sbin/sendmail', '/usr/sbin/sendmail -t -i', mail);
  }
}

function tomcatMaintenance(t) {
  const host = pick(['web01.corp.example', 'db01.corp.example']);
  const tomcat = lnxDaemon(host, '/usr/lib/jvm/java-17-openjdk-amd64/bin/java', '/usr/lib/jvm/java-17-openjdk-amd64/bin/java -classpath /opt/tomcat/bin/bootstrap.jar org.apache.catalina.startup.Bootstrap start', 'tomcat');
  const sh = lnxProcess(t, host, 'tomcat', '/usr/bin/sh', 'sh -c /opt/tomcat/bin/cleanup-temp.sh', tomcat);
  lnxProcess(t + 100, host, 'tomcat', '/usr/bin/find', 'find /opt/tomcat/temp -mtime +1 -delete', sh);
}

function cronJobs(t) {
  const host = pick(linuxHosts);
  const cron = lnxDaemon(host, '/usr/sbin/cron', '/usr/sbin/cron -f');
  const job = pick([
    ['/usr/bin/dash', '/bin/sh -c cd / && run-parts --report /etc/cron.hourly'],
    ['/usr/bin/dash', '/bin/sh -c /usr/local/bin/backup.sh && curl -fsS -m 10 https://hc.corp.example/ping/backup'],
    ['/usr/bin/dash', '/bin/sh -c command -v debian-sa1 > /dev/null && debian-sa1 1 1'],
    ['/usr/bin/dash', '/bin/sh -c test -x /usr/sbin/anacron || ( cd / && run-parts --report /etc/cron.daily )'],
  ]);
  const sh = lnxProcess(t, host, 'root', job[0], job[1], cron);
  if (job[1].includes('curl')) lnxConnect(t + 2000, lnxProcess(t + 1500, host, 'root', '/usr/bin/curl', 'curl -fsS -m 10 https://hc.corp.example/ping/backup', sh), '10.20.8.60', '443');
  if (r() < 0.05) {
    // An admin editing root's crontab.
    const bash = lnxProcess(t - 40_000, host, 'root', '/usr/bin/bash', '-bash', lnxDaemon(host, '/usr/sbin/sshd', 'sshd: root [priv]'));
    lnxFile(t - 20_000, lnxProcess(t - 30_000, host, 'root', '/usr/bin/crontab', 'crontab -e', bash), '/var/spool/cron/crontabs/root');
  }
}

function handWrittenUnit(t) {
  const host = 'db01.corp.example';
  const bash = lnxProcess(t, host, 'root', '/usr/bin/bash', '-bash', lnxDaemon(host, '/usr/sbin/sshd', 'sshd: root [priv]'));
  const vim = lnxProcess(t + 5000, host, 'root', '/usr/bin/vim', 'vim /etc/systemd/system/report-exporter.service', bash);
  lnxFile(t + 90_000, vim, '/etc/systemd/system/report-exporter.service');
  lnxProcess(t + 100_000, host, 'root', '/usr/bin/systemctl', 'systemctl enable --now report-exporter.service', bash);
  const exporter = lnxProcess(t + 101_000, host, 'exporter', '/opt/report-exporter/bin/report-exporter', '/opt/report-exporter/bin/report-exporter --listen :9187', lnxDaemon(host, '/usr/lib/systemd/systemd', '/sbin/init'));
  lnxConnect(t + 102_000, exporter, '10.20.8.31', '5432');
}

const scenarios = [
  [adminConsole, 60], [helpdeskLookup, 40], [msiInstall, 15], [perUserUpdater, 30], [windowsUpdate, 20],
  [developerDay, 25], [officeWork, 40], [rdpAdministration, 20], [winrmAdministration, 20], [wmiMonitoring, 12],
  [inventoryTask, 40], [fileServerTraffic, 250], [workstationLogon, 60], [sshSession, 45], [aptUpgrade, 10], [kubectlInstall, 3],
  [jenkinsBuild, 20], [webApplications, 80], [tomcatMaintenance, 15], [cronJobs, 150], [handWrittenUnit, 1],
];
for (const [scenario, count] of scenarios) for (let i = 0; i < count; i++) scenario(START + 60_000 + Math.floor(r() * (SPAN - 20 * 60_000)));
items.push(...noise(20261121, 1500, START, SPAN));
items.sort((a, b) => a.t - b.t);
mkdirSync('samples/benign', { recursive: true });
writeFileSync('samples/benign/workloads.ndjson', items.map(({ t, e }) => JSON.stringify({ ...e, UtcTime: utc(t) })).join('\n') + '\n');
console.log(items.length, 'benign workload events');
