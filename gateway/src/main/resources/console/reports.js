/*
 * The supervisors' reports, a page of their own: contacts and escalations per day and per hour of day (bar charts,
 * inline SVG drawn here, no library; the contacts nobody answered, whose wait ended first, stacked on top in their
 * own colour: every contact counts, as the helpline's statutory and Child Helpline International reports count them), waits by tier, categories, outcomes, referrals, the counsellors' review of the
 * risk level against the helpline's, and the CSV export. Read again when a case is closed (the `case-closed` event),
 * on reconnection, every few minutes as a fallback, and on "Refresh".
 */
'use strict';
(function () {
  const { el, svg, clear, api, duration, tierBadge, niceMax } = Console;
  const $ = id => document.getElementById(id);
  // the fallback when no event arrives (a stream that is down): the report is a day's figures, minutes are fine
  const EVERY = 5 * 60 * 1000;

  let asked = 0;
  async function loadReport() {
    const mine = ++asked;
    const days = $('report-days').value;
    $('report-csv').setAttribute('href', '/console/api/supervisor/reports.csv?days=' + encodeURIComponent(days));
    const r = await api('supervisor/reports?days=' + encodeURIComponent(days));
    if (mine !== asked) return;     // a later read (another period, a refresh) is the one to show
    if (!r.ok) {
      $('report-summary').textContent = 'The report could not be read.';
      $('report-updated').textContent = '(could not be updated)';
      return;
    }
    $('report-updated').textContent = '· updated ' + new Date().toLocaleTimeString([], { hour: '2-digit',
      minute: '2-digit' });
    const rep = r.data;
    $('report-summary').textContent = rep.contacts + ' contact' + (rep.contacts === 1 ? '' : 's') + ' from ' +
      rep.from + ' to ' + rep.to + ', ' + rep.notAnswered + ' of them ended before a counsellor answered; ' +
      rep.escalations + ' escalation' + (rep.escalations === 1 ? '' : 's') + '. Categories, referrals and the risk ' +
      'review count the ' + rep.counsellorCases + ' case' + (rep.counsellorCases === 1 ? '' : 's') +
      ' a counsellor closed.';
    renderReportChart(rep.days);
    renderHours(rep.hours, rep.zone);
    const waits = clear($('report-waits'));
    for (const w of rep.waits) {
      waits.appendChild(el('tr', { 'data-tier': w.tier }, el('td', {}, tierBadge(w.tier)),
        el('td', { class: 'num' }, String(w.cases)),
        el('td', { class: 'num' }, w.medianSeconds === null ? '–' : duration(w.medianSeconds)),
        el('td', { class: 'num' }, w.p95Seconds === null ? '–' : duration(w.p95Seconds)),
        el('td', { class: 'num', 'data-not-answered': w.notAnswered }, String(w.notAnswered) +
          (w.notAnsweredMedianSeconds === null ? '' : ' (after ' + duration(w.notAnsweredMedianSeconds) + ')'))));
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

  // The contacts nobody answered, the top of their bar (drawn over it, so the bar's height stays every contact)
  function unansweredBar(chart, x, w, y, contacts, notAnswered, title, data) {
    if (!notAnswered) return;
    const seg = svg('rect', Object.assign({ class: 'unanswered', x, y: y(contacts), width: w,
      height: y(contacts - notAnswered) - y(contacts), 'data-not-answered': notAnswered }, data));
    seg.appendChild(svg('title', {}, title));
    chart.appendChild(seg);
  }

  function renderReportChart(days) {
    const box = clear($('report-chart'));
    const W = 720, H = 200, L = 36, R = 12, T = 10, B = 34;
    const top = niceMax(Math.max(1, ...days.map(d => d.contacts)));
    const slot = (W - L - R) / Math.max(1, days.length);
    const y = v => T + (1 - v / top) * (H - T - B);
    const total = days.reduce((a, d) => a + d.contacts, 0);
    const unanswered = days.reduce((a, d) => a + d.notAnswered, 0);
    const chart = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img',
      'aria-labelledby': 'report-chart-title report-chart-desc' });
    chart.appendChild(svg('title', { id: 'report-chart-title' }, 'Contacts per day'));
    chart.appendChild(svg('desc', { id: 'report-chart-desc' }, total + ' contacts over ' + days.length + ' days, ' +
      unanswered + ' of them not answered (the wait ended before a counsellor answered).'));
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
      bar.appendChild(svg('title', {}, d.date + ': ' + d.contacts + ' contacts, ' + d.notAnswered + ' not answered, ' +
        d.escalations + ' escalations'));
      chart.appendChild(bar);
      unansweredBar(chart, x, w, y, d.contacts, d.notAnswered, d.date + ': ' + d.notAnswered + ' not answered',
        { 'data-date': d.date });
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
    const unanswered = hours.reduce((a, h) => a + h.notAnswered, 0);
    chart.appendChild(svg('desc', { id: 'report-hours-desc' }, total + ' contacts, by the hour they reached the ' +
      'queue, in ' + zone + '; ' + unanswered + ' of them not answered.'));
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
        h.notAnswered + ' not answered, ' + h.escalations + ' escalations'));
      chart.appendChild(bar);
      unansweredBar(chart, x, w, y, h.contacts, h.notAnswered, hh(h.hour) + ': ' + h.notAnswered + ' not answered',
        { 'data-hour': h.hour });
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
  $('report-refresh').addEventListener('click', loadReport);

  // a shift's closes come in bursts: one read for a burst
  let pending = null;
  function soon() {
    if (!pending) pending = setTimeout(() => { pending = null; loadReport(); }, 1500);
  }

  (async function start() {
    try {
      await Console.start();
    } catch (e) {
      return;
    }
    await loadReport();
    setInterval(loadReport, EVERY);
    Console.live({ 'case-closed': soon, reconnected: soon }, Console.liveIndicator);
  })();
})();
