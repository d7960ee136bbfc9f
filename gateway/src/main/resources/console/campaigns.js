/*
 * Campaigns: the list's numbers, CSV import, a new campaign (preview before create), the campaigns and one campaign's
 * progress and delivery funnel. Everything from the API or the user is put on the page as text (Console.el).
 */
'use strict';
(function () {
  const { el, clear, api, notice } = Console;
  const $ = id => document.getElementById(id);
  const SVG = 'http://www.w3.org/2000/svg';
  const fmt = n => Number(n || 0).toLocaleString();
  const STATE_LABELS = { scheduled: 'Scheduled', running: 'Sending', paused: 'Paused', completed: 'Completed',
    cancelled: 'Cancelled' };
  const SKIP_LABELS = { not_on_list: 'no longer on the list', with_counsellor: 'talking with a counsellor',
    recent_high_risk: 'recent crisis conversation' };
  /** Twilio error codes a campaign team meets most; others are shown by their number. */
  const ERROR_LABELS = { 21211: 'invalid number', 21408: 'country not enabled', 21610: 'replied STOP to the carrier',
    21614: 'not a mobile number', 30003: 'phone unreachable', 30004: 'blocked by the recipient',
    30005: 'unknown number', 30006: 'landline or unreachable carrier', 30007: 'filtered by the carrier',
    30008: 'unknown carrier error', 63016: 'outside the WhatsApp 24-hour window', 63024: 'invalid WhatsApp recipient',
    bad_address: 'address not usable', network: 'Twilio could not be reached' };

  let summary = { languages: {}, channels: {}, tags: {} };

  // ---------------------------------------------------------------- the list's numbers

  function breakdown(tbody, map, labels) {
    clear(tbody);
    const entries = Object.entries(map || {}).filter(([, n]) => n > 0);
    if (!entries.length) tbody.appendChild(el('tr', {}, el('td', { class: 'muted' }, 'none')));
    for (const [key, n] of entries) {
      tbody.appendChild(el('tr', {}, el('td', {}, (labels && labels[key]) || key), el('td', { class: 'num' }, fmt(n))));
    }
  }

  async function loadContacts() {
    const r = await api('campaigns/contacts');
    if (!r.ok) return;
    summary = r.data;
    $('subscribed').textContent = fmt(summary.subscribed);
    breakdown($('by-language'), summary.languages);
    breakdown($('by-channel'), summary.channels, Console.CHANNELS);
    breakdown($('by-tag'), summary.tags);
    audienceChoices($('audience-languages'), 'language', summary.languages);
    audienceChoices($('audience-tags'), 'tag', summary.tags);
  }

  /** Checkboxes for the languages or tags the list has, keeping what was ticked. */
  function audienceChoices(box, name, counts) {
    const ticked = new Set([...box.querySelectorAll('input:checked')].map(i => i.value));
    box.querySelectorAll('label, .none').forEach(n => n.remove());
    const keys = Object.keys(counts || {}).filter(k => counts[k] > 0).sort();
    if (!keys.length) box.appendChild(el('span', { class: 'none small muted' }, 'none on the list yet'));
    for (const k of keys) {
      box.appendChild(el('label', { class: 'inline' },
        el('input', { type: 'checkbox', name, value: k, checked: ticked.has(k), onchange: formChanged }),
        k + ' (' + fmt(counts[k]) + ')'));
    }
  }

  // ---------------------------------------------------------------- CSV import

  let lastFile = null;

  $('import-form').addEventListener('submit', e => {
    e.preventDefault();
    const file = $('csv-file').files[0];
    if (!file) {
      notice('Choose a CSV file first.', 'warn');
      return;
    }
    lastFile = file;
    runImport(false);
  });
  $('import-partial').addEventListener('click', () => runImport(true));

  async function runImport(partial) {
    if (!lastFile) return;
    $('import').disabled = true;
    $('import-partial').disabled = true;
    const r = await api('campaigns/contacts/import' + (partial ? '?partial=true' : ''),
      { method: 'POST', raw: lastFile, contentType: 'text/csv' });
    $('import').disabled = false;
    $('import-partial').disabled = false;
    if (r.status !== 200 && r.status !== 422) {
      showImportError((r.data && (r.data.message || r.data.error)) || 'The import failed (' + r.status + ').');
      return;
    }
    showReport(r.data);
    if (r.data.committed) loadContacts();
  }

  function showImportError(message) {
    $('import-report').hidden = false;
    $('import-report').className = 'report error';
    $('import-message').textContent = message;
    clear($('import-figures'));
    $('import-rejected-box').hidden = true;
    $('import-partial').hidden = true;
  }

  function showReport(report) {
    const box = $('import-report');
    box.hidden = false;
    box.className = 'report ' + (report.committed ? (report.rejectedCount ? 'warn' : 'ok') : 'error');
    $('import-message').textContent = report.message;
    const figures = clear($('import-figures'));
    figures.appendChild(el('li', {}, el('strong', {}, fmt(report.rows)), ' row(s) read'));
    if (report.committed) {
      figures.appendChild(el('li', {}, el('strong', {}, fmt(report.imported)), ' added'));
      figures.appendChild(el('li', {}, el('strong', {}, fmt(report.alreadySubscribed)), ' updated (already on the list)'));
    }
    figures.appendChild(el('li', {}, el('strong', {}, fmt(report.rejectedCount)), ' rejected'));
    const rejected = report.rejected || [];
    $('import-rejected-box').hidden = rejected.length === 0;
    const body = clear($('import-rejected'));
    for (const r of rejected) {
      body.appendChild(el('tr', { 'data-line': r.line },
        el('td', { class: 'num' }, String(r.line)), el('td', {}, r.reason)));
    }
    const more = report.rejectedCount - rejected.length;
    $('import-more').hidden = more <= 0;
    $('import-more').textContent = more > 0 ? 'and ' + fmt(more) + ' more rejected line(s) not listed' : '';
    // only when the rows themselves were refused (a wrong header or an unreadable file is line 1 / 0: nothing valid)
    const headerProblem = rejected.some(r => r.line <= 1);
    const valid = report.rows - report.rejectedCount;
    $('import-partial').hidden = report.committed || headerProblem || valid <= 0;
    $('import-partial').textContent = 'Import the valid rows only (' + fmt(valid) + ')';
  }

  // ---------------------------------------------------------------- the new-campaign form

  let previewed = null;   // the request last previewed successfully; Create sends exactly it

  function messageRow(lang, text) {
    const row = el('div', { class: 'message-row' });
    const code = el('input', { type: 'text', class: 'lang', maxlength: 3, value: lang || '', spellcheck: 'false',
      'aria-label': 'Language code', placeholder: 'es', oninput: () => { languagesChanged(); formChanged(); } });
    const area = el('textarea', { rows: 3, 'aria-label': 'Message', oninput: () => { countChars(row); formChanged(); } });
    area.value = text || '';
    const remove = el('button', { type: 'button', class: 'link', onclick: () => {
      if ($('messages').children.length > 1) {
        row.remove();
        languagesChanged();
        formChanged();
      }
    } }, 'Remove');
    row.append(el('div', { class: 'message-head' }, el('span', { class: 'small muted' }, 'Language'), code,
      el('span', { class: 'count small muted' }), remove), area);
    countChars(row);
    return row;
  }

  function countChars(row) {
    const n = [...row.querySelector('textarea').value].length;
    row.querySelector('.count').textContent = n + ' / 1,400 characters';
  }

  function messageLanguages() {
    return [...$('messages').querySelectorAll('.message-row')]
      .map(r => r.querySelector('.lang').value.trim().toLowerCase()).filter(l => l);
  }

  /** The default-language choices and the per-language template variables follow the messages' languages. */
  function languagesChanged() {
    const langs = [...new Set(messageLanguages())];
    const select = $('c-default');
    const current = select.value;
    clear(select);
    langs.forEach(l => select.appendChild(el('option', { value: l }, l)));
    if (langs.includes(current)) select.value = current;
    const vars = $('template-vars');
    const values = {};
    vars.querySelectorAll('input').forEach(i => { values[i.dataset.lang] = i.value; });
    clear(vars);
    for (const l of langs) {
      const id = 'c-vars-' + l.replace(/[^a-z]/g, '');
      const input = el('input', { type: 'text', id, spellcheck: 'false', placeholder: '{"1":"value"}',
        oninput: formChanged });
      input.dataset.lang = l;
      input.value = values[l] || '';
      vars.append(el('label', { for: id }, 'Template variables for ' + l + ' (JSON, optional)'), input);
    }
  }

  $('add-language').addEventListener('click', () => {
    const row = messageRow('', '');
    $('messages').appendChild(row);
    languagesChanged();
    formChanged();
    row.querySelector('.lang').focus();
  });

  function request() {
    const messages = {};
    for (const row of $('messages').querySelectorAll('.message-row')) {
      const lang = row.querySelector('.lang').value.trim().toLowerCase();
      if (lang) messages[lang] = row.querySelector('textarea').value;
    }
    const checked = name => [...document.querySelectorAll('input[name=' + name + ']:checked')].map(i => i.value);
    const start = $('c-start').value;
    const templateVariables = {};
    $('template-vars').querySelectorAll('input').forEach(i => {
      if (i.value.trim()) templateVariables[i.dataset.lang] = i.value.trim();
    });
    const rate = parseFloat($('c-rate').value);
    return {
      name: $('c-name').value,
      messages,
      defaultLanguage: $('c-default').value || null,
      audience: { tags: checked('tag'), languages: checked('language'), channels: checked('channel') },
      startAt: start ? new Date(start).toISOString() : null,
      quietStart: $('c-quiet-start').value || null,
      quietEnd: $('c-quiet-end').value || null,
      ratePerSecond: isNaN(rate) ? null : rate,
      whatsappTemplate: $('c-template').value.trim() || null,
      templateVariables: Object.keys(templateVariables).length ? templateVariables : null,
    };
  }

  /** Any change after a preview asks for a new one before Create. */
  function formChanged() {
    if (previewed && JSON.stringify(request()) !== JSON.stringify(previewed)) {
      previewed = null;
      $('create').disabled = true;
      $('create-hint').textContent = 'The form changed: preview again before creating.';
      $('preview-body').classList.add('stale');
    }
  }
  $('campaign-form').addEventListener('input', formChanged);
  $('campaign-form').addEventListener('change', formChanged);

  /** Where a problem (named "field: words" by the API) is shown next to the form. */
  const FIELDS = [
    ['templateVariables', 'template-vars'], ['whatsappTemplate', 'c-template'], ['audience', 'audience-box'],
    ['defaultLanguage', 'c-default'], ['messages', 'messages-box'], ['quietStart', 'c-quiet-start'],
    ['quietEnd', 'c-quiet-end'], ['ratePerSecond', 'c-rate'], ['name', 'c-name'],
  ];

  function clearProblems() {
    $('form-problems').hidden = true;
    clear($('form-problems-list'));
    document.querySelectorAll('.field-problem').forEach(n => n.remove());
    document.querySelectorAll('[aria-invalid]').forEach(n => n.removeAttribute('aria-invalid'));
  }

  function showProblems(problems) {
    clearProblems();
    if (!problems.length) return;
    $('form-problems').hidden = false;
    for (const p of problems) {
      $('form-problems-list').appendChild(el('li', {}, p));
      const field = FIELDS.find(([prefix]) => p.startsWith(prefix));
      if (!field) continue;
      const target = $(field[1]);
      target.setAttribute('aria-invalid', 'true');
      const words = p.slice(p.indexOf(':') + 1).trim();
      target.insertAdjacentElement(target.tagName === 'FIELDSET' ? 'beforeend' : 'afterend',
        el('p', { class: 'field-problem', role: 'note' }, words));
    }
  }

  function apiProblems(r) {
    if (r.data && Array.isArray(r.data.problems) && r.data.problems.length) return r.data.problems;
    return [(r.data && (r.data.message || r.data.error)) || 'The service refused the campaign (' + r.status + ').'];
  }

  $('preview').addEventListener('click', async () => {
    const req = request();
    $('preview').disabled = true;
    const r = await api('campaigns/preview', { method: 'POST', body: req });
    $('preview').disabled = false;
    if (!r.ok) {
      showProblems(apiProblems(r));
      previewed = null;
      $('create').disabled = true;
      $('create-hint').textContent = 'Fix the problems above, then preview again.';
      return;
    }
    clearProblems();
    renderPreview(r.data);
    previewed = req;
    $('create').disabled = false;
    $('create-hint').textContent = 'Check the preview, then create: sending starts at the start time.';
  });

  /** A message as it will be sent, with the character that forces UCS-2 marked. */
  function messageText(m) {
    const chars = [...m.text];
    const at = m.segments.ucs2At;
    if (m.segments.encoding !== 'UCS-2' || at < 0 || at >= chars.length) {
      return el('p', { class: 'sms' }, m.text);
    }
    return el('p', { class: 'sms' }, chars.slice(0, at).join(''),
      el('mark', { class: 'ucs2', title: 'This character makes the whole message UCS-2' }, chars[at]),
      chars.slice(at + 1).join(''));
  }

  function renderPreview(p) {
    $('preview-empty').hidden = true;
    $('preview-body').hidden = false;
    $('preview-body').classList.remove('stale');
    $('pv-audience').textContent = fmt(p.audience);
    $('pv-segments').textContent = fmt(p.estimatedSmsSegments);
    $('pv-whatsapp').textContent = fmt(p.whatsappMessages);
    breakdown($('pv-languages'), p.byLanguage);
    breakdown($('pv-channels'), p.byChannel, Console.CHANNELS);
    const box = clear($('pv-messages'));
    for (const m of p.messages) {
      const s = m.segments;
      const ucs2 = s.encoding === 'UCS-2';
      box.appendChild(el('div', { class: 'message-preview', 'data-lang': m.language },
        el('h4', {}, 'Message in ' + m.language),
        messageText(m),
        el('p', { class: 'small' },
          el('span', { class: 'encoding ' + (ucs2 ? 'ucs2' : 'gsm') }, s.encoding), ' · ',
          el('span', { class: 'segments' }, s.segments + ' segment' + (s.segments === 1 ? '' : 's')),
          ' · ' + s.units + (ucs2 ? ' UTF-16 units' : ' GSM characters') + ' · ',
          fmt(m.recipients) + ' recipient(s), ' + fmt(m.smsSegments) + ' SMS segment(s)'),
        ucs2 && s.ucs2Char ? el('p', { class: 'small ucs2-note' }, 'The character “', el('mark', {}, s.ucs2Char),
          '” (position ' + (s.ucs2At + 1) + ') makes the message UCS-2: 70 characters per segment instead of 160.'
          + ' Replace it to send fewer segments.') : null));
    }
    const warnings = p.warnings || [];
    $('pv-warnings-box').hidden = !warnings.length;
    const list = clear($('pv-warnings'));
    warnings.forEach(w => list.appendChild(el('li', {}, w)));
  }

  $('campaign-form').addEventListener('submit', async e => {
    e.preventDefault();
    if (!previewed) return;
    $('create').disabled = true;
    const r = await api('campaigns', { method: 'POST', body: previewed });
    if (!r.ok) {
      showProblems(apiProblems(r));
      $('create').disabled = false;
      return;
    }
    notice('Campaign “' + r.data.campaign.name + '” created.');
    previewed = null;
    $('create-hint').textContent = 'Created. Preview again to send another campaign from this form.';
    await loadList();
    openDetail(r.data.campaign.id);
  });

  // ---------------------------------------------------------------- the campaigns

  let campaigns = [];
  let listTimer = null;

  function stateBadge(state) {
    return el('span', { class: 'state ' + state }, STATE_LABELS[state] || state);
  }

  function progressBar(status, small) {
    const pct = Math.round((status.progress || 0) * 100);
    const bar = el('div', { class: 'bar' });
    bar.style.width = pct + '%';
    return el('div', { class: 'progress' + (small ? ' small' : ''), role: 'progressbar', 'aria-valuemin': 0,
      'aria-valuemax': 100, 'aria-valuenow': pct, 'aria-label': pct + '% done' }, bar);
  }

  async function loadList() {
    const r = await api('campaigns');
    if (!r.ok) return;
    campaigns = r.data;
    const body = clear($('campaign-list'));
    $('campaign-list-empty').hidden = campaigns.length > 0;
    for (const s of campaigns) {
      const c = s.campaign;
      body.appendChild(el('tr', { 'data-id': c.id },
        el('td', { class: 'name' }, c.name),
        el('td', {}, stateBadge(s.state)),
        el('td', { title: c.startAt }, Console.time(s.startedAt || c.startAt)),
        el('td', { class: 'num' }, fmt((s.counts || {}).audience)),
        el('td', {}, progressBar(s, true)),
        el('td', {}, el('button', { type: 'button', class: 'link', onclick: () => openDetail(c.id) }, 'Open'))));
    }
    clearTimeout(listTimer);
    const active = campaigns.some(s => s.state === 'running' || s.state === 'scheduled');
    listTimer = setTimeout(loadList, active ? 10000 : 60000);
  }
  $('list-refresh').addEventListener('click', loadList);

  // ---------------------------------------------------------------- one campaign

  let openId = null;
  let detailTimer = null;
  let shown = null;

  function openDetail(id) {
    openId = id;
    $('detail').hidden = false;
    $('cancel-confirm').hidden = true;
    loadDetail().then(() => $('detail').scrollIntoView({ block: 'start' }));
  }

  $('detail-close').addEventListener('click', () => {
    openId = null;
    clearTimeout(detailTimer);
    $('detail').hidden = true;
  });
  $('detail-refresh').addEventListener('click', () => loadDetail());

  async function loadDetail() {
    clearTimeout(detailTimer);
    if (!openId) return;
    const id = openId;
    const r = await api('campaigns/' + encodeURIComponent(id));
    if (id !== openId) return;
    if (!r.ok) {
      notice(r.status === 404 ? 'That campaign no longer exists.' : 'The campaign could not be read.', 'warn');
      return;
    }
    const before = shown && shown.state;
    renderDetail(r.data);
    if (before && before !== r.data.state) loadList();
    // every 2 s while sending; slower afterwards, as delivery reports still arrive
    const s = r.data.state;
    detailTimer = setTimeout(loadDetail, s === 'running' ? 2000 : s === 'scheduled' ? 5000 : 15000);
  }

  function renderDetail(s) {
    shown = s;
    const c = s.campaign;
    $('detail-name').textContent = c.name;
    const badge = $('detail-state');
    badge.className = 'state ' + s.state;
    badge.textContent = STATE_LABELS[s.state] || s.state;
    const hhmm = t => String(t || '').slice(0, 5);
    const aud = c.audience || {};
    const who = [aud.channels && aud.channels.length ? aud.channels.map(ch => Console.CHANNELS[ch] || ch).join(', ')
      : 'every channel', aud.languages && aud.languages.length ? 'languages ' + aud.languages.join(', ') : null,
      aud.tags && aud.tags.length ? 'tags ' + aud.tags.join(', ') : null].filter(x => x).join('; ');
    $('detail-meta').textContent = 'Created by ' + c.createdBy + ' · starts ' + Console.time(c.startAt)
      + (s.finishedAt ? ' · finished ' + Console.time(s.finishedAt) : '')
      + ' · ' + c.ratePerSecond + ' message(s)/s · quiet hours ' + hhmm(c.quietStart) + '–' + hhmm(c.quietEnd)
      + ' · audience: ' + who;
    const pct = Math.round((s.progress || 0) * 100);
    $('progress-bar').style.width = pct + '%';
    $('progress').setAttribute('aria-valuenow', pct);
    const counts = s.counts || {};
    $('progress-label').textContent = pct + '% · ' + fmt(counts.done) + ' of ' + fmt(counts.audience) + ' done'
      + (s.remaining ? ' · ' + fmt(s.remaining) + ' to go' : '');
    $('pause').hidden = !(s.state === 'running' || s.state === 'scheduled');
    $('resume').hidden = s.state !== 'paused';
    $('cancel').hidden = !(s.state === 'running' || s.state === 'scheduled' || s.state === 'paused');
    if ($('cancel').hidden) $('cancel-confirm').hidden = true;
    drawFunnel($('funnel'), counts);
    const box = clear($('detail-messages'));
    for (const [lang, text] of Object.entries(c.messages || {})) {
      box.appendChild(el('div', { class: 'message-preview' },
        el('h4', {}, lang + (lang === c.defaultLanguage ? ' (default)' : '')), el('p', { class: 'sms' }, text)));
    }
    if (c.whatsappTemplate) {
      box.appendChild(el('p', { class: 'small muted' }, 'WhatsApp template ' + c.whatsappTemplate));
    }
  }

  async function change(action) {
    if (!openId) return;
    const r = await api('campaigns/' + encodeURIComponent(openId) + '/' + action, { method: 'POST' });
    if (!r.ok) notice((r.data && r.data.error) || 'The campaign could not be changed.', 'warn');
    await loadDetail();
    loadList();
  }
  $('pause').addEventListener('click', () => change('pause'));
  $('resume').addEventListener('click', () => change('resume'));
  $('cancel').addEventListener('click', () => {
    $('cancel-confirm').hidden = false;
    $('cancel-no').focus();
  });
  $('cancel-no').addEventListener('click', () => { $('cancel-confirm').hidden = true; });
  $('cancel-yes').addEventListener('click', () => {
    $('cancel-confirm').hidden = true;
    change('cancel');
  });

  // ---------------------------------------------------------------- the delivery funnel (inline SVG)

  /** The rows: the funnel, then where the others went. kind: main | lost | aside; sub rows are indented. */
  function funnelRows(counts) {
    const n = k => counts[k] || 0;
    const rows = [
      { key: 'audience', label: 'Audience', value: n('audience'), kind: 'main' },
      { key: 'accepted', label: 'Queued at Twilio', value: n('accepted'), kind: 'main' },
      { key: 'status:sent', label: 'Sent', value: n('status:sent'), kind: 'main' },
      { key: 'status:delivered', label: 'Delivered', value: n('status:delivered'), kind: 'main' },
      { key: 'status:read', label: 'Read (WhatsApp)', value: n('status:read'), kind: 'main' },
      { key: 'status:undelivered', label: 'Undelivered', value: n('status:undelivered'), kind: 'lost' },
      { key: 'status:failed', label: 'Failed (reported by Twilio)', value: n('status:failed'), kind: 'lost' },
      { key: 'failed', label: 'Refused when sending', value: n('failed'), kind: 'lost' },
    ].filter(r => r.key !== 'status:read' || r.value > 0);
    for (const key of Object.keys(counts).filter(k => k.startsWith('error:')).sort()) {
      const code = key.slice(6);
      const label = ERROR_LABELS[code] || (code.startsWith('no_sender_for_') ? 'no sender for '
        + code.slice(14) : 'error');
      rows.push({ key, label: code + ' ' + label, value: counts[key], kind: 'lost', sub: true });
    }
    rows.push({ key: 'opted_out', label: 'Opted out', value: n('opted_out'), kind: 'aside' });
    rows.push({ key: 'skipped', label: 'Skipped', value: n('skipped'), kind: 'aside' });
    for (const key of Object.keys(counts).filter(k => k.startsWith('skip:')).sort()) {
      rows.push({ key, label: SKIP_LABELS[key.slice(5)] || key.slice(5), value: counts[key], kind: 'aside',
        sub: true });
    }
    rows.push({ key: 'deferred:quiet_hours', label: 'Waited for quiet hours to end', value: n('deferred:quiet_hours'),
      kind: 'aside' });
    if (n('cancelled')) rows.push({ key: 'cancelled', label: 'Not sent (cancelled)', value: n('cancelled'),
      kind: 'aside' });
    if (n('retries')) rows.push({ key: 'retries', label: 'Retries after a temporary error', value: n('retries'),
      kind: 'aside' });
    return rows;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function drawFunnel(box, counts) {
    const rows = funnelRows(counts);
    const labelW = 250;
    const barW = 420;
    const rowH = 26;
    const gap = 14;
    const max = Math.max(1, ...rows.map(r => r.value));
    let y = 0;
    const height = rows.length * rowH + 2 * gap;
    const chart = svg('svg', { viewBox: '0 0 ' + (labelW + barW + 80) + ' ' + height, role: 'img',
      'aria-labelledby': 'funnel-title' });
    chart.appendChild(svg('title', { id: 'funnel-title' }, 'Delivery funnel: ' + rows.filter(r => !r.sub)
      .map(r => r.label + ' ' + r.value).join(', ')));
    let previousKind = 'main';
    for (const r of rows) {
      if (r.kind !== previousKind) {
        y += gap;
        previousKind = r.kind;
      }
      const g = svg('g', { class: 'row ' + r.kind + (r.sub ? ' sub' : ''), 'data-key': r.key,
        transform: 'translate(0,' + y + ')' });
      g.appendChild(svg('text', { x: r.sub ? 18 : 0, y: rowH / 2 + 4, class: 'label' }, r.label));
      const w = r.value > 0 ? Math.max(2, Math.round(barW * r.value / max)) : 0;
      g.appendChild(svg('rect', { x: labelW, y: 4, width: w, height: rowH - 8, rx: 3, class: 'bar' }));
      g.appendChild(svg('text', { x: labelW + w + 6, y: rowH / 2 + 4, class: 'value' }, fmt(r.value)));
      chart.appendChild(g);
      y += rowH;
    }
    clear(box).appendChild(chart);
  }

  // ---------------------------------------------------------------- start

  (async function start() {
    try {
      await Console.start();
    } catch (e) {
      return;
    }
    $('messages').appendChild(messageRow('en', ''));
    languagesChanged();
    loadContacts();
    await loadList();
    const id = new URLSearchParams(location.search).get('campaign');
    if (id) openDetail(id);
  })();
})();
