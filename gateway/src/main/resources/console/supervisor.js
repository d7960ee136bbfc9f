/*
 * Supervision: queue depth by tier, the longest wait, counsellors' presence and load, a chart of the last hours (inline
 * SVG drawn here, no library), and reading any conversation (each reading is audited by the service).
 */
'use strict';
(function () {
  const { el, svg, clear, api, notice, time, duration, shortId, tierBadge } = Console;
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

  // Scale tops that split into 4 round steps (the chart has 4 grid intervals).
  const TOPS = [4, 8, 12, 20, 40, 60, 80, 120, 200, 240, 400, 600, 800, 1200, 2000, 4000];
  function niceMax(value) {
    return TOPS.find(t => t >= value) || Math.ceil(value / 4000) * 4000;
  }

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

  // ---------- reports: contacts per day and per hour of day (bar charts), waits by tier, categories, outcomes,
  // referrals; CSV export ----------
  async function loadReport() {
    const days = $('report-days').value;
    $('report-csv').setAttribute('href', '/console/api/supervisor/reports.csv?days=' + encodeURIComponent(days));
    const r = await api('supervisor/reports?days=' + encodeURIComponent(days));
    if (!r.ok) { $('report-summary').textContent = 'The report could not be read.'; return; }
    const rep = r.data;
    $('report-summary').textContent = rep.contacts + ' contact' + (rep.contacts === 1 ? '' : 's') + ' closed from ' +
      rep.from + ' to ' + rep.to + ', ' + rep.escalations + ' of them escalations.';
    renderReportChart(rep.days);
    renderHours(rep.hours, rep.zone);
    const waits = clear($('report-waits'));
    for (const w of rep.waits) {
      waits.appendChild(el('tr', { 'data-tier': w.tier }, el('td', {}, tierBadge(w.tier)),
        el('td', { class: 'num' }, String(w.cases)),
        el('td', { class: 'num' }, w.medianSeconds === null ? '–' : duration(w.medianSeconds)),
        el('td', { class: 'num' }, w.p95Seconds === null ? '–' : duration(w.p95Seconds))));
    }
    const cats = clear($('report-categories'));
    rep.categories.filter(c => c.count > 0).forEach(c => cats.appendChild(el('tr', { 'data-code': c.code },
      el('td', {}, c.label), el('td', { class: 'num' }, String(c.count)))));
    if (!cats.children.length) cats.appendChild(el('tr', {}, el('td', { colspan: 2, class: 'muted' }, 'No cases yet.')));
    const outs = clear($('report-outcomes'));
    rep.outcomes.filter(o => o.count > 0).forEach(o => outs.appendChild(el('tr', { 'data-code': o.code },
      el('td', {}, o.label), el('td', { class: 'num' }, String(o.count)))));
    if (!outs.children.length) outs.appendChild(el('tr', {}, el('td', { colspan: 2, class: 'muted' }, 'No cases yet.')));
    const refs = clear($('report-referrals'));
    rep.referrals.filter(x => x.count > 0).forEach(x => refs.appendChild(el('tr', { 'data-code': x.code },
      el('td', {}, x.label), el('td', { class: 'num' }, String(x.count)))));
    if (rep.referralsNotRecorded > 0) {
      refs.appendChild(el('tr', { 'data-code': 'not-recorded' }, el('td', { class: 'muted' }, 'Not recorded'),
        el('td', { class: 'num' }, String(rep.referralsNotRecorded))));
    }
    if (!refs.children.length) refs.appendChild(el('tr', {}, el('td', { colspan: 2, class: 'muted' }, 'No cases yet.')));
    renderAgreement(rep.agreement, rep.days);
  }

  // How the tier a case came in at compares with the counsellor's own at close: the matrix, the two failures in
  // words (a missed high risk first: it is the worse one) and the share agreed per day.
  const REVIEW_TIERS = ['NONE', 'LOW', 'HIGH', 'IMMINENT'];
  function renderAgreement(a, days) {
    const rows = clear($('report-agreement-rows'));
    for (const model of REVIEW_TIERS) {
      const tr = el('tr', { 'data-model': model }, el('th', { scope: 'row' }, tierBadge(model)));
      for (const counsellor of REVIEW_TIERS) {
        const c = a.matrix.find(x => x.model === model && x.counsellor === counsellor);
        const n = c ? c.count : 0;
        tr.appendChild(el('td', { class: 'num' + (model === counsellor ? ' agreed' : ''),
          'data-counsellor': counsellor }, String(n)));
      }
      rows.appendChild(tr);
    }
    $('report-agreement-summary').textContent = a.reviewed === 0
      ? 'No counsellor has reviewed a risk level in this period (it is optional, in the close form).'
      : a.reviewed + ' case' + (a.reviewed === 1 ? '' : 's') + ' reviewed; the risk level was right in ' +
        Math.round(100 * a.agreed / a.reviewed) + '%. Counsellors saw high or imminent risk where the helpline ' +
        'did not in ' + a.missed + '; the helpline raised high or imminent risk that counsellors did not see in ' +
        a.falseAlarms + '.';
    const box = clear($('report-agreement-chart'));
    const W = 360, H = 140, L = 36, R = 8, T = 10, B = 28;
    const slot = (W - L - R) / Math.max(1, days.length);
    const y = v => T + (1 - v) * (H - T - B);
    const chart = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img',
      'aria-labelledby': 'agreement-chart-title agreement-chart-desc' });
    chart.appendChild(svg('title', { id: 'agreement-chart-title' }, 'Share of reviewed cases whose risk level was right, per day'));
    chart.appendChild(svg('desc', { id: 'agreement-chart-desc' }, a.reviewed + ' reviewed cases; days without a review are empty.'));
    for (const share of [0, 0.5, 1]) {
      chart.appendChild(svg('line', { class: 'grid', x1: L, x2: W - R, y1: y(share), y2: y(share) }));
      chart.appendChild(svg('text', { x: L - 6, y: y(share) + 4, 'text-anchor': 'end' }, Math.round(share * 100) + '%'));
    }
    days.forEach((d, i) => {
      if (!d.reviewed) return;
      const share = d.agreed / d.reviewed;
      const bar = svg('rect', { class: 'agreement', x: L + i * slot + slot * 0.15, y: y(share), width: slot * 0.7,
        height: y(0) - y(share), 'data-date': d.date, 'data-share': share.toFixed(2) });
      bar.appendChild(svg('title', {}, d.date + ': ' + d.agreed + ' of ' + d.reviewed + ' right'));
      chart.appendChild(bar);
    });
    chart.appendChild(svg('line', { class: 'axis', x1: L, x2: W - R, y1: y(0), y2: y(0) }));
    box.appendChild(chart);
  }

  function renderReportChart(days) {
    const box = clear($('report-chart'));
    const W = 720, H = 200, L = 36, R = 12, T = 10, B = 34;
    const top = niceMax(Math.max(1, ...days.map(d => d.contacts)));
    const slot = (W - L - R) / Math.max(1, days.length);
    const y = v => T + (1 - v / top) * (H - T - B);
    const total = days.reduce((a, d) => a + d.contacts, 0);
    const chart = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img',
      'aria-labelledby': 'report-chart-title report-chart-desc' });
    chart.appendChild(svg('title', { id: 'report-chart-title' }, 'Contacts per day'));
    chart.appendChild(svg('desc', { id: 'report-chart-desc' }, total + ' contacts over ' + days.length + ' days.'));
    for (let i = 0; i <= 4; i++) {
      const gy = T + i / 4 * (H - T - B);
      chart.appendChild(svg('line', { class: 'grid', x1: L, x2: W - R, y1: gy, y2: gy }));
      chart.appendChild(svg('text', { x: L - 6, y: gy + 4, 'text-anchor': 'end' }, String(top * (1 - i / 4))));
    }
    days.forEach((d, i) => {
      const x = L + i * slot + slot * 0.15;
      const w = slot * 0.7;
      const bar = svg('rect', { class: 'contacts', x, y: y(d.contacts), width: w, height: y(0) - y(d.contacts),
        'data-date': d.date, 'data-contacts': d.contacts });
      bar.appendChild(svg('title', {}, d.date + ': ' + d.contacts + ' contacts, ' + d.escalations + ' escalations'));
      chart.appendChild(bar);
      if (d.escalations) {
        chart.appendChild(svg('rect', { class: 'escalations', x: x + w * 0.25, y: y(d.escalations), width: w * 0.5,
          height: y(0) - y(d.escalations) }));
      }
      if (days.length <= 16 || i % Math.ceil(days.length / 15) === 0) {
        chart.appendChild(svg('text', { x: x + w / 2, y: H - B + 16, 'text-anchor': 'middle' }, d.date.slice(5)));
      }
    });
    chart.appendChild(svg('line', { class: 'axis', x1: L, x2: W - R, y1: H - B, y2: H - B }));
    box.appendChild(chart);
  }

  // Contacts by the hour the young person reached the queue, over the whole period, in the helpline's time zone:
  // when counsellors are needed.
  function renderHours(hours, zone) {
    const total = hours.reduce((a, h) => a + h.contacts, 0);
    const busiest = hours.reduce((a, h) => (h.contacts > a.contacts ? h : a), hours[0]);
    const hh = h => String(h).padStart(2, '0') + ':00';
    $('report-hours-summary').textContent = total === 0 ? 'No contacts in this period.'
      : 'By the hour the young person reached the queue (' + zone + '). Busiest: ' + hh(busiest.hour) + '–' +
        hh((busiest.hour + 1) % 24) + ', ' + busiest.contacts + ' contact' + (busiest.contacts === 1 ? '' : 's') + '.';
    const box = clear($('report-hours-chart'));
    const W = 720, H = 180, L = 36, R = 12, T = 10, B = 34;
    const top = niceMax(Math.max(1, ...hours.map(h => h.contacts)));
    const slot = (W - L - R) / 24;
    const y = v => T + (1 - v / top) * (H - T - B);
    const chart = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img',
      'aria-labelledby': 'report-hours-title report-hours-desc' });
    chart.appendChild(svg('title', { id: 'report-hours-title' }, 'Contacts by hour of day'));
    chart.appendChild(svg('desc', { id: 'report-hours-desc' }, total + ' contacts, by the hour they reached the ' +
      'queue, in ' + zone + '.'));
    for (let i = 0; i <= 4; i++) {
      const gy = T + i / 4 * (H - T - B);
      chart.appendChild(svg('line', { class: 'grid', x1: L, x2: W - R, y1: gy, y2: gy }));
      chart.appendChild(svg('text', { x: L - 6, y: gy + 4, 'text-anchor': 'end' }, String(top * (1 - i / 4))));
    }
    hours.forEach(h => {
      const x = L + h.hour * slot + slot * 0.15;
      const w = slot * 0.7;
      const bar = svg('rect', { class: 'contacts', x, y: y(h.contacts), width: w, height: y(0) - y(h.contacts),
        'data-hour': h.hour, 'data-contacts': h.contacts });
      bar.appendChild(svg('title', {}, hh(h.hour) + '–' + hh((h.hour + 1) % 24) + ': ' + h.contacts + ' contacts, ' +
        h.escalations + ' escalations'));
      chart.appendChild(bar);
      if (h.escalations) {
        chart.appendChild(svg('rect', { class: 'escalations', x: x + w * 0.25, y: y(h.escalations), width: w * 0.5,
          height: y(0) - y(h.escalations) }));
      }
      if (h.hour % 3 === 0) {
        chart.appendChild(svg('text', { x: x + w / 2, y: H - B + 16, 'text-anchor': 'middle' }, hh(h.hour)));
      }
    });
    chart.appendChild(svg('line', { class: 'axis', x1: L, x2: W - R, y1: H - B, y2: H - B }));
    box.appendChild(chart);
  }

  $('report-days').addEventListener('change', loadReport);

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
    loadReport();
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
