// The review page: zoom, pan and fit the role's graph, search it, and show a
// node's details when it is clicked. Story text is only ever set as text
// (textContent or cloned escaped markup), never parsed as HTML.
(function () {
  'use strict';
  var READ = 4 / 3;  // pixels per SVG unit at 100%: Graphviz draws in points
  var MIN = 0.02, MAX = 8, STEP = 1.25;
  var view = document.getElementById('view');
  var zoomShown = document.getElementById('zoom');
  var search = document.getElementById('search');
  var hitsShown = document.getElementById('hits');
  var graphs = {}, shown = null, role = null, kind = 'full', hits = [], hitAt = -1;

  function byId(id) { return document.getElementById(id); }
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  // Graphs -----------------------------------------------------------------
  function setUp(div) {
    var svg = div.querySelector('svg');
    var box = svg.viewBox.baseVal;
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    svg.setAttribute('preserveAspectRatio', 'xMinYMin meet');
    return {div: div, svg: svg, box: {x: box.x, y: box.y, w: box.width, h: box.height},
            scale: 1, x: 0, y: 0};
  }

  function draw(g) {
    var w = view.clientWidth, h = view.clientHeight;
    g.svg.setAttribute('viewBox', [g.x, g.y, w / g.scale, h / g.scale].join(' '));
    zoomShown.textContent = Math.round(g.scale / READ * 100) + '%';
  }

  function fit(g) {
    var pad = 12, below = 28, b = g.box;  // below: room for the hint line
    g.scale = Math.min((view.clientWidth - 2 * pad) / b.w,
                       (view.clientHeight - pad - below) / b.h);
    g.x = b.x + b.w / 2 - view.clientWidth / g.scale / 2;
    g.y = b.y - pad / g.scale;
    draw(g);
  }

  function zoomAt(g, factor, px, py) {
    var scale = Math.max(MIN, Math.min(MAX, g.scale * factor));
    var ux = g.x + px / g.scale, uy = g.y + py / g.scale;
    g.scale = scale;
    g.x = ux - px / scale;
    g.y = uy - py / scale;
    draw(g);
  }

  function zoomCentre(factor) {
    zoomAt(shown, factor, view.clientWidth / 2, view.clientHeight / 2);
  }

  // Centre an element of the graph, at least at reading size.
  function bringIntoView(g, el) {
    var box = el.getBoundingClientRect(), frame = view.getBoundingClientRect();
    var inside = box.left >= frame.left && box.right <= frame.right &&
                 box.top >= frame.top && box.bottom <= frame.bottom;
    if (inside && g.scale >= READ * 0.7) { return; }
    var ux = g.x + (box.left + box.width / 2 - frame.left) / g.scale;
    var uy = g.y + (box.top + box.height / 2 - frame.top) / g.scale;
    g.scale = Math.max(g.scale, READ);
    g.x = ux - view.clientWidth / g.scale / 2;
    g.y = uy - view.clientHeight / g.scale / 2;
    draw(g);
  }

  function showRole(id) {
    role = id;
    each(document.querySelectorAll('#view .drawing'), function (div) {
      div.hidden = div.dataset.role !== id || div.dataset.kind !== kind;
    });
    each(document.querySelectorAll('#roles button'), function (b) {
      b.classList.toggle('on', b.dataset.role === id);
    });
    each(document.querySelectorAll('#tab-role section.role'), function (s) {
      s.hidden = s.dataset.role !== id;
    });
    var key = id + '/' + kind, first = !graphs[key];
    if (first) {
      graphs[key] = setUp(document.querySelector(
        '#view .drawing[data-role="' + CSS.escape(id) + '"][data-kind="' + kind + '"]'));
    }
    shown = graphs[key];
    if (first) { fit(shown); } else { draw(shown); }
    if (search.value) { find(search.value); }
  }

  function nodeEl(nodeId, g) {
    return g.svg.querySelector('g.node[id="n-' + CSS.escape(nodeId) + '"]');
  }

  // Selection --------------------------------------------------------------
  function select(nodeId, choiceKey) {
    var el = nodeEl(nodeId, shown);
    if (!el) {  // in another role's graph: go there
      var other = Object.keys(roleOf).filter(function (r) {
        return roleOf[r].indexOf(nodeId) >= 0;
      })[0];
      if (other) { showRole(other); el = nodeEl(nodeId, shown); }
    }
    each(document.querySelectorAll('#view g.selected'), function (s) {
      s.classList.remove('selected');
    });
    if (el) { el.classList.add('selected'); bringIntoView(shown, el); }
    var section = byId('node-' + nodeId);
    var panel = byId('tab-node');
    if (section) {
      var copy = section.cloneNode(true);
      copy.removeAttribute('id');
      panel.replaceChildren(copy);
    }
    openTab('node');
    var item = choiceKey && panel.querySelector('li[data-choice="' + CSS.escape(choiceKey) + '"]');
    if (item) { item.classList.add('flash'); item.scrollIntoView({block: 'nearest'}); }
    else { panel.scrollTop = 0; }
    try {  // the address names the node, to share or come back to
      history.replaceState(null, '', '#' + encodeURIComponent(nodeId));
    } catch (e) { /* some file: URLs refuse; it is only a convenience */ }
  }

  var roleOf = {};  // role id -> the node ids its graph draws
  each(document.querySelectorAll('#view .drawing[data-kind="full"]'), function (div) {
    roleOf[div.dataset.role] = Array.prototype.map.call(
      div.querySelectorAll('g.node[id^="n-"]'), function (n) { return n.id.slice(2); });
  });

  // Problems: mark the nodes validate complained about.
  each(document.querySelectorAll('#nodes section.node'), function (s) {
    if (!s.querySelector('.problems')) { return; }
    each(document.querySelectorAll('#view g.node[id="n-' + CSS.escape(s.dataset.node) + '"]'),
         function (n) { n.classList.add('problem'); });
  });

  // Tabs -------------------------------------------------------------------
  function openTab(name) {
    each(document.querySelectorAll('#side .tab'), function (t) {
      t.hidden = t.id !== 'tab-' + name;
    });
    each(document.querySelectorAll('#tabs button'), function (b) {
      b.classList.toggle('on', b.dataset.tab === name);
    });
  }

  // Search -----------------------------------------------------------------
  var PIECES = 'h3, p, .said, .also, .coach, .tags, .cond, .effect, .into li';
  var sections = document.querySelectorAll('#nodes section.node');
  var index = Array.prototype.map.call(sections, function (s) {
    // each piece of text apart, so that a snippet never runs two lines together
    var pieces = Array.prototype.map.call(s.querySelectorAll(PIECES), function (p) {
      return p.textContent.replace(/\s+/g, ' ').trim();
    });
    return {id: s.dataset.node, text: pieces.join(' · ')};
  });

  function find(query) {
    var q = query.trim().toLowerCase();
    each(document.querySelectorAll('#view g.hit'), function (n) { n.classList.remove('hit'); });
    shown.div.classList.toggle('searching', q.length > 0);
    hits = [];
    hitAt = -1;
    if (!q) { hitsShown.textContent = ''; return; }
    index.forEach(function (entry) {
      var at = entry.text.toLowerCase().indexOf(q);
      if (entry.id.toLowerCase().indexOf(q) < 0 && at < 0) { return; }
      var el = nodeEl(entry.id, shown);
      if (el) { el.classList.add('hit'); }
      hits.push({id: entry.id, here: !!el, snippet: around(entry.text, at, q.length)});
    });
    hits.sort(function (a, b) { return b.here - a.here; });
    hitsShown.textContent = hits.length + (hits.length === 1 ? ' node' : ' nodes');
    listHits();
  }

  function around(text, at, length) {
    if (at < 0) { return ''; }
    var from = Math.max(0, at - 40);
    return (from ? '…' : '') + text.slice(from, at + length + 60) + '…';
  }

  function listHits() {
    var list = byId('hit-list');
    list.replaceChildren();
    hits.forEach(function (hit) {
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = '#';
      link.className = 'go';
      link.dataset.go = hit.id;
      link.textContent = hit.id + (hit.here ? '' : ' (another role)');
      item.appendChild(link);
      var said = document.createElement('div');
      said.className = 'meta';
      said.textContent = hit.snippet;
      item.appendChild(said);
      list.appendChild(item);
    });
    openTab('search');
  }

  function nextHit(step) {
    if (!hits.length) { return; }
    hitAt = (hitAt + step + hits.length) % hits.length;
    hitsShown.textContent = (hitAt + 1) + ' of ' + hits.length;
    select(hits[hitAt].id);
  }

  // Events -----------------------------------------------------------------
  var drag = null;
  view.addEventListener('pointerdown', function (event) {
    if (event.button !== 0) { return; }
    drag = {x: event.clientX, y: event.clientY, moved: false};
    view.setPointerCapture(event.pointerId);
  });
  view.addEventListener('pointermove', function (event) {
    if (!drag) { return; }
    var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) { return; }
    drag.moved = true;
    view.classList.add('dragging');
    shown.x -= dx / shown.scale;
    shown.y -= dy / shown.scale;
    drag.x = event.clientX;
    drag.y = event.clientY;
    draw(shown);
  });
  view.addEventListener('pointerup', function (event) {
    var was = drag;
    drag = null;
    view.classList.remove('dragging');
    if (!was || was.moved) { return; }
    // pointer capture retargets the event: find what lies under the pointer
    var under = document.elementFromPoint(event.clientX, event.clientY);
    var node = under && under.closest('g.node[id^="n-"]');
    var edge = under && under.closest('g.edge[id^="e-"]');
    if (node) { select(node.id.slice(2)); }
    else if (edge) {
      var key = edge.id.slice(2);
      select(key.slice(0, key.lastIndexOf('.')), key);
    }
  });
  view.addEventListener('wheel', function (event) {
    event.preventDefault();
    var frame = view.getBoundingClientRect();
    zoomAt(shown, Math.exp(-event.deltaY * 0.002), event.clientX - frame.left,
           event.clientY - frame.top);
  }, {passive: false});
  view.addEventListener('dblclick', function (event) {
    var frame = view.getBoundingClientRect();
    zoomAt(shown, READ / shown.scale, event.clientX - frame.left, event.clientY - frame.top);
  });

  document.addEventListener('click', function (event) {
    var link = event.target.closest('[data-go]');
    if (link) { event.preventDefault(); select(link.dataset.go); return; }
    var button = event.target.closest('button');
    if (!button) { return; }
    if (button.dataset.role) { showRole(button.dataset.role); }
    if (button.dataset.view) { toggleOverview(); }
    if (button.dataset.tab) { openTab(button.dataset.tab); }
    if (button.dataset.zoom === 'in') { zoomCentre(STEP); }
    if (button.dataset.zoom === 'out') { zoomCentre(1 / STEP); }
    if (button.dataset.zoom === 'fit') { fit(shown); }
    if (button.dataset.zoom === 'read') { zoomCentre(READ / shown.scale); }
  });

  search.addEventListener('input', function () { find(search.value); });
  search.addEventListener('keydown', function (event) {
    if (event.key === 'Enter') { event.preventDefault(); nextHit(event.shiftKey ? -1 : 1); }
    if (event.key === 'Escape') { search.value = ''; find(''); search.blur(); }
  });

  var KEYS = {
    '+': function () { zoomCentre(STEP); }, '=': function () { zoomCentre(STEP); },
    '-': function () { zoomCentre(1 / STEP); }, '0': function () { fit(shown); },
    '1': function () { zoomCentre(READ / shown.scale); },
    '/': function () { search.focus(); search.select(); }, 'o': toggleOverview,
    'ArrowLeft': function () { pan(-80, 0); }, 'ArrowRight': function () { pan(80, 0); },
    'ArrowUp': function () { pan(0, -80); }, 'ArrowDown': function () { pan(0, 80); }
  };
  // The overview: the role's shape on one screen (ids, endings, main path, loops).
  function toggleOverview() {
    kind = kind === 'full' ? 'overview' : 'full';
    byId('overview').classList.toggle('on', kind === 'overview');
    showRole(role);
  }
  function pan(dx, dy) { shown.x += dx / shown.scale; shown.y += dy / shown.scale; draw(shown); }
  document.addEventListener('keydown', function (event) {
    if (event.target.closest('input, textarea') || event.ctrlKey || event.metaKey) { return; }
    var action = KEYS[event.key];
    if (action) { event.preventDefault(); action(); }
  });
  window.addEventListener('resize', function () { if (shown) { draw(shown); } });

  showRole(document.body.dataset.role);
  openTab('role');
  var asked = decodeURIComponent(location.hash.slice(1));
  if (asked && byId('node-' + asked)) { select(asked); }
}());
