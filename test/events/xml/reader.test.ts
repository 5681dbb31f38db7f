import { describe, expect, it } from 'vitest';
import { xmlReader } from '../../../engine/events/xml/reader.js';
import { eventsOf, problemsOf, readAll, sourceOf } from '../helpers.js';

const SYSTEM = '<System><Provider Name="Microsoft-Windows-Sysmon"/><EventID>1</EventID><Computer>ws01</Computer></System>';
const event = (data: string, open = '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">') => `${open}${SYSTEM}<EventData>${data}</EventData></Event>`;

describe('xml reader', () => {
  it('reads an <Events> document with entities, character references and CDATA', async () => {
    const doc = `<?xml version="1.0" encoding="utf-8"?>\n<Events>\n${event('<Data Name="CommandLine">a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#65;&#x42;</Data><Data Name="Image"><![CDATA[C:\\x<y>.exe]]></Data>')}\n</Events>\n`;
    const items = await readAll(xmlReader, sourceOf('doc.xml', doc));
    expect(problemsOf(items)).toEqual([]);
    expect(eventsOf(items)).toEqual([
      { Provider_Name: 'Microsoft-Windows-Sysmon', EventID: 1, Computer: 'ws01', CommandLine: 'a & b <c> "d" \'e\' AB', Image: 'C:\\x<y>.exe', '@source': { input: 'doc.xml', line: 3, record: 1 } },
    ]);
  });

  it('reads namespace-prefixed elements declared on the <Events> root', async () => {
    const doc = `<e:Events xmlns:e="http://schemas.microsoft.com/win/2004/08/events/event"><e:Event><e:System><e:EventID>3</e:EventID></e:System><e:EventData><e:Data Name="DestinationIp">10.0.0.1</e:Data></e:EventData></e:Event></e:Events>`;
    const events = eventsOf(await readAll(xmlReader, sourceOf('ns.xml', doc)));
    expect(events.map((e) => [e.EventID, e.DestinationIp])).toEqual([[3, '10.0.0.1']]);
  });

  it('reads one event per line, across any chunk boundary', async () => {
    const lines = [1, 2, 3].map((i) => event(`<Data Name="ProcessId">${i}</Data><Data Name="Note">x &gt; y</Data>`)).join('\n');
    for (const chunk of [1, 7, 13, 4096]) {
      const events = eventsOf(await readAll(xmlReader, sourceOf('lines.xml', lines, chunk)));
      expect(events.map((e) => [e.ProcessId, e.Note, (e['@source'] as { line: number }).line])).toEqual([
        ['1', 'x > y', 1],
        ['2', 'x > y', 2],
        ['3', 'x > y', 3],
      ]);
    }
  });

  it('does not take <Event> inside attribute values, escaped text, or closed comments, CDATA and PIs without one for an event', async () => {
    const doc = `<Events><!-- <Even t> --><?pi <Events?>${event('<Data Name="A" Note="a > b &lt;Event&gt;"><![CDATA[<x></Event>]]></Data>')}</Events>`;
    const events = eventsOf(await readAll(xmlReader, sourceOf('tricky.xml', doc, 5)));
    expect(events).toHaveLength(1);
    expect(events[0].A).toBe('<x></Event>');
  });

  it('F2: an <Event> start tag ends a comment, CDATA section or PI that is still open, so it cannot swallow later events', async () => {
    // Windows event XML never puts an event inside markup: the start tag is where reading resynchronises.
    const doc = `<Events><!-- ${event('<Data Name="A">commented</Data>')} -->${event('<Data Name="A">real</Data>')}</Events>`;
    const items = await readAll(xmlReader, sourceOf('commented.xml', doc, 5));
    expect(eventsOf(items).map((e) => e.A)).toEqual(['commented', 'real']);
    expect(problemsOf(items)).toEqual(['warning unclosed-markup 1:9']);
  });

  it('skips a malformed event with its line and column and reads the next one', async () => {
    const doc = ['<Events>', event('<Data Name="A">1</Data>'), event('<Data Name="A">2</Dat>'), event('<Data Name="A">bad & amp</Data>'), event('<Data Name="A">4</Data>'), '</Events>'].join('\n');
    const items = await readAll(xmlReader, sourceOf('bad.xml', doc));
    expect(eventsOf(items).map((e) => e.A)).toEqual(['1', '4']);
    const skips = items.filter((i) => i.kind === 'skip');
    expect(skips).toHaveLength(2);
    expect(skips.map((s) => (s.kind === 'skip' ? [s.diagnostic.code, s.diagnostic.where.line, s.diagnostic.where.record] : []))).toEqual([
      ['bad-xml', 3, 2],
      ['bad-xml', 4, 3],
    ]);
    // The column points into the line, past the event's start.
    expect(skips[0].kind === 'skip' && skips[0].diagnostic.where.col).toBeGreaterThan(100);
  });

  it('keeps what is complete of an event cut off by the next <Event>, skips one cut before its EventID', async () => {
    const doc = `<Events>\n<Event><System><EventID>1</EventID></System><EventData><Data Name="A">1</Data><Data Name="B">cu\n${event('<Data Name="A">2</Data>')}\n<Event><System><EventID>9`;
    const items = await readAll(xmlReader, sourceOf('cut.xml', doc));
    expect(eventsOf(items).map((e) => [e.EventID, e.A, e.B, (e['@source'] as { truncated?: true }).truncated])).toEqual([[1, '1', undefined, true], [1, '2', undefined, undefined]]);
    expect(problemsOf(items)).toEqual(['warning salvaged-event 2:1', 'skip truncated-event 4:1']);
  });

  it('reports an event over the size limit without buffering it whole', async () => {
    const { splitEvents } = await import('../../../engine/events/xml/split.js');
    async function* text() {
      yield '<Event><EventData><Data Name="A">';
      for (let i = 0; i < 10; i++) yield 'x'.repeat(100);
      yield '</Data></EventData></Event><Event/>';
    }
    const chunks = [];
    for await (const chunk of splitEvents(text(), 500)) chunks.push(chunk.kind);
    expect(chunks).toEqual(['oversize', 'event']);
  });

  it('sniffs XML documents and bare events but not syslog or JSON', () => {
    expect(xmlReader.sniff(Buffer.from('\uFEFF<?xml version="1.0"?>\r\n<Events><Event>'))).toBe(true);
    expect(xmlReader.sniff(Buffer.from('<Event xmlns="x"><System>'))).toBe(true);
    expect(xmlReader.sniff(Buffer.from('<14>1 2026-03-01T12:00:00Z web01 sysmon - - - <Event><System>'))).toBe(false);
    expect(xmlReader.sniff(Buffer.from('{"EventID": 1}'))).toBe(false);
  });

  const numbered = (n: number, data = '') => event(`<Data Name="N">${n}</Data>${data}`);
  const DEEP = `<Data Name="Deep">${'<x>'.repeat(10_000)}y${'</x>'.repeat(10_000)}</Data>`;
  // Each case: four events, the second broken; the three others must be read, the second skipped (or warned about) where it is.
  it.each([
    ['F1 an event nested 10,000 deep', numbered(2, DEEP), ['skip too-deep']],
    ['F2 a stray quote in the <Event> start tag', numbered(2).replace('<Event ', '<Event a="x" " '), ['skip bad-xml']],
    ['F2 an unclosed comment inside an event', numbered(2, '<!-- open'), ['skip bad-xml']],
    ['F2 an unclosed CDATA section inside an event', numbered(2, '<Data Name="C"><![CDATA[open'), ['skip bad-xml']],
    ['F2 an unclosed processing instruction inside an event', numbered(2, '<?pi open'), ['skip bad-xml']],
    ['F2 an unclosed comment between events', `<!-- open\n${numbered(2)}`, ['warning unclosed-markup']],
    ['F2 a start tag cut off by the next event', numbered(2).slice(0, 20), ['skip bad-xml']],
    // Cut at its very end, the event is salvaged whole (a cut event keeps what was complete).
    ['F2 an end tag cut off before its ">" by the next event', numbered(2).slice(0, -1), ['warning salvaged-event']],
  ])('%s: located, and every later event is still read', async (_name, second, problems) => {
    const doc = ['<Events>', numbered(1), second, numbered(3), numbered(4), '</Events>'].join('\n');
    for (const chunk of [7, 4096]) {
      const items = await readAll(xmlReader, sourceOf('hostile.xml', doc, chunk));
      const read = eventsOf(items).map((e) => e.N);
      expect(read.filter((n) => n !== '2')).toEqual(['1', '3', '4']);
      // Located at the broken event: its start (line 3) or where its parse broke off (line 4 at the latest).
      expect(problemsOf(items).map((p) => p.replace(/ [34]:\d+$/, ''))).toEqual(problems);
      // records in = events + located skips
      expect(read.length + items.filter((i) => i.kind === 'skip').length).toBe(4);
    }
  });

  it('F2 an unclosed start tag or comment at the very end is reported, not lost silently', async () => {
    // The last: an event cut inside `<EventID`, whose `<Event` is no second event.
    for (const [tail, problem] of [['<Event a="x', 'skip bad-xml'], ['<!-- open', 'warning unclosed-markup'], ['<Event><!-- open', 'skip truncated-event'], ['<Event><System><Event', 'skip truncated-event'], ['<Event><System></Event', 'skip truncated-event']]) {
      const items = await readAll(xmlReader, sourceOf('tail.xml', `${numbered(1)}\n${tail}`));
      expect(eventsOf(items).map((e) => e.N)).toEqual(['1']);
      expect(problemsOf(items).map((p) => p.replace(/ 2:\d+$/, ''))).toEqual([problem]);
    }
  });
});
