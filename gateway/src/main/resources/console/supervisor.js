/*
 * Supervision: queue depth by tier, the longest wait, counsellors' presence and load, a chart of the last hours (inline
 * SVG drawn here, no library), and reading any conversation (each reading is audited by the service).
 */
'use strict';
(function () {
  const { el, svg, clear, api, notice, time, duration, shortId, tierBadge, niceMax } = Console;
  const $ = id => document.getElementById(id);
  const TIERS = ['IMMINENT', 'HIGH', 'LOW'];
  const PRESENCE = { available: 'Available', away: 'Away', offline: 'Offline' };

  async function refresh() {
    const r = await api('supervisor/overview');
    if (!r.ok) {
      $('updated').textContent = '(could not be updated)';
      return;
    }
    const o = r.data;
    let total = 0;
    for (const t of TIERS) {
      const n = (o.depthByTier && o.depthByTier[t]) || 0;
      total += n;
      $('depth-' + t).textContent = String(n);
    }
    $('depth-total').textContent = String(total);
    $('longest-wait').textContent = total ? duration(o.longestWaitSeconds) : '–';
    $('updated').textContent = '· updated ' + new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit',
      second: '2-digit' });
    renderCounsellors(o.counsellors || []);
    renderAttention(o.alerts || []);
    renderConversations(o.conversations || [], o.alerts || []);
    const now = { at: new Date().toISOString(), depth: total, longestWaitSeconds: total ? o.longestWaitSeconds : 0 };
    renderChart((o.history || []).concat([now]));
  }

  function renderCounsellors(list) {
    const body = clear($('counsellors'));
    $('counsellors-empty').hidden = list.length > 0;
    const order = { available: 0, away: 1, offline: 2 };
    list.slice().sort((a, b) => (order[a.presence] - order[b.presence]) || a.username.localeCompare(b.username))
      .forEach(c => body.appendChild(el('tr', { 'data-counsellor': c.username },
        el('td', {}, c.username),
        el('td', {}, el('span', { class: 'presence ' + c.presence }, PRESENCE[c.presence] || c.presence)),
        el('td', { class: 'num' }, c.load + ' / ' + c.capacity))));
  }

  // ---------- needs attention: stuck and over-target conversations (the liveness job's findings, read on load) ----
  const TIER_WORDS = { IMMINENT: 'imminent risk', HIGH: 'high risk', LOW: 'low risk' };

  /** An alert in words: pseudonymous ids and durations, never a word of the young person's. */
  function alertWords(a) {
    const who = 'Conversation ' + shortId(a.conversation) + (a.tier ? ' (' + (TIER_WORDS[a.tier] || a.tier) + ')' : '');
    switch (a.kind) {
      case 'REPLY_OVERDUE':
        return who + ' with ' + a.counsellor + ': no counsellor reply for ' + duration(a.seconds) + ' (the limit is ' +
          duration(a.limitSeconds) + ').';
      case 'SILENCE_ESCALATED':
        return who + ' with ' + a.counsellor + ': no counsellor reply for ' + duration(a.seconds) + ' (the limit is ' +
          duration(a.limitSeconds) + '); their desk was told first. It goes back to the queue if nobody replies.';
      case 'RETURNED_SILENT':
        return who + ' went back to the queue at its place: ' + a.counsellor + ' had not replied for ' +
          duration(a.seconds) + '.';
      case 'WAIT_OVER_TARGET':
        return who + ' has waited ' + duration(a.seconds) + ', over the ' + duration(a.limitSeconds) +
          ' target, and nobody has taken it.';
      case 'ENDED_WAITING':
        return who + ' was taken out of the queue after ' + duration(a.seconds) + ' without a word from the young ' +
          'person; they were told how to come back and given their country\'s numbers.';
      case 'PRESENCE_LAPSED':
        return a.counsellor + ' was set offline: their desk lost contact for ' + duration(a.seconds) + '.';
      default:
        return who + ': ' + a.kind;
    }
  }

  // ---------- alerting the supervisor: sound, tab title and desktop notification (the desk's approach) ----------
  // Only what a person must act on now sounds: a silence at its supervisor step, a return, a wait past target.
  const LOUD = new Set(['SILENCE_ESCALATED', 'RETURNED_SILENT', 'WAIT_OVER_TARGET']);
  let unseen = 0;
  const baseTitle = document.title;

  function alertSupervisor(a) {
    const attention = $('attention');
    Console.chime(attention, [660, 880]);
    attention.dataset.alerted = String(Number(attention.dataset.alerted || 0) + 1);
    if (document.hidden) {
      unseen++;
      document.title = '⚠ (' + unseen + ') needs attention · ' + baseTitle;
    }
    if ('Notification' in window && Notification.permission === 'granted') {
      // ids and durations only (alertWords): a desktop notification shows on a shared screen
      const n = new Notification('Helpline: needs attention now', { body: alertWords(a),
        tag: 'helpline-liveness-' + (a.conversation || a.kind) });
      n.onclick = () => { window.focus(); n.close(); };
    }
  }

  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) { unseen = 0; document.title = baseTitle; }
  });

  // Desktop notifications: asked once per browser, on the first click on the page (browsers want a gesture).
  function setUpNotifications() {
    const status = $('supervisor-notify-status');
    if (!('Notification' in window)) {
      status.textContent = 'This browser cannot show desktop alerts: the sound and the tab title still alert you.';
      return;
    }
    const show = () => {
      status.textContent = Notification.permission === 'granted' ? 'Desktop alerts are on.'
        : Notification.permission === 'denied'
          ? 'Desktop alerts are blocked in this browser: the sound and the tab title still alert you.'
          : 'Click anywhere on the page to allow desktop alerts.';
    };
    show();
    if (Notification.permission !== 'default' || localStorage.getItem('helpline.notifications.asked')) return;
    document.addEventListener('click', () => {
      localStorage.setItem('helpline.notifications.asked', '1');
      Promise.resolve(Notification.requestPermission()).then(show, show);
    }, { once: true });
  }

  function renderAttention(alerts) {
    const list = clear($('attention-list'));
    $('attention').hidden = alerts.length === 0;
    for (const a of alerts) {
      list.appendChild(el('li', { 'data-kind': a.kind, 'data-conversation': a.conversation },
        el('span', { class: 'what' }, alertWords(a)),
        a.conversation ? el('button', { type: 'button', class: 'link', onclick: () => read(a.conversation),
          'aria-label': 'Read conversation ' + shortId(a.conversation) }, 'Read') : null));
    }
  }

  function renderConversations(list, alerts) {
    const attention = new Set((alerts || []).map(a => a.conversation));
    const body = clear($('conversations'));
    $('conversations-empty').hidden = list.length > 0;
    const now = Date.now();
    for (const c of list) {
      const waiting = c.state === 'waiting';
      const since = waiting ? c.enqueuedAt : (c.claimedAt || c.enqueuedAt);
      body.appendChild(el('tr', { 'data-conversation': c.id, class: attention.has(c.id) ? 'needs-attention' : null },
        el('td', { title: c.id }, shortId(c.id), el('span', { class: 'small muted' }, ' · ' + c.language)),
        el('td', {}, tierBadge(c.tierName)),
        el('td', {}, waiting ? 'waiting' : 'with ' + (c.counsellor || '?'),
          c.erasurePending ? el('strong', { class: 'erasure-flag' }, ' · erasure requested: read and acknowledge')
            : null),
        el('td', { class: 'num' }, duration((now - since) / 1000)),
        el('td', {}, el('button', { type: 'button', class: 'link', onclick: () => read(c.id),
          'aria-label': 'Read conversation ' + shortId(c.id) }, 'Read'),
          waiting ? [' ', el('button', { type: 'button', class: 'link assign', onclick: () => startAssign(c.id),
            'aria-label': 'Assign conversation ' + shortId(c.id) }, 'Assign')] : null,
          c.state === 'claimed' && c.counsellor ? [' ', el('button', { type: 'button', class: 'link reassign',
            onclick: () => startReassign(c.id, c.counsellor),
            'aria-label': 'Reassign conversation ' + shortId(c.id) }, 'Reassign')] : null)));
    }
  }

  // ---------- chart ----------

  function renderChart(samples) {
    const box = clear($('chart'));
    const points = samples.map(s => ({ t: Date.parse(s.at), depth: Number(s.depth) || 0,
      wait: (Number(s.longestWaitSeconds) || 0) / 60 })).filter(p => !isNaN(p.t)).sort((a, b) => a.t - b.t);
    const W = 720, H = 240, L = 40, R = 48, T = 12, B = 28;
    const end = points.length ? points[points.length - 1].t : Date.now();
    const start = Math.min(points.length ? points[0].t : end, end - 3600 * 1000);
    const span = Math.max(end - start, 60000);
    const maxDepth = niceMax(Math.max(0, ...points.map(p => p.depth)));
    const maxWait = niceMax(Math.max(0, ...points.map(p => p.wait)));
    const x = t => L + (t - start) / span * (W - L - R);
    const yDepth = d => T + (1 - d / maxDepth) * (H - T - B);
    const yWait = w => T + (1 - w / maxWait) * (H - T - B);

    const peak = Math.max(0, ...points.map(p => p.depth));
    const last = points[points.length - 1] || { depth: 0, wait: 0 };
    const chart = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-labelledby': 'chart-title chart-desc' });
    chart.appendChild(svg('title', { id: 'chart-title' }, 'Queue depth and longest wait'));
    chart.appendChild(svg('desc', { id: 'chart-desc' }, 'From ' + time(start) + ' to ' + time(end) + ': ' +
      last.depth + ' waiting now, at most ' + peak + '; longest wait now ' + Math.round(last.wait) + ' minutes.'));

    for (let i = 0; i <= 4; i++) {
      const y = T + i / 4 * (H - T - B);
      chart.appendChild(svg('line', { class: 'grid', x1: L, x2: W - R, y1: y, y2: y }));
      chart.appendChild(svg('text', { x: L - 6, y: y + 4, 'text-anchor': 'end' },
        String(maxDepth * (1 - i / 4))));
      chart.appendChild(svg('text', { x: W - R + 6, y: y + 4, 'text-anchor': 'start' },
        String(maxWait * (1 - i / 4))));
    }
    chart.appendChild(svg('line', { class: 'axis', x1: L, x2: W - R, y1: H - B, y2: H - B }));
    const ticks = 6;
    for (let i = 0; i <= ticks; i++) {
      const t = start + i / ticks * span;
      chart.appendChild(svg('text', { x: x(t), y: H - B + 16, 'text-anchor': i === 0 ? 'start' : i === ticks ? 'end'
        : 'middle' }, new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })));
    }

    // One path per run of samples: a gap of more than 3 minutes (no instance sampling) breaks the lines.
    const runs = [];
    points.forEach((p, i) => {
      if (i === 0 || p.t - points[i - 1].t > 3 * 60000) runs.push([]);
      runs[runs.length - 1].push(p);
    });
    for (const run of runs) {
      if (run.length === 1) {
        chart.appendChild(svg('circle', { class: 'depth', cx: x(run[0].t), cy: yDepth(run[0].depth), r: 3 }));
        chart.appendChild(svg('circle', { class: 'wait', cx: x(run[0].t), cy: yWait(run[0].wait), r: 3 }));
        continue;
      }
      let depthLine = '';
      run.forEach((p, i) => {
        depthLine += (i === 0 ? 'M' : 'H' + x(p.t).toFixed(1) + 'V') + (i === 0 ? x(p.t).toFixed(1) + ' ' : '')
          + yDepth(p.depth).toFixed(1) + ' ';
      });
      const area = depthLine + 'V' + yDepth(0).toFixed(1) + 'H' + x(run[0].t).toFixed(1) + 'Z';
      chart.appendChild(svg('path', { class: 'depth-area', d: area }));
      chart.appendChild(svg('path', { class: 'depth', d: depthLine }));
      chart.appendChild(svg('path', { class: 'wait', d: run.map((p, i) => (i ? 'L' : 'M') + x(p.t).toFixed(1) + ' '
        + yWait(p.wait).toFixed(1)).join(' ') }));
    }
    box.appendChild(chart);
    if (points.length <= 1) {
      box.appendChild(el('p', { class: 'small muted' }, 'The queue is sampled once a minute; the chart fills in as ' +
        'samples arrive.'));
    }
  }

  // ---------- assigning a waiting conversation ----------
  let assigning = null;
  async function startAssign(id) {
    assigning = id;
    clear($('assign-h')).append('Assign conversation ' + shortId(id));
    await fillAssign(id);
    $('assign').hidden = false;
    $('assign').scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  async function fillAssign(id) {
    const select = clear($('assign-to'));
    const r = await api('supervisor/colleagues?conversation=' + encodeURIComponent(id));
    const list = r.ok ? r.data : [];
    $('assign-submit').disabled = !list.length;
    $('assign-status').textContent = list.length ? '' : r.ok
      ? 'No counsellor is available with room right now.' : (r.data.error || 'The counsellors could not be read.');
    for (const c of list) select.appendChild(el('option', { value: c.username }, Console.colleagueLabel(c)));
  }

  $('assign-cancel').addEventListener('click', () => { $('assign').hidden = true; assigning = null; });
  $('assign-form').addEventListener('submit', async e => {
    e.preventDefault();
    const id = assigning;
    const to = $('assign-to').value;
    if (!id || !to) return;
    const r = await api('supervisor/conversations/' + encodeURIComponent(id) + '/assign',
      { method: 'POST', body: { to, note: $('assign-note').value.trim() || null } });
    if (r.ok) {
      notice('Conversation ' + shortId(id) + ' is now with ' + to + '.');
      $('assign').hidden = true;
      $('assign-note').value = '';
      assigning = null;
    } else {
      notice((r.data && r.data.error) || 'The conversation could not be assigned.', 'error');
      startAssign(id);
    }
    refresh();
  });

  // ---------- reassigning a held conversation ("push": its counsellor is stuck, overloaded or must leave) ----------
  // The desk's transfer picker: who is available with room, their load and languages; those who do not speak the
  // conversation's language are listed but cannot be chosen (the service refuses them).
  let reassigning = null;
  async function startReassign(id, holder) {
    reassigning = { id, holder };
    $('reassign-confirm').hidden = true;
    clear($('reassign-h')).append('Reassign conversation ' + shortId(id));
    $('reassign-holder').textContent = 'Now with ' + holder + ', who can no longer reply once it is moved.';
    await fillReassign(id);
    $('reassign').hidden = false;
    $('reassign').scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  async function fillReassign(id) {
    const select = clear($('reassign-to'));
    const r = await api('supervisor/colleagues?conversation=' + encodeURIComponent(id));
    const list = r.ok ? r.data : [];
    const choosable = list.filter(c => c.speaksLanguage);
    $('reassign-submit').disabled = !choosable.length;
    $('reassign-status').textContent = choosable.length ? '' : !r.ok
      ? (r.data.error || 'The counsellors could not be read.') : list.length
        ? 'Nobody available with room speaks this conversation\'s language right now.'
        : 'No other counsellor is available with room right now.';
    if (choosable.length) select.appendChild(el('option', { value: '' }, 'Choose a counsellor…'));
    for (const c of list) {
      select.appendChild(el('option', { value: c.username, disabled: c.speaksLanguage ? null : true },
        Console.colleagueLabel(c)));
    }
  }

  // an open picker follows who is available and their load, keeping the choice while that colleague is listed
  function refreshPickers() {
    if (assigning && !$('assign').hidden) Console.refreshPicker($('assign-to'), () => fillAssign(assigning));
    if (reassigning && !$('reassign').hidden && $('reassign-confirm').hidden) {
      Console.refreshPicker($('reassign-to'), () => fillReassign(reassigning.id));
    }
  }

  function endReassign() {
    $('reassign').hidden = true;
    $('reassign-confirm').hidden = true;
    reassigning = null;
  }

  $('reassign-cancel').addEventListener('click', endReassign);
  $('reassign-form').addEventListener('submit', e => {
    e.preventDefault();
    if (!reassigning) return;
    const to = $('reassign-to').value;
    if (!to) {
      notice('Choose the counsellor who should take this conversation.', 'warn');
      return;
    }
    $('reassign-confirm-text').textContent = 'Move conversation ' + shortId(reassigning.id) + ' from ' +
      reassigning.holder + ' to ' + to + '? ' + reassigning.holder + ' is told and can no longer reply; ' + to +
      ($('reassign-note').value.trim() ? ' reads your note first.' : ' gets it without a note.') +
      ' The young person is told they are being passed to another counsellor, unless it is not safe to text them.';
    $('reassign-confirm').hidden = false;
    $('reassign-yes').focus();
  });
  $('reassign-no').addEventListener('click', () => { $('reassign-confirm').hidden = true; });
  $('reassign-yes').addEventListener('click', async () => {
    $('reassign-confirm').hidden = true;
    if (!reassigning) return;
    const { id, holder } = reassigning;
    const to = $('reassign-to').value;
    const r = await api('supervisor/conversations/' + encodeURIComponent(id) + '/reassign',
      { method: 'POST', body: { to, note: $('reassign-note').value.trim() || null } });
    if (r.ok) {
      notice('Conversation ' + shortId(id) + ' moved from ' + r.data.from + ' to ' + to + '.');
      $('reassign-note').value = '';
      endReassign();
    } else {
      notice((r.data && r.data.error) || 'The conversation could not be reassigned.', 'error');
      if (r.status === 409) startReassign(id, holder); else endReassign();
    }
    refresh();
  });

  // ---------- reading a conversation ----------
  async function read(id) {
    const r = await api('supervisor/conversations/' + encodeURIComponent(id));
    if (!r.ok) {
      notice(r.status === 404 ? 'No conversation ' + shortId(id) + ' exists (it may have been erased or expired).'
        : (r.data.error || 'The conversation could not be opened.'), 'warn');
      return;
    }
    const v = r.data;
    const title = clear($('reader-h'));
    title.append(el('span', {}, 'Conversation ' + shortId(v.id) + ' '), tierBadge(v.tierName));
    const where = v.state === 'claimed' ? 'with ' + v.counsellor : v.state === 'waiting' ? 'waiting' : v.state;
    clear($('reader-meta')).append(
      'Channel: ' + (Console.CHANNELS[v.channel] || v.channel) + ' · Language: ' + v.language + ' · ' + where +
      (v.window && v.window.state !== 'none' ? ' · WhatsApp window ' + v.window.state : ''));
    const reasons = clear($('reader-reasons'));
    for (const a of v.alerts || []) {
      const item = el('div', { class: 'alert ' + a.kind, 'data-kind': a.kind },
        el('strong', {}, Console.ALERT_TITLES[a.kind] || a.kind), ' ', el('span', {}, a.text));
      if (a.kind === 'erasure-pending') {
        const ack = el('button', { type: 'button', class: 'ack-erasure' }, 'I have seen it: erase now');
        ack.addEventListener('click', async () => {
          const r = await api('supervisor/conversations/' + encodeURIComponent(v.id) + '/erasure',
            { method: 'POST', body: {} });
          if (r.ok) { notice('Conversation ' + shortId(v.id) + ' was erased.'); $('reader').hidden = true; }
          else notice((r.data && r.data.error) || 'The erasure could not be done.', 'error');
        });
        item.append(' ', ack);
      }
      reasons.appendChild(item);
    }
    if (v.handover) {
      reasons.appendChild(el('div', { class: 'alert handover', 'data-kind': 'handover' },
        el('strong', {}, 'Handover note from ' + v.handover.from + ':'), ' ', el('span', {}, v.handover.note)));
    }
    const box = Console.whyBox(v.tierName, v.why) || Console.reasonsBox(v.tierName, v.reasons);
    if (box) reasons.appendChild(box);
    if ((v.history || []).length) {
      reasons.appendChild(el('div', { class: 'history' }, el('strong', {}, 'Earlier contacts (' + v.history.length + ')'),
        el('ol', {}, v.history.map(c => el('li', { 'data-case': c.caseId }, time(c.closedAt) + ' · ' + c.tier + ' · ' +
          c.categories.join('; ') + ' · ' + c.outcome + ' · ' + c.counsellor)))));
    }
    Console.renderTranscript($('reader-transcript'), v.transcript || []);
    $('reader').hidden = false;
    $('reader').scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  $('reader-close').addEventListener('click', () => {
    $('reader').hidden = true;
    clear($('reader-transcript'));
  });
  $('open-form').addEventListener('submit', e => {
    e.preventDefault();
    const id = $('open-id').value.trim();
    if (id) read(id);
  });

  // ---------- start ----------
  let pending = null;
  function soon() {
    if (!pending) pending = setTimeout(() => { pending = null; refresh(); refreshPickers(); }, 400);
  }

  (async function start() {
    try {
      await Console.start();
    } catch (e) {
      return;
    }
    setUpNotifications();
    await refresh();
    setInterval(refresh, 10000);
    Console.live({
      queue: soon, presence: soon, reconnected: soon,
      // a person must see these: an at-risk or held conversation's erasure request, a waiting one's opt-out
      'erasure-pending': x => {
        notice('Conversation ' + shortId(x.conversation) + ' (' + x.tier + ', ' + x.state + '): the young person ' +
          'asked for erasure. It is kept until someone opens it and acknowledges the request.', 'warn');
        soon();
      },
      // the liveness job: a stuck or over-target conversation shows in "Needs attention" at the next refresh; what
      // leaves no trace in the overview (an ended wait, a lapsed desk) is said once
      liveness: a => {
        if (a.kind === 'ENDED_WAITING' || a.kind === 'PRESENCE_LAPSED' || a.kind === 'RETURNED_SILENT') {
          notice(alertWords(a), 'warn');
        }
        if (LOUD.has(a.kind)) alertSupervisor(a);
        soon();
      },
      'opted-out': x => { if (x.tier) notice('Conversation ' + shortId(x.conversation) + ' (' + x.tier + ') left ' +
        'the queue: ' + x.reason, 'warn'); soon(); },
    }, Console.liveIndicator);
  })();
})();
