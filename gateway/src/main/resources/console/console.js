/*
 * Shared helpers of the console pages. Vanilla JS, no build step, nothing fetched from elsewhere.
 *
 * Rule of the house: whatever a young person (or anyone else) wrote is put on the page as TEXT — through el(), which
 * only ever uses createTextNode / textContent. Nothing in the console uses innerHTML.
 */
'use strict';

const Console = (() => {
  // Signing out or leaving the page closes the live stream and may answer 401 to a request still in flight: that is
  // not a lapsed session, and sending the page to the log-in then would race the sign-out's own redirect.
  let leaving = false;
  addEventListener('pagehide', () => { leaving = true; });
  addEventListener('beforeunload', () => { leaving = true; });
  addEventListener('pageshow', () => { leaving = false; });   // back from the browser's page cache
  document.addEventListener('submit', e => {
    if (e.target instanceof HTMLFormElement && e.target.getAttribute('action') === '/logout') leaving = true;
  }, true);

  /** Builds an element. attrs: class, text, on<event>, hidden, dataset-free plain attributes; children: nodes or strings. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
      else if (value === true) node.setAttribute(key, '');
      else node.setAttribute(key, String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(typeof child === 'string' || typeof child === 'number'
        ? document.createTextNode(String(child)) : child);
    }
    return node;
  }

  const SVG_NS = 'http://www.w3.org/2000/svg';
  /** Builds an SVG element; {@code text} is set as text, never markup. */
  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  /**
   * The console API. POSTs carry the CSRF header; a lapsed session goes back to the log-in page.
   * options: method, body (sent as JSON), or raw + contentType (sent as they are).
   */
  async function api(path, options) {
    const opts = options || {};
    const method = opts.method || 'GET';
    const headers = { 'Accept': 'application/json' };
    let body;
    if (method !== 'GET') {
      headers['X-Helpline-Console'] = '1';
      // raw: a file or text sent as it is (e.g. a CSV import), with its own content type
      headers['Content-Type'] = opts.raw !== undefined ? (opts.contentType || 'text/plain') : 'application/json';
      body = opts.raw !== undefined ? opts.raw : JSON.stringify(opts.body || {});
    }
    let response;
    try {
      response = await fetch('/console/api/' + path, { method, headers, body, credentials: 'same-origin' });
    } catch (e) {
      return { ok: false, status: 0, data: { error: 'The console cannot reach the service. Check your connection.' } };
    }
    if (response.status === 401) {
      if (!leaving) location.assign('/login');
      return { ok: false, status: 401, data: {} };
    }
    const text = await response.text();
    let data = {};
    if (text) {
      try { data = JSON.parse(text); } catch (e) { data = { error: text }; }
    }
    return { ok: response.ok, status: response.status, data };
  }

  /** A dismissable message at the top of the page (announced to screen readers). */
  function notice(message, kind) {
    const box = document.getElementById('notices');
    const item = el('div', { class: 'notice ' + (kind || ''), role: kind === 'error' ? 'alert' : null },
      el('span', { text: message }),
      el('button', { type: 'button', class: 'link', onclick: () => { item.remove(); dismissAll(box); } },
        'Dismiss'));
    box.appendChild(item);
    if (kind !== 'error' && kind !== 'warn') setTimeout(() => { item.remove(); dismissAll(box); }, 15000);
    dismissAll(box);
    return item;
  }

  // Errors and warnings stay until dismissed: from two on, one button clears them all (at the top, where they start).
  function dismissAll(box) {
    const items = box.querySelectorAll('.notice');
    let bar = box.querySelector('.dismiss-all');
    if (items.length < 2) { if (bar) bar.remove(); return; }
    if (!bar) {
      bar = el('div', { class: 'dismiss-all' }, el('button', { type: 'button', class: 'link',
        onclick: () => { box.querySelectorAll('.notice').forEach(n => n.remove()); bar.remove(); } }));
      box.prepend(bar);
    }
    bar.firstChild.textContent = 'Dismiss all ' + items.length + ' notices';
  }

  // Two short tones made by WebAudio (nothing to download), one AudioContext per page; the element's data-sound says
  // whether the browser let it play ('played', 'blocked' before any click on the page, 'unavailable').
  let audio = null;
  function chime(element, pitches) {
    try {
      const Ctx = window.AudioContext || window.webkitAudioContext;
      audio = audio || new Ctx();
      const start = audio.currentTime + 0.05;
      pitches.forEach((pitch, i) => {
        const offset = i * 0.3;
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        osc.frequency.value = pitch;
        gain.gain.setValueAtTime(0.25, start + offset);
        gain.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.25);
        osc.connect(gain).connect(audio.destination);
        osc.start(start + offset);
        osc.stop(start + offset + 0.25);
      });
      const done = () => { element.dataset.sound = audio.state === 'running' ? 'played' : 'blocked'; };
      if (audio.state === 'suspended') audio.resume().then(done, done); else done();
    } catch (e) {
      element.dataset.sound = 'unavailable';
    }
  }

  const PAGES = [
    { href: '/console', label: 'Counsellor desk', roles: ['COUNSELLOR'] },
    { href: '/console/supervisor', label: 'Supervision', roles: ['SUPERVISOR'] },
    { href: '/console/reports', label: 'Reports', roles: ['SUPERVISOR'] },
    { href: '/console/campaigns', label: 'Campaigns', roles: ['CAMPAIGNER', 'ADMIN'] },
    { href: '/console/admin', label: 'Administration', roles: ['ADMIN'] },
  ];

  /** Reads who is signed in and fills the top bar with the pages their roles open. */
  async function start() {
    const r = await api('me');
    if (!r.ok) throw new Error('not signed in');
    const me = r.data;
    const nav = document.getElementById('nav');
    clear(nav);
    for (const p of PAGES) {
      if (p.roles.some(r => me.roles.includes(r))) {
        nav.appendChild(el('a', { href: p.href, 'aria-current': location.pathname === p.href ? 'page' : null },
          p.label));
      }
    }
    document.getElementById('me').textContent = me.username;
    return me;
  }

  /** The live event stream; handlers by event name. Reconnects by itself; onState(true|false) shows it. */
  function live(handlers, onState) {
    let source;
    let everConnected = false;
    function connect() {
      source = new EventSource('/console/api/events');
      source.addEventListener('hello', () => {
        onState && onState(true);
        if (everConnected && handlers.reconnected) handlers.reconnected();
        everConnected = true;
      });
      for (const [name, handler] of Object.entries(handlers)) {
        if (name === 'reconnected') continue;
        source.addEventListener(name, e => {
          let data = {};
          try { data = JSON.parse(e.data); } catch (err) { /* ignore a malformed event */ }
          handler(data);
        });
      }
      source.onerror = async () => {
        if (leaving) return;
        onState && onState(false);
        if (source.readyState === EventSource.CLOSED) {
          const me = await api('me');   // a 401 sends the page to the log-in
          if (me.status !== 401) setTimeout(connect, 3000);
        }
      };
    }
    connect();
    return () => source.close();
  }

  function liveIndicator(on) {
    const node = document.getElementById('live');
    if (!node) return;
    node.textContent = on ? 'Live' : 'Reconnecting…';
    node.className = 'live' + (on ? ' on' : '');
  }

  function time(value) {
    if (value === null || value === undefined) return '';
    const d = new Date(value);
    if (isNaN(d)) return '';
    const sameDay = d.toDateString() === new Date().toDateString();
    const hm = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    return sameDay ? hm : d.toLocaleDateString([], { day: 'numeric', month: 'short' }) + ' ' + hm;
  }

  function duration(seconds) {
    const s = Math.max(0, Math.round(seconds));
    if (s < 60) return s + ' s';
    const m = Math.floor(s / 60);
    if (m < 60) return m + ' min';
    return Math.floor(m / 60) + ' h ' + (m % 60) + ' min';
  }

  function shortId(id) {
    return String(id || '').slice(0, 8);
  }

  const TIER_LABELS = { IMMINENT: 'Imminent risk', HIGH: 'High risk', LOW: 'Low risk', NONE: 'No risk flagged' };

  function tierBadge(tier) {
    const t = TIER_LABELS[tier] ? tier : 'NONE';
    return el('span', { class: 'tier ' + t, title: TIER_LABELS[t] }, t === 'NONE' ? 'none' : t.toLowerCase());
  }

  const SPEAKERS = { in: 'Young person', bot: 'Helpline bot', counsellor: 'Counsellor', system: 'System' };
  const CHANNELS = { SMS: 'SMS', WHATSAPP: 'WhatsApp', SIMULATOR: 'Simulator', UNKNOWN: 'Unknown channel' };
  const ALERT_TITLES = { 'opted-out': 'Opted out.', 'not-safe-to-text': 'NOT SAFE TO TEXT BACK.',
    'erasure-pending': 'Erasure requested.' };

  /** One transcript line: who said it, when, the text (as text), and for a flagged message its tier and reasons. */
  function transcriptLine(line) {
    const direction = SPEAKERS[line.direction] ? line.direction : 'system';
    const flagged = direction === 'in' && (line.risk === 'HIGH' || line.risk === 'IMMINENT');
    const item = el('li', { class: 'line ' + direction + (flagged ? ' flagged-' + line.risk : '') },
      el('div', { class: 'who-said' }, SPEAKERS[direction] + ' · ' + time(line.at)),
      el('div', { class: 'bubble' }, line.text || ''));
    if (flagged) {
      const reasons = (line.reasons || []).filter(r => r);
      item.appendChild(el('div', { class: 'flag' }, tierBadge(line.risk), ' ',
        reasons.length ? 'Flagged because:' : 'Flagged',
        reasons.length ? el('ul', {}, reasons.map(r => el('li', {}, r))) : null));
    }
    return item;
  }

  function renderTranscript(list, lines) {
    clear(list);
    if (!lines.length) list.appendChild(el('li', { class: 'line system' }, el('div', { class: 'bubble' }, 'No messages.')));
    lines.forEach(l => list.appendChild(transcriptLine(l)));
    list.scrollTop = list.scrollHeight;
  }

  /** The conversation's reasons for being in the queue, highlighted. */
  function reasonsBox(tier, reasons) {
    const list = (reasons || []).filter(r => r);
    if (!list.length) return null;
    return el('div', { class: 'reasons ' + tier },
      el('strong', {}, 'Why this conversation is in the queue'),
      el('ul', {}, list.map(r => el('li', {}, r))));
  }

  /** {@code text} with each of {@code phrases} (case-insensitive) in a <mark>: nodes, never HTML. */
  function highlighted(text, phrases) {
    const out = [];
    const lower = text.toLowerCase();
    let at = 0;
    while (at < text.length) {
      let best = -1, len = 0;
      for (const p of phrases || []) {
        const i = p ? lower.indexOf(p.toLowerCase(), at) : -1;
        if (i >= 0 && (best < 0 || i < best)) { best = i; len = p.length; }
      }
      if (best < 0) { out.push(text.slice(at)); break; }
      if (best > at) out.push(text.slice(at, best));
      out.push(el('mark', {}, text.slice(best, best + len)));
      at = best + len;
    }
    return out;
  }

  const CHART_TIERS = ['NONE', 'LOW', 'HIGH', 'IMMINENT'];
  const CHART_WORDS = { NONE: 'none', LOW: 'low', HIGH: 'high', IMMINENT: 'imminent' };
  let chartCount = 0;

  /** The tier chart's description: where risk started, each rise and fall with its time, and the highest point. */
  function tierChartDesc(points) {
    const first = points[0], last = points[points.length - 1];
    const parts = [points.length + ' messages from the young person were assessed, from ' + time(first.at) + ' to ' +
      time(last.at) + '. Risk was ' + CHART_WORDS[first.tier] + ' at ' + time(first.at) + '.'];
    for (let i = 1; i < points.length; i++) {
      const before = points[i - 1].tier, now = points[i].tier;
      if (before === now) continue;
      const rose = CHART_TIERS.indexOf(now) > CHART_TIERS.indexOf(before);
      parts.push('Risk ' + (rose ? 'rose' : 'fell') + ' from ' + CHART_WORDS[before] + ' to ' + CHART_WORDS[now] +
        ' at ' + time(points[i].at) + '.');
    }
    const top = points.find(p => p.highest);
    if (top) parts.push('Highest: ' + CHART_WORDS[top.tier] + ', first at ' + time(top.at) + ' (the marked point).');
    else parts.push('Risk stayed ' + CHART_WORDS[first.tier] + '.');
    return parts.join(' ');
  }

  /**
   * The conversation's tier over time as a step chart: one point per assessed message of the young person's, the one
   * that took it to its highest tier ringed. Tiers and times only: the message itself is quoted above, not here.
   */
  function tierChart(series) {
    const points = series.filter(p => CHART_TIERS.includes(p.tier) && !isNaN(Date.parse(p.at)));
    if (points.length < 2) return null;
    const W = 480, H = 120, L = 64, R = 12, T = 10, B = 24;
    const ts = points.map(p => Date.parse(p.at));
    const start = ts[0], span = ts[ts.length - 1] - start;
    // messages sent within the same second are spread evenly rather than stacked on one another
    const x = i => L + (span >= 1000 ? (ts[i] - start) / span : i / (points.length - 1)) * (W - L - R);
    const y = tier => T + (1 - CHART_TIERS.indexOf(tier) / (CHART_TIERS.length - 1)) * (H - T - B);
    const id = 'tier-chart-' + (++chartCount);
    const chart = svg('svg', { class: 'tier-chart', viewBox: '0 0 ' + W + ' ' + H, role: 'img',
      'aria-labelledby': id + '-title ' + id + '-desc' });
    chart.appendChild(svg('title', { id: id + '-title' }, 'Risk tier over time'));
    chart.appendChild(svg('desc', { id: id + '-desc' }, tierChartDesc(points)));
    for (const tier of CHART_TIERS) {
      chart.appendChild(svg('line', { class: 'grid', x1: L, x2: W - R, y1: y(tier), y2: y(tier) }));
      chart.appendChild(svg('text', { x: L - 6, y: y(tier) + 4, 'text-anchor': 'end' }, CHART_WORDS[tier]));
    }
    chart.appendChild(svg('line', { class: 'axis', x1: L, x2: W - R, y1: H - B, y2: H - B }));
    chart.appendChild(svg('text', { x: L, y: H - B + 16, 'text-anchor': 'start' }, time(points[0].at)));
    chart.appendChild(svg('text', { x: W - R, y: H - B + 16, 'text-anchor': 'end' }, time(points[points.length - 1].at)));
    let d = 'M' + x(0).toFixed(1) + ' ' + y(points[0].tier).toFixed(1);
    for (let i = 1; i < points.length; i++) d += ' H' + x(i).toFixed(1) + ' V' + y(points[i].tier).toFixed(1);
    chart.appendChild(svg('path', { class: 'tier-step', d }));
    points.forEach((p, i) => {
      const dot = svg('circle', { class: 'point ' + p.tier + (p.highest ? ' highest' : ''), cx: x(i).toFixed(1),
        cy: y(p.tier).toFixed(1), r: p.highest ? 6 : 3.5, 'data-tier': p.tier, 'data-at': p.at,
        'data-highest': p.highest ? 'true' : 'false' });
      dot.appendChild(svg('title', {}, time(p.at) + ': ' + CHART_WORDS[p.tier] +
        (p.highest ? ' (took the conversation to its highest tier)' : '')));
      chart.appendChild(dot);
    });
    return el('figure', { class: 'tier-chart-box' }, el('figcaption', { class: 'small' },
      'Risk over time · the ringed point is the message that mattered'), chart);
  }

  /**
   * Why the conversation is here: the reasons in plain words, the message that mattered (the highest-risk one) quoted
   * with its phrases highlighted, the tier over time, and for supervisors the classifiers' detail behind a toggle.
   */
  function whyBox(tier, why) {
    if (!why || (!why.reasons.length && !why.mattered)) return null;
    const steps = why.tierOverTime || [];
    return el('div', { class: 'reasons why ' + tier },
      el('strong', {}, 'Why this conversation is here'),
      why.reasons.length ? el('ul', { class: 'plain-reasons' }, why.reasons.map(r => el('li', { 'data-topic': r.topic },
        r.words, r.quote ? [': ', el('q', {}, r.quote)] : null))) : null,
      why.mattered ? el('figure', { class: 'mattered' },
        el('figcaption', { class: 'small' }, 'The message that mattered · ',
          (TIER_LABELS[why.mattered.tier] || why.mattered.tier).toLowerCase(), ' · ', time(why.mattered.at)),
        el('blockquote', {}, highlighted(why.mattered.text || '', why.mattered.highlight))) : null,
      steps.length > 1 ? el('p', { class: 'small tier-path' }, 'Tier over time: ',
        steps.map((s, i) => [i ? ' → ' : '', tierBadge(s.tier), ' ', time(s.at)])) : null,
      tierChart(why.tierSeries || []),
      why.detail ? el('details', { class: 'model-detail' }, el('summary', {}, 'Model details'),
        el('ul', { class: 'small' }, why.detail.map(d => el('li', {},
          (d.at === 'queue entry' ? 'Queue entry' : time(d.at)) + ' · ' + (d.tier || '') + ': ' +
          d.reasons.join('; '))))) : null);
  }

  // Scale tops that split into 4 round steps (the charts have 4 grid intervals): the supervisor's queue chart and the
  // reports' bar charts.
  const TOPS = [4, 8, 12, 20, 40, 60, 80, 120, 200, 240, 400, 600, 800, 1200, 2000, 4000];
  function niceMax(value) {
    return TOPS.find(t => t >= value) || Math.ceil(value / 4000) * 4000;
  }

  /** A colleague in a picker: who, their load and languages, and whether they speak the conversation's language. */
  function colleagueLabel(c) {
    return c.username + ' · ' + c.load + ' of ' + c.capacity + ' conversations · ' + c.languages.join(', ') +
      (c.speaksLanguage ? '' : ' (not its language)');
  }

  /**
   * Reads a picker's list again (who is available, and their load, change while it is open) and keeps the choice
   * when that colleague is still listed.
   */
  async function refreshPicker(select, load) {
    const chosen = select.value;
    await load();
    if (chosen && [...select.options].some(o => o.value === chosen && !o.disabled)) select.value = chosen;
  }

  return { el, svg, clear, api, notice, chime, start, live, liveIndicator, time, duration, shortId, tierBadge, transcriptLine,
    renderTranscript, reasonsBox, whyBox, tierChart, colleagueLabel, refreshPicker, niceMax, CHANNELS, ALERT_TITLES };
})();
