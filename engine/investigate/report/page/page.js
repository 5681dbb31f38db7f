/* sigstream report page: reads the embedded JSON and draws the overview, hit list, process graph
   and search. Every value from events is set as text (textContent), never parsed as HTML. */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var $ = function (id) { return document.getElementById(id); };
  var LEVELS = ['critical', 'high', 'medium', 'low', 'informational'];
  var COLORS = { process: '#4c6ef5', network: '#12b886', dns: '#15aabf', file: '#fab005', registry: '#ae3ec9', 'image-load': '#82c91e',
    'remote-thread': '#e03131', 'process-access': '#f76707', wmi: '#862e9c', pipe: '#5c940d', driver: '#495057', 'raw-access': '#c92a2a',
    clipboard: '#e64980', tampering: '#000000', sysmon: '#adb5bd', other: '#adb5bd' };
  var SHAPES = { process: 'round-rectangle', network: 'diamond', dns: 'hexagon', file: 'rectangle', registry: 'barrel', 'image-load': 'ellipse',
    'remote-thread': 'vee', 'process-access': 'triangle', wmi: 'star', pipe: 'rhomboid', driver: 'octagon', 'raw-access': 'tag',
    clipboard: 'round-tag', tampering: 'concave-hexagon', sysmon: 'ellipse', other: 'ellipse' };
  var TAGS = { process: 'PROC', network: 'NET', dns: 'DNS', file: 'FILE', registry: 'REG', 'image-load': 'DLL', 'remote-thread': 'THREAD',
    'process-access': 'ACCESS', wmi: 'WMI', pipe: 'PIPE', driver: 'DRV', 'raw-access': 'RAW', clipboard: 'CLIP', tampering: 'TAMPER', sysmon: 'SYSMON', other: 'EVT' };
  /** Activity nodes shown per category and process before one overflow node stands for the rest. */
  var CAP_PER_CATEGORY = 8;
  var MAX_PROCESSES = 80;

  function el(tag, props, children) {
    var e = document.createElement(tag);
    if (props) Object.keys(props).forEach(function (k) {
      if (k === 'text') e.textContent = props[k];
      else if (k === 'class') e.className = props[k];
      else e.setAttribute(k, props[k]);
    });
    (children || []).forEach(function (c) { if (c) e.appendChild(c); });
    return e;
  }
  function short(text) { return text.length > 60 ? text.slice(0, 59) + '…' : text; }
  function baseName(path) { path = String(path || ''); return path.slice(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1); }
  function techniqueLinks(techniques) {
    var span = el('span');
    techniques.forEach(function (t, i) {
      if (i > 0) span.appendChild(document.createTextNode(', '));
      span.appendChild(t.url ? el('a', { href: t.url, target: '_blank', rel: 'noopener noreferrer', title: t.name, text: t.id }) : el('span', { title: t.name, text: t.id }));
    });
    return span;
  }

  /* ---- header and overview ---- */
  $('report-title').textContent = data.title;
  $('report-totals').textContent = data.totals.hits + ' hits over ' + data.totals.events + ' events' +
    (data.stats.first ? ' (' + data.stats.first + ' .. ' + data.stats.last + ')' : '') + '; generated ' + data.generated + '.';
  if (data.leftOut) { $('report-left-out').hidden = false; $('report-left-out').textContent = data.leftOut; }

  // Level counts cover every hit, also those a capped report leaves out of its list.
  var byLevel = data.totals.hitsByLevel;
  Object.keys(byLevel).sort(function (a, b) { return LEVELS.indexOf(a) - LEVELS.indexOf(b); }).forEach(function (level) {
    $('level-counts').appendChild(el('span', { class: 'chip level-' + level, text: level + ' ' + byLevel[level] }));
    $('hit-level').appendChild(el('option', { value: level, text: level }));
  });

  function clock(time) { return time ? time.slice(11, 19) : ''; }
  function countRows(tbody, counts, cell) {
    Object.keys(counts).sort(function (a, b) { return counts[b].n - counts[a].n || (a < b ? -1 : 1); }).forEach(function (k) {
      var c = counts[k];
      tbody.appendChild(el('tr', null, [el('td', null, [cell(c)]), el('td', { text: String(c.n) }),
        el('td', { text: c.first ? (c.first.slice(0, 10) === c.last.slice(0, 10) ? clock(c.first) + ' – ' + clock(c.last) : c.first + ' – ' + c.last) : '' })]));
    });
  }
  /** Count one hit under a key, with the first and last hit time (ISO strings order as times). */
  function tally(counts, key, make, time) {
    var c = counts[key] = counts[key] || make();
    c.n = (c.n || 0) + 1;
    if (time && (!c.first || time < c.first)) c.first = time;
    if (time && (!c.last || time > c.last)) c.last = time;
  }
  var tactics = {}, techniques = {};
  data.hits.forEach(function (h) {
    h.tactics.forEach(function (t) { tally(tactics, t, function () { return { name: t }; }, h.time); });
    h.techniques.forEach(function (t) { tally(techniques, t.id, function () { return { t: t }; }, h.time); });
  });
  countRows($('tactics').tBodies[0], tactics, function (c) { return document.createTextNode(c.name); });
  countRows($('techniques').tBodies[0], techniques, function (c) {
    var span = el('span', null, [techniqueLinks([c.t])]);
    span.appendChild(document.createTextNode(' ' + c.t.name));
    return span;
  });

  (function hostTable() {
    var cats = [];
    data.stats.groups.forEach(function (g) { Object.keys(g.categories).forEach(function (c) { if (cats.indexOf(c) < 0) cats.push(c); }); });
    $('hosts').tHead.appendChild(el('tr', null, [el('th', { text: 'host' }), el('th', { text: 'events' })].concat(cats.map(function (c) { return el('th', { text: c }); })).concat([el('th', { text: 'top images' })])));
    data.stats.groups.forEach(function (g) {
      $('hosts').tBodies[0].appendChild(el('tr', null, [el('td', { text: g.key.host }), el('td', { text: String(g.events) })]
        .concat(cats.map(function (c) { return el('td', { text: String(g.categories[c] || '') }); }))
        .concat([el('td', { text: (g.top.Image || []).slice(0, 3).map(function (r) { return baseName(r[0]) + ' ' + r[1]; }).join(', ') })])));
    });
  })();

  (function timeline() {
    var times = data.hits.map(function (h) { return h.time ? Date.parse(h.time) : NaN; }).filter(function (t) { return !isNaN(t); });
    if (times.length === 0) { $('timeline').textContent = 'No hit has a time.'; return; }
    var min = Math.min.apply(null, times), max = Math.max.apply(null, times);
    var steps = [60e3, 300e3, 900e3, 3600e3, 6 * 3600e3, 86400e3, 7 * 86400e3];
    var step = steps.find(function (s) { return (max - min) / s <= 60; }) || 30 * 86400e3;
    var start = Math.floor(min / step) * step, n = Math.floor((max - start) / step) + 1;
    var xs = [], series = {};
    for (var i = 0; i < n; i++) xs.push((start + i * step) / 1000);
    var levels = LEVELS.filter(function (l) { return byLevel[l]; }).concat(Object.keys(byLevel).filter(function (l) { return LEVELS.indexOf(l) < 0; }));
    levels.forEach(function (l) { series[l] = xs.map(function () { return 0; }); });
    data.hits.forEach(function (h) {
      var t = h.time ? Date.parse(h.time) : NaN;
      if (!isNaN(t)) series[h.level][Math.floor((t - start) / step)]++;
    });
    var palette = { critical: '#7a0019', high: '#d9480f', medium: '#f59f00', low: '#1c7ed6', informational: '#868e96' };
    new uPlot({
      width: Math.min(1100, document.body.clientWidth - 40), height: 170,
      scales: { x: { time: true } },
      series: [{}].concat(levels.map(function (l) { return { label: l, stroke: palette[l] || '#333', width: 2, points: { show: n < 40 } }; })),
    }, [xs].concat(levels.map(function (l) { return series[l]; })), $('timeline'));
  })();

  /* ---- the process graph ---- */
  var byGuid = {}, parentOf = {}, childrenOf = {};
  data.events.forEach(function (r, i) {
    if (r.guid) (byGuid[r.guid] = byGuid[r.guid] || []).push(i);
    if (r.parent && r.guid) {
      parentOf[r.guid] = r.parent;
      (childrenOf[r.parent] = childrenOf[r.parent] || []).push(r.guid);
    }
  });
  data.categories.forEach(function (c) { $('legend').appendChild(el('span', { class: 'chip cat-' + c.name, text: TAGS[c.name] + ' ' + c.label + ' (' + c.eventIds.join(', ') + ')' })); });

  var cy = cytoscape({
    container: $('graph'),
    wheelSensitivity: 0.3,
    style: [
      { selector: 'node', style: { label: 'data(label)', 'font-size': 9, 'text-valign': 'bottom', 'text-wrap': 'wrap', 'text-max-width': 150, 'text-margin-y': 2,
        'background-color': 'data(color)', shape: 'data(shape)', width: 22, height: 22 } },
      { selector: 'node.proc', style: { width: 34, height: 26, 'font-size': 10, 'font-weight': 'bold' } },
      { selector: 'node.focus', style: { 'border-width': 3, 'border-color': '#1c5fb8' } },
      { selector: 'node.hit', style: { 'border-width': 4, 'border-color': '#d9480f', color: '#a61e00' } },
      { selector: 'node.overflow', style: { 'background-opacity': 0.35, 'border-style': 'dashed', 'border-width': 1 } },
      { selector: 'edge', style: { label: 'data(label)', 'font-size': 8, width: 1.2, 'curve-style': 'bezier', 'target-arrow-shape': 'triangle',
        'line-color': '#9aa5b1', 'target-arrow-color': '#9aa5b1', 'text-background-color': '#fff', 'text-background-opacity': 1 } },
      { selector: 'edge.spawn', style: { width: 2, 'line-color': '#4c6ef5', 'target-arrow-color': '#4c6ef5' } },
    ],
  });

  function processLabel(guid) {
    var own = (byGuid[guid] || []).map(function (i) { return data.events[i]; });
    var created = own.find(function (r) { return r.event.EventID === 1; });
    if (created) return baseName(created.event.Image);
    var withImage = own.find(function (r) { return r.event.Image; });
    if (withImage) return baseName(withImage.event.Image);
    var child = (childrenOf[guid] || []).map(function (g) { return (byGuid[g] || []).map(function (i) { return data.events[i]; }); })
      .reduce(function (a, b) { return a.concat(b); }, []).find(function (r) { return r.event.EventID === 1 && r.event.ParentImage; });
    return child ? baseName(child.event.ParentImage) : guid;
  }

  /** The graph of the processes around `guids`; `marked` event indexes are the hit's evidence, labelled with `tag`. */
  function showGraph(guids, marked, tag, title) {
    var processes = [];
    function addProcess(g) { if (processes.indexOf(g) < 0 && processes.length < MAX_PROCESSES) processes.push(g); }
    guids.forEach(function (g) {
      var chain = [], p = parentOf[g];
      while (p && chain.indexOf(p) < 0 && chain.length < 20) { chain.unshift(p); p = parentOf[p]; }
      chain.forEach(addProcess);
      var queue = [g];
      while (queue.length) { var q = queue.shift(); addProcess(q); (childrenOf[q] || []).forEach(function (c) { if (processes.indexOf(c) < 0) queue.push(c); }); }
    });
    var elements = [], counts = {};
    function count(cat) { counts[cat] = (counts[cat] || 0) + 1; }
    processes.forEach(function (g) {
      var own = byGuid[g] || [];
      var created = own.filter(function (i) { return data.events[i].event.EventID === 1; })[0];
      var isHit = own.some(function (i) { return marked.indexOf(i) >= 0; });
      elements.push({ group: 'nodes', classes: 'proc' + (guids.indexOf(g) >= 0 ? ' focus' : '') + (created !== undefined && marked.indexOf(created) >= 0 ? ' hit' : ''),
        data: { id: 'p:' + g, label: processLabel(g) + (created !== undefined && marked.indexOf(created) >= 0 && tag ? '\n[' + tag + ']' : ''),
          color: COLORS.process, shape: SHAPES.process, category: 'process', eventIndex: created === undefined ? -1 : created, guid: g, isHit: isHit } });
      count('process');
      if (parentOf[g] && processes.indexOf(parentOf[g]) >= 0) elements.push({ group: 'edges', classes: 'spawn', data: { source: 'p:' + parentOf[g], target: 'p:' + g, label: '1' } });
      var byCat = {};
      own.forEach(function (i) { if (data.events[i].event.EventID !== 1) (byCat[data.events[i].category] = byCat[data.events[i].category] || []).push(i); });
      Object.keys(byCat).forEach(function (cat) {
        var list = byCat[cat];
        // The hit's own events are shown first, so the cap never hides the evidence.
        list.sort(function (a, b) { return (marked.indexOf(b) >= 0) - (marked.indexOf(a) >= 0) || a - b; });
        list.slice(0, CAP_PER_CATEGORY).forEach(function (i) {
          var r = data.events[i], hit = marked.indexOf(i) >= 0;
          elements.push({ group: 'nodes', classes: hit ? 'hit' : '', data: { id: 'e:' + i, label: TAGS[cat] + ' ' + short(r.text) + (hit && tag ? '\n[' + tag + ']' : ''),
            color: COLORS[cat] || COLORS.other, shape: SHAPES[cat] || 'ellipse', category: cat, eventIndex: i } });
          elements.push({ group: 'edges', data: { source: 'p:' + g, target: 'e:' + i, label: String(r.event.EventID) } });
          count(cat);
        });
        if (list.length > CAP_PER_CATEGORY) {
          var id = 'more:' + g + ':' + cat;
          elements.push({ group: 'nodes', classes: 'overflow', data: { id: id, label: '+' + (list.length - CAP_PER_CATEGORY) + ' more ' + TAGS[cat],
            color: COLORS[cat] || COLORS.other, shape: SHAPES[cat] || 'ellipse', category: 'overflow', eventIndex: -1 } });
          elements.push({ group: 'edges', data: { source: 'p:' + g, target: id, label: cat } });
          count('overflow');
        }
      });
    });
    // Evidence no shown process owns (an event without a ProcessGuid) still gets its own node.
    marked.forEach(function (i) {
      if (elements.some(function (x) { return x.data.id === 'e:' + i || x.data.eventIndex === i; })) return;
      var r = data.events[i];
      elements.push({ group: 'nodes', classes: 'hit', data: { id: 'e:' + i, label: (TAGS[r.category] || 'EVT') + ' ' + short(r.text) + (tag ? '\n[' + tag + ']' : ''),
        color: COLORS[r.category] || COLORS.other, shape: SHAPES[r.category] || 'ellipse', category: r.category, eventIndex: i } });
      count(r.category);
    });
    cy.elements().remove();
    cy.add(elements);
    cy.layout({ name: 'dagre', rankDir: 'TB', nodeSep: 40, rankSep: 60, animate: false }).run();
    cy.fit(undefined, 20);
    $('graph-title').textContent = title + ' — ' + processes.length + ' processes' + (processes.length >= MAX_PROCESSES ? ' (capped)' : '');
    $('graph-summary').textContent = Object.keys(counts).map(function (c) { return c + ' ' + counts[c]; }).join(' · ');
    $('graph-summary').setAttribute('data-counts', JSON.stringify(counts));
    if (marked.length) showEvent(marked[0]);
  }

  function showEvent(index) {
    $('event-view').textContent = index >= 0 ? JSON.stringify(data.events[index].event, null, 2) : 'No event of the input creates this process (known from its children).';
  }
  cy.on('tap', 'node', function (evt) {
    var d = evt.target.data();
    if (d.category === 'overflow') { $('event-view').textContent = d.label + ': the cap per category is ' + CAP_PER_CATEGORY + '.'; return; }
    showEvent(d.eventIndex);
  });

  /* ---- the hit list ---- */
  var rows = [];
  data.hits.forEach(function (h, i) {
    var tr = el('tr', { 'data-hit': String(i) }, [
      el('td', { text: h.time ? h.time.replace('T', ' ').replace('Z', '') : '' }),
      el('td', null, [el('span', { class: 'chip level-' + h.level, text: h.level })]),
      el('td', null, [h.kind === 'correlation' ? el('span', { class: 'corr', title: h.base.length + ' base hits', text: 'correlation' }) : null, document.createTextNode(h.title)]),
      el('td', { text: h.computer || '' }),
      el('td', null, [techniqueLinks(h.techniques)]),
    ]);
    var text = [h.title, h.level, h.computer, h.tactics.join(' ')].concat(h.techniques.map(function (t) { return t.id + ' ' + t.name; })).join(' ').toLowerCase();
    var extra = h.base.map(function (b) {
      return el('tr', { class: 'base-row', hidden: '' }, [el('td', { class: 'base', colspan: '5', text: '↳ ' + (b.time || '') + ' ' + b.title + ' (' + b.level + ')' })]);
    });
    tr.addEventListener('click', function (e) {
      if (e.target.tagName === 'A') return;
      rows.forEach(function (r) { r.tr.classList.remove('selected'); r.extra.forEach(function (x) { x.hidden = true; }); });
      tr.classList.add('selected');
      extra.forEach(function (x) { x.hidden = false; });
      showGraph(h.guids, h.events, h.techniques.map(function (t) { return t.id; }).join(','), h.title);
    });
    $('hits').tBodies[0].appendChild(tr);
    extra.forEach(function (x) { $('hits').tBodies[0].appendChild(x); });
    rows.push({ tr: tr, extra: extra, text: text, level: h.level });
  });
  function filterHits() {
    var q = $('hit-filter').value.trim().toLowerCase(), level = $('hit-level').value, shown = 0;
    rows.forEach(function (r) {
      var ok = (!q || r.text.indexOf(q) >= 0) && (!level || r.level === level);
      r.tr.hidden = !ok;
      if (!ok) r.extra.forEach(function (x) { x.hidden = true; });
      if (ok) shown++;
    });
    $('hit-count').textContent = shown === rows.length ? '(' + rows.length + ')' : '(' + shown + ' of ' + rows.length + ')';
    $('hit-count').setAttribute('data-shown', String(shown));
  }
  $('hit-filter').addEventListener('input', filterHits);
  $('hit-level').addEventListener('change', filterHits);
  filterHits();

  /* ---- search: the eight criteria (the same field table as 'sigstream search') and free text ---- */
  data.criteria.forEach(function (c) { $('search-criterion').appendChild(el('option', { value: c.name, text: c.name, title: c.description })); });
  $('search-criterion').appendChild(el('option', { value: 'text', text: 'free text' }));
  var miniSearch = new MiniSearch({ fields: ['text', 'image', 'commandLine', 'host'], idField: 'id' });
  miniSearch.addAll(data.events.map(function (r, i) {
    return { id: i, text: r.text, image: String(r.event.Image || ''), commandLine: String(r.event.CommandLine || ''), host: String(r.event.Computer || '') };
  }));
  function wildcard(value, stop) {
    return value.replace(/[.+^${}()|[\]\\*?]/g, function (c) { return c === '*' ? '[^' + stop + ']*' : c === '?' ? '[^' + stop + ']' : '\\' + c; });
  }
  function matcher(rule, value) {
    var any = wildcard(value, '').replace(/\[\^\]/g, '[\\s\\S]');
    switch (rule.match) {
      case 'exact': return new RegExp('^' + any + '$', 'i');
      case 'basename': return new RegExp('^(?:' + any + '|[\\s\\S]*[\\\\/]' + any + ')$', 'i');
      case 'list-item': return new RegExp('(?:^|[;:])' + wildcard(value, ';') + '(?:;|$)', 'i');
      default: return new RegExp('(?:^|[=,])' + wildcard(value, ',') + '(?:,|$)', 'i');
    }
  }
  function searchEvents(criterion, value) {
    if (criterion === 'text') return miniSearch.search(value, { prefix: true, combineWith: 'AND' }).map(function (r) { return r.id; }).sort(function (a, b) { return a - b; });
    var c = data.criteria.find(function (x) { return x.name === criterion; });
    var compiled = {};
    Object.keys(c.fields).forEach(function (id) { compiled[id] = c.fields[id].map(function (rule) { return { field: rule.field, re: matcher(rule, value) }; }); });
    var found = [];
    data.events.forEach(function (r, i) {
      var rules = compiled[r.event.EventID];
      if (rules && rules.some(function (rule) { var v = r.event[rule.field]; return v !== undefined && v !== null && rule.re.test(String(v)); })) found.push(i);
    });
    return found;
  }
  $('search-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var value = $('search-value').value.trim(), list = $('search-results');
    list.textContent = '';
    if (!value) return;
    var found = searchEvents($('search-criterion').value, value);
    $('search-count').textContent = found.length + ' events' + (found.length > 300 ? ' (first 300 shown)' : '');
    $('search-count').setAttribute('data-found', String(found.length));
    found.slice(0, 300).forEach(function (i) {
      var r = data.events[i];
      var li = el('li', { text: [r.event.UtcTime || '', r.event.Computer || '', 'EID ' + r.event.EventID, TAGS[r.category] || r.category, baseName(r.event.Image), r.text].join('  ') });
      li.addEventListener('click', function () { if (r.guid) showGraph([r.guid], [i], '', 'search result: ' + r.text); else showEvent(i); });
      list.appendChild(li);
    });
  });

  window.sigstreamReport = { cy: cy, showGraph: showGraph };
})();
