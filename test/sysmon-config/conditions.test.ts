/** Each of the 16 conditions, with the rule-engine behaviour of SysmonCommon rules.c. */
import { describe, expect, it } from 'vitest';
import { CONDITION_TABLE, compileCondition, fold } from '../../engine/sysmon-config/conditions.js';
import type { ConditionName } from '../../engine/sysmon-config/model.js';

const matches = (condition: ConditionName, rule: string, value: string) => compileCondition(condition, rule)(fold(value));

describe('filter conditions', () => {
  it.each<[ConditionName, string, string, boolean]>([
    ['is', 'C:\\Windows\\System32\\cmd.exe', 'c:\\windows\\system32\\CMD.EXE', true],
    ['is', 'cmd.exe', 'C:\\Windows\\System32\\cmd.exe', false],
    ['is not', 'cmd.exe', 'CMD.exe', false],
    ['is not', 'cmd.exe', 'powershell.exe', true],
    ['is any', 'a.exe;B.exe', 'b.EXE', true],
    ['is any', 'a.exe;b.exe', 'c.exe', false],
    ['is any', '', '', true],
    ['is any', ';;;', 'x', false],
    ['contains', 'Temp', 'C:\\Users\\x\\AppData\\Local\\TEMP\\a.exe', true],
    ['contains', 'Temp', 'C:\\Windows\\a.exe', false],
    ['contains', '', 'anything', true],
    ['contains', '', '', false],
    ['contains any', 'http;ftp', 'curl FTP://x', true],
    ['contains any', 'http;ftp', 'curl sftp', true],
    ['contains any', 'http;ftp', 'curl ssh', false],
    ['contains any', 'http;', 'curl ssh', true],
    ['contains all', 'delete;shadows', 'vssadmin Delete Shadows /all', true],
    ['contains all', 'delete;shadows', 'vssadmin delete', false],
    ['excludes', 'Microsoft', 'Microsoft Windows', false],
    ['excludes', 'Microsoft', 'Acme', true],
    ['excludes', 'x', '', true],
    ['excludes any', 'a;b', 'xbx', false],
    ['excludes any', 'a;b', 'xyz', true],
    ['excludes all', 'a;b', 'a only', true],
    ['excludes all', 'a;b', 'a and b', false],
    ['begin with', 'C:\\Users\\', 'c:\\users\\bob\\a.exe', true],
    ['begin with', 'C:\\Users\\', 'D:\\Users\\bob', false],
    ['not begin with', 'C:\\Windows\\', 'C:\\Users\\a.exe', true],
    ['not begin with', 'C:\\Windows\\', 'c:\\windows\\a.exe', false],
    ['end with', '.EXE', 'C:\\a.exe', true],
    ['end with', 'long.exe', 'g.exe', false],
    ['not end with', '.exe', 'a.dll', true],
    ['not end with', '.exe', 'a.EXE', false],
    ['less than', 'b', 'A', true],
    ['less than', '9', '10', true],
    ['more than', '9', '10', false],
    ['more than', 'TargetString', 'targetstringH', true],
    ['image', 'svchost.exe', 'C:\\Windows\\System32\\svchost.exe', true],
    ['image', 'svchost.exe', 'C:\\Windows\\System32\\svchost.exe\\', false],
    ['image', 'C:\\Windows\\System32\\svchost.exe', 'c:\\windows\\system32\\svchost.exe', true],
    ['image', 'C:\\Windows\\svchost.exe', 'C:\\Windows\\System32\\svchost.exe', false],
    ['image', 'wget', '/usr/bin/wget', false],
    ['image', '/usr/bin/wget', '/usr/bin/wget', true],
  ])('%s %j on %j → %s', (condition, rule, value, expected) => {
    expect(matches(condition, rule, value)).toBe(expected);
  });

  it('has all 16 conditions of the manifest', () => {
    expect(Object.keys(CONDITION_TABLE)).toHaveLength(16);
  });

  it('folds case per UTF-16 unit, keeping lengths', () => {
    expect(fold('ÄÖÜ İ')).toHaveLength(5);
    expect(fold('ÄbC')).toBe('äbc');
  });
});
