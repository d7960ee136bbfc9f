/*
 * The counsellor desk: presence, "Help next", the conversations I hold, one open transcript with reply, transfer and
 * close. Live messages arrive over the event stream; a heartbeat keeps my leases while the page is open.
 */
'use strict';
(function () {
  const { el, clear, api, notice, time, duration, shortId, tierBadge } = Console;
  const $ = id => document.getElementById(id);

  const state = {
    me: null,
    held: [],            // conversations I hold (API "conversations")
    current: null,       // id of the open conversation
    view: null,          // its view (API "conversations/{id}")
    rendered: null,      // id of the conversation last drawn, and the alerts it had then (kinds)
    alertsKey: '',
    reading: {},         // id -> where the counsellor left it: { top, newest (in view), alerts }
    unread: {},          // id -> count of live messages not seen
    liveLines: {},       // id -> lines that came live since its view was last drawn (a fetch in flight may lack them)
    lost: new Set(),     // leases already announced as lost
    canned: {},          // language -> [{title, text}]
    windowTimer: null,
    queue: null,         // the queue by tier (API "queue"), and when it was read (ms, this browser's clock)
    queueReadAt: 0,
    knownImminent: null, // IMMINENT conversations already announced (null until the first read: no alarm on load)
    queueReading: false,
    queueAgain: false,
    transferredBack: false,  // this tab transferred a conversation back to the queue (whyNothing says what follows)
  };

  // ---------- presence ----------
  function showPresence(presence) {
    for (const input of document.querySelectorAll('input[name=presence]')) input.checked = input.value === presence;
    state.me.presence = presence;
  }

  $('presence').addEventListener('change', async e => {
    const wanted = e.target.value;
    const r = await api('presence', { method: 'POST', body: { presence: wanted } });
    if (r.ok) {
      showPresence(r.data.presence);
      $('next-status').textContent = '';
    } else {
      showPresence(state.me.presence);
      notice(r.data.error || 'Your status could not be changed.', 'error');
    }
  });

  // ---------- help next ----------
  $('next').addEventListener('click', async () => {
    const button = $('next');
    const status = $('next-status');
    button.disabled = true;
    status.textContent = '';
    try {
      const r = await api('next', { method: 'POST' });
      if (r.status === 200 && r.data.conversation) {
        status.textContent = '';
        await loadMine();
        await open(r.data.conversation);
      } else if (r.status === 204) {
        status.textContent = whyNothing();
      } else {
        status.textContent = r.data.error || 'The queue could not be reached. Try again in a moment.';
      }
    } finally {
      button.disabled = false;
    }
  });

  function whyNothing() {
    if (state.me.presence !== 'available') {
      return 'You are not set as available, so no conversation is offered to you. Choose "Available" above.';
    }
    if (state.held.length >= state.me.capacity) {
      return 'You are holding ' + state.held.length + ' of your ' + state.me.capacity + ' conversations. ' +
        'Close or transfer one to take another.';
    }
    return 'Nobody is waiting in your languages (' + state.me.languages.join(', ') + ') right now.' +
      (state.transferredBack ? ' A conversation you transferred back to the queue is offered to your available ' +
        'colleagues first for a few minutes; you are offered it again if none of them can take it.' : '');
  }

  // ---------- my conversations ----------
  async function loadMine() {
    const r = await api('conversations');
    if (!r.ok) return;
    state.held = r.data.conversations || [];
    state.held.forEach(c => state.lost.delete(c.id));   // taken again after a lost lease: a later loss is news
    renderMine();
    if (state.current && !state.held.some(c => c.id === state.current) && !state.lost.has(state.current)) {
      closeView('Conversation ' + shortId(state.current) + ' is no longer yours.');
    }
  }

  function renderMine() {
    const list = clear($('mine'));
    $('mine-empty').hidden = state.held.length > 0;
    for (const c of state.held) {
      const unread = state.unread[c.id] || 0;
      const since = c.claimedAt ? 'with you for ' + duration((Date.now() - c.claimedAt) / 1000) : '';
      // no reply of mine for longer than the limit: the supervisors have been told (the liveness job)
      const quiet = c.replyDueSince ? (Date.now() - c.replyDueSince) / 1000 : 0;
      const overdue = c.replyDueSince && quiet >= c.silenceLimitSeconds;
      const button = el('button', { type: 'button', 'aria-current': c.id === state.current ? 'true' : null,
        class: overdue ? 'reply-overdue' : null, onclick: () => open(c.id) },
        el('span', {}, tierBadge(c.tierName), ' ', el('strong', {}, shortId(c.id)), ' · ',
          Console.CHANNELS[c.channel] || c.channel, ' · ', c.language),
        el('span', { class: 'small muted' }, since),
        overdue ? el('span', { class: 'overdue' }, 'No reply from you for ' + duration(quiet)) : null,
        unread ? el('span', { class: 'unread' }, unread + ' new message' + (unread > 1 ? 's' : '')) : null);
      list.appendChild(el('li', {}, button));
    }
    updateTitle();
  }

  // Unread messages and an IMMINENT young person waiting show in the tab's title, seen from any other tab.
  function updateTitle() {
    const total = Object.values(state.unread).reduce((a, b) => a + b, 0);
    const imminent = state.queue ? state.queue.imminent.length : 0;
    document.title = (imminent ? '⚠ IMMINENT waiting · ' : '') + (total ? '(' + total + ') ' : '') +
      'Counsellor desk · Helpline console';
  }

  // ---------- one conversation ----------
  async function open(id) {
    state.current = id;
    const r = await api('conversations/' + encodeURIComponent(id));
    if (state.current !== id) return;             // another one was opened meanwhile
    if (!r.ok) {
      notice(r.status === 403 ? 'Conversation ' + shortId(id) + ' is no longer yours.'
        : (r.data.error || 'The conversation could not be opened.'), 'warn');
      state.current = null;
      await loadMine();
      return;
    }
    state.view = r.data;
    state.lost.delete(id);
    delete state.unread[id];
    renderView();
    renderMine();
    loadCanned(r.data.language);
  }

  function renderView() {
    const v = state.view;
    const col = scrollRegion();
    if (state.rendered && col) {
      state.reading[state.rendered] = { top: col.scrollTop, newest: atNewest(), alerts: state.alertsKey };
    }
    const was = state.reading[v.id];
    $('placeholder').hidden = true;
    $('conversation').hidden = false;
    const title = clear($('conv-title'));
    title.append(el('span', {}, 'Conversation ' + shortId(v.id) + ' '), tierBadge(v.tierName));
    if (state.reviewFor !== v.id) { state.reviewFor = v.id; renderRiskReview(v.tierName); }
    renderMeta();
    const reasons = clear($('conv-reasons'));
    const box = Console.whyBox(v.tierName, v.why) || Console.reasonsBox(v.tierName, v.reasons);
    if (box) reasons.appendChild(box);
    renderAlerts(v);
    renderHistory(v);
    // a line that came live while this view was being fetched is not in it: keep it, or it would vanish from the
    // desk until the conversation is opened again
    const lines = (v.transcript || []).slice();
    const known = new Set(lines.map(lineKey));
    for (const l of state.liveLines[v.id] || []) {
      if (!known.has(lineKey(l))) lines.push(l);
    }
    state.liveLines[v.id] = [];
    Console.renderTranscript($('transcript'), lines);
    if ($('close-box').open) loadTrainingChoice();
    renderTemplates(v.templates || []);
    renderWindow();
    setEnabled(true);
    // A conversation is first read from the top: its alerts, why it is here, then what the young person wrote while
    // waiting, in order. So is one with an alert that came since. Otherwise it opens again where the counsellor
    // left it, following the newest line if that was in view.
    const alertsKey = (v.handover ? 'handover ' : '') + (v.alerts || []).map(a => a.kind).join(' ');
    const region = scrollRegion();
    if (!was || was.alerts !== alertsKey) showTop();
    else if (was.newest) showNewest();
    else if (region) region.scrollTop = was.top;
    state.rendered = v.id;
    state.alertsKey = alertsKey;
    $('reply-text').focus({ preventScroll: true });
  }

  // On a laptop screen the conversation column is the scroll region and the transcript inside it does not scroll;
  // on a narrow screen the page scrolls and the transcript scrolls within its own bounds.
  function scrollRegion() {
    const col = $('conversation');
    return !col.hidden && getComputedStyle(col).overflowY === 'auto' ? col : null;
  }

  // The column's scroll position that shows the transcript's end just above the reply box stuck to its bottom.
  function newestTop(col) {
    const list = $('transcript');
    const gap = parseFloat(getComputedStyle(col).rowGap) || 0;
    return Math.max(0, list.offsetTop + list.offsetHeight + gap + $('reply').offsetHeight - col.clientHeight);
  }

  function atNewest() {
    const list = $('transcript'), col = scrollRegion();
    if (col) return newestTop(col) - col.scrollTop < 80;
    return list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  }

  // With the transfer and close forms folded, the column's very end shows them under the reply box, in reach;
  // with one unfolded, the end would hide the transcript.
  function showNewest() {
    const list = $('transcript'), col = scrollRegion();
    list.scrollTop = list.scrollHeight;
    if (!col) return;
    const folded = !$('transfer-box').open && !$('close-box').open;
    col.scrollTop = folded ? col.scrollHeight : newestTop(col);
  }

  function showTop() {
    const list = $('transcript'), col = scrollRegion();
    list.scrollTop = list.scrollHeight;
    if (col) col.scrollTop = 0;
  }

  function renderMeta() {
    const v = state.view;
    if (!v) return;
    const held = state.held.find(c => c.id === v.id);
    clear($('conv-meta')).append(
      el('span', {}, 'Channel: ' + (Console.CHANNELS[v.channel] || v.channel)),
      el('span', {}, 'Language: ' + v.language),
      held && held.claimedAt ? el('span', {}, 'Waited ' + duration((held.claimedAt - held.enqueuedAt) / 1000)) : null,
      held && held.claimedAt ? el('span', {}, 'With you for ' + duration((Date.now() - held.claimedAt) / 1000))
        : null);
  }

  // ---------- the queue by tier, and the IMMINENT alarm ----------
  const TIER_WORDS = { IMMINENT: 'imminent risk', HIGH: 'high risk', LOW: 'low risk' };

  // Read on load and after every queue event (one read at a time; a change meanwhile reads once more after it).
  async function loadQueue() {
    if (state.queueReading) { state.queueAgain = true; return; }
    state.queueReading = true;
    try {
      const r = await api('queue');
      if (!r.ok) return;
      const fresh = r.data.imminent.filter(id => state.knownImminent && !state.knownImminent.has(id));
      state.queue = r.data;
      state.queueReadAt = Date.now();
      state.knownImminent = new Set(r.data.imminent);
      renderQueue();
      if (fresh.length) imminentArrived(fresh.length);
    } finally {
      state.queueReading = false;
      if (state.queueAgain) { state.queueAgain = false; loadQueue(); }
    }
  }

  function waited(seconds) {
    return duration(seconds + (Date.now() - state.queueReadAt) / 1000);
  }

  function renderQueue() {
    const q = state.queue;
    if (!q) return;
    const list = clear($('tiers'));
    for (const t of q.tiers) {
      list.appendChild(el('li', { class: t.waiting ? '' : 'empty', 'data-tier': t.tier },
        tierBadge(t.tier), ' ',
        el('span', { class: 'count' }, t.waiting ? t.waiting + ' waiting' : 'nobody'),
        t.waiting ? el('span', { class: 'wait small' }, 'longest waiting ' + waited(t.longestWaitSeconds)) : null));
    }
    $('queue-depth').textContent = q.total === 0 ? 'Nobody is waiting in the queue.'
      : q.total + (q.total === 1 ? ' young person is' : ' young people are') + ' waiting in the queue.';
    const banner = $('urgent-alert');
    const imminent = q.tiers.find(t => t.tier === 'IMMINENT');
    if (imminent && imminent.waiting) {
      banner.hidden = false;
      banner.textContent = (imminent.waiting === 1 ? 'A young person at imminent risk is'
        : imminent.waiting + ' young people at imminent risk are') + ' waiting (longest waiting ' +
        waited(imminent.longestWaitSeconds) + '). Press Help next.';
    } else {
      banner.hidden = true;
      banner.classList.remove('new');
    }
    updateTitle();
  }

  function imminentArrived(n) {
    const banner = $('urgent-alert');
    banner.classList.remove('new');
    void banner.offsetWidth;                       // restart the flash
    banner.classList.add('new');
    beep();
    if ('Notification' in window && Notification.permission === 'granted') {
      // no words of the young person in a desktop notification: it shows on a shared screen
      const n1 = new Notification('Imminent risk: a young person is waiting', { body: (n > 1 ? n + ' new ' +
        'conversations at imminent risk. ' : '') + 'Press Help next on the counsellor desk.',
        tag: 'helpline-imminent', requireInteraction: true });
      n1.onclick = () => { window.focus(); n1.close(); };
    }
  }

  // Two short tones made by WebAudio (nothing to download); data-sound says whether the browser let it play.
  function beep() {
    const banner = $('urgent-alert');
    Console.chime(banner, [880, 660]);
  }

  // Desktop notifications: asked once per browser, on the first click on the desk (browsers want a gesture).
  function setUpNotifications() {
    const status = $('notify-status');
    if (!('Notification' in window)) {
      status.textContent = 'This browser cannot show desktop alerts: the sound and the tab title still alert you.';
      return;
    }
    const show = () => {
      status.textContent = Notification.permission === 'granted'
        ? 'Desktop alerts are on for imminent-risk arrivals.'
        : Notification.permission === 'denied'
          ? 'Desktop alerts are blocked in this browser: the sound and the tab title still alert you.'
          : 'Click anywhere on the desk to allow desktop alerts for imminent-risk arrivals.';
    };
    show();
    if (Notification.permission !== 'default' || localStorage.getItem('helpline.notifications.asked')) return;
    document.addEventListener('click', () => {
      localStorage.setItem('helpline.notifications.asked', '1');
      Promise.resolve(Notification.requestPermission()).then(show, show);
    }, { once: true });
  }

  // Waits are durations; they grow while the page is open.
  function tick() {
    renderQueue();
    renderMine();
    renderMeta();
  }

  // Opted out, not safe to text back, erasure waiting: shown above everything, in words, before anyone writes.
  function renderAlerts(v) {
    const box = clear($('alerts'));
    if (v.handover) {
      box.append(el('div', { class: 'alert handover', 'data-kind': 'handover' },
        el('strong', {}, 'Handover note from ' + v.handover.from + ' (' + time(v.handover.at) + '):'), ' ',
        el('span', {}, v.handover.note)));
    }
    for (const a of v.alerts || []) {
      const item = el('div', { class: 'alert ' + a.kind, 'data-kind': a.kind },
        el('strong', {}, Console.ALERT_TITLES[a.kind] || a.kind), ' ', el('span', {}, a.text));
      if (a.kind === 'erasure-pending') {
        const ack = el('button', { type: 'button', class: 'ack-erasure' }, 'I have seen it: erase now');
        ack.addEventListener('click', async () => {
          const r = await api('conversations/' + encodeURIComponent(v.id) + '/erasure', { method: 'POST', body: {} });
          if (r.ok) { closeView('Conversation ' + shortId(v.id) + ' was erased.'); await loadMine(); }
          else notice((r.data && r.data.error) || 'The erasure could not be done.', 'error');
        });
        item.append(' ', ack);
      }
      box.append(item);
    }
  }

  function closeView(message) {
    if (message) notice(message, 'warn');
    state.current = null;
    if (state.rendered) delete state.reading[state.rendered];
    state.view = null;
    state.rendered = null;
    $('conversation').hidden = true;
    $('placeholder').hidden = false;
    $('reply-text').value = '';
    $('notes').value = '';
    $('close-box').open = false;
    $('close-confirm').hidden = true;
    $('transfer-box').open = false;
    renderMine();
  }

  function setEnabled(on) {
    for (const control of document.querySelectorAll('#reply textarea, #reply select, #reply button, ' +
      '#transfer button, #close button')) {
      control.disabled = !on;
    }
    if (on) renderWindow();
  }

  // The WhatsApp 24-hour window: free text only while it is open, an approved template after.
  function renderWindow() {
    const v = state.view;
    const banner = $('window');
    clearTimeout(state.windowTimer);
    if (v && state.lost.has(v.id)) return;         // the lease-lost banner stays
    if (!v || !v.window || v.window.state === 'none' || !v.window.closesAt) {
      banner.hidden = true;
      $('template-box').hidden = true;
      $('reply-text').disabled = false;
      $('send').disabled = false;
      return;
    }
    const closesAt = new Date(v.window.closesAt);
    const left = (closesAt - Date.now()) / 1000;
    const windowState = left <= 0 ? 'closed' : left <= 2 * 3600 ? 'closing' : 'open';
    banner.hidden = windowState === 'open';
    banner.className = 'window-banner ' + windowState;
    if (windowState === 'closing') {
      banner.textContent = 'The WhatsApp 24-hour window closes at ' + time(closesAt) + ' (in ' + duration(left) +
        '). After that you can only send an approved template, until the young person writes again.';
    } else if (windowState === 'closed') {
      banner.textContent = 'The WhatsApp 24-hour window closed at ' + time(closesAt) + '. Free-text replies ' +
        'cannot be delivered; send an approved template to invite the young person to write again.';
    }
    $('reply-text').disabled = windowState === 'closed';
    $('send').disabled = windowState === 'closed';
    $('template-box').hidden = windowState !== 'closed';
    if (windowState !== 'closed') state.windowTimer = setTimeout(renderWindow, 60000);
  }

  function renderTemplates(templates) {
    const select = clear($('template'));
    if (!templates.length) {
      select.appendChild(el('option', { value: '' }, 'No approved templates are configured'));
      $('send-template').disabled = true;
      return;
    }
    for (const t of templates) select.appendChild(el('option', { value: t.sid }, t.name));
    $('send-template').disabled = false;
  }

  function lineKey(l) {
    return l.at + '|' + l.direction + '|' + l.text;
  }

  function appendLine(line) {
    const list = $('transcript');
    const nearBottom = atNewest();
    if (list.children.length === 1 && list.firstChild.textContent === 'No messages.') clear(list);
    list.appendChild(Console.transcriptLine(line));
    if (nearBottom || line.direction === 'counsellor') showNewest();
  }

  // ---------- canned responses ----------
  async function loadCanned(language) {
    if (!state.canned[language]) {
      const r = await api('canned?language=' + encodeURIComponent(language));
      state.canned[language] = r.ok ? r.data : [];
    }
    const select = clear($('canned'));
    select.appendChild(el('option', { value: '' }, 'Insert a canned response…'));
    state.canned[language].forEach((c, i) => select.appendChild(el('option', { value: String(i) }, c.title)));
  }

  $('canned').addEventListener('change', e => {
    const language = state.view ? state.view.language : 'en';
    const item = (state.canned[language] || [])[Number(e.target.value)];
    if (!item || e.target.value === '') return;
    const box = $('reply-text');
    box.value = box.value.trim() ? box.value.trimEnd() + ' ' + item.text : item.text;
    e.target.value = '';
    box.dispatchEvent(new Event('input'));
    box.focus();
  });

  // ---------- reply ----------
  $('reply-text').addEventListener('input', e => {
    const n = [...e.target.value].length;
    $('reply-count').textContent = n ? n + ' / 1600 characters' : '';
  });
  $('reply-text').addEventListener('keydown', e => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) $('reply').requestSubmit();
  });

  $('reply').addEventListener('submit', async e => {
    e.preventDefault();
    const text = $('reply-text').value.trim();
    if (!text || !state.current) return;
    await send({ text }, text);
  });

  $('send-template').addEventListener('click', async () => {
    const sid = $('template').value;
    if (!sid || !state.current) return;
    const name = $('template').selectedOptions[0].textContent;
    await send({ templateSid: sid }, '[template: ' + name + ']');
  });

  async function send(body, shown) {
    const id = state.current;
    $('send').disabled = true;
    try {
      const r = await api('conversations/' + encodeURIComponent(id) + '/messages', { method: 'POST', body });
      if (r.ok) {
        if (body.text) { $('reply-text').value = ''; $('reply-count').textContent = ''; }
        const mine = state.held.find(c => c.id === id);
        if (mine) { mine.replyDueSince = Date.now(); renderMine(); }   // a new silence starts now
        const held = r.data && r.data.status === 'held';
        if (held) notice(r.data.error, 'warn');
        if (state.current === id) appendLine({ at: new Date().toISOString(), direction: 'counsellor',
          text: shown + (held ? ' [HELD until they write again]' : '') });
      } else if (r.status === 403) {
        notice('Conversation ' + shortId(id) + ' is no longer yours: the message was not sent.', 'warn');
        await loadMine();
      } else {
        notice((r.data && r.data.error) || 'The message could not be sent.', 'error');
        if (r.data && r.data.status === 'failed' && state.current === id && /provider|could not be sent/.test(r.data.error || '')) {
          appendLine({ at: new Date().toISOString(), direction: 'counsellor', text: shown + ' [NOT DELIVERED]' });
        }
      }
    } finally {
      $('send').disabled = false;
      renderWindow();
    }
  }

  // ---------- transfer ----------
  // The colleagues who could take it now (available, with room; those who speak its language first): no typing.
  async function loadColleagues() {
    const select = clear($('colleague'));
    const status = $('colleague-status');
    const r = await api('colleagues?conversation=' + encodeURIComponent(state.current || ''));
    const list = r.ok ? r.data : [];
    if (!list.length) {
      select.appendChild(el('option', { value: '' }, 'Nobody is available with room'));
      status.textContent = r.ok ? 'No colleague is available with room right now. You can transfer it back to the ' +
        'queue instead.' : (r.data.error || 'The list of colleagues could not be read.');
      return;
    }
    status.textContent = '';
    select.appendChild(el('option', { value: '' }, 'Choose a colleague…'));
    for (const c of list) select.appendChild(el('option', { value: c.username }, Console.colleagueLabel(c)));
  }

  // while the colleague picker is open, who is available and their load follow the live events
  function refreshColleagues() {
    if ($('transfer-box').open && !$('colleague').disabled) Console.refreshPicker($('colleague'), loadColleagues);
  }

  $('transfer-box').addEventListener('toggle', () => {
    if ($('transfer-box').open && !$('colleague').disabled) loadColleagues();
  });

  for (const radio of document.querySelectorAll('input[name=transfer-to]')) {
    radio.addEventListener('change', async () => {
      const colleague = document.querySelector('input[name=transfer-to]:checked').value === 'colleague';
      $('colleague').disabled = !colleague;
      if (colleague) { await loadColleagues(); $('colleague').focus(); }
    });
  }

  $('transfer').addEventListener('submit', async e => {
    e.preventDefault();
    const id = state.current;
    if (!id) return;
    const toColleague = document.querySelector('input[name=transfer-to]:checked').value === 'colleague';
    const to = toColleague ? $('colleague').value : 'queue';
    if (toColleague && !to) {
      notice('Choose the colleague who should take this conversation.', 'warn');
      return;
    }
    const note = $('handover-note').value.trim() || null;
    const r = await api('conversations/' + encodeURIComponent(id) + '/transfer',
      { method: 'POST', body: { to, note } });
    if (r.ok) {
      if (!toColleague) state.transferredBack = true;
      closeView();
      notice(toColleague ? 'Conversation ' + shortId(id) + ' transferred to ' + to + '.'
        : 'Conversation ' + shortId(id) + ' is back in the queue, at its original place.');
      $('handover-note').value = '';
      await loadMine();
    } else {
      notice((r.data && r.data.error) || 'The conversation could not be transferred.', 'error');
      if (toColleague) loadColleagues();
    }
  });

  // ---------- close ----------
  // The case record's choices: categories (Child Helpline International's, with sub-categories), age band, gender,
  // outcome, referrals.
  async function loadDispositions() {
    const r = await api('case-options');
    if (!r.ok) return;
    state.caseOptions = r.data;
    state.categoryLabels = {};
    for (const c of r.data.categories) {
      state.categoryLabels[c.code] = c.label;
      $('disposition').appendChild(el('option', { value: c.code }, c.label));
      $('categories').appendChild(el('option', { value: c.code }, c.label));
    }
    for (const a of r.data.ageBands) {
      $('age-band').appendChild(el('option', { value: a.code, selected: a.code === 'UNKNOWN' }, a.label));
    }
    for (const g of r.data.genders) {
      $('gender').appendChild(el('option', { value: g.code, selected: g.code === 'NOT_ASKED' }, g.label));
    }
    $('outcome').appendChild(el('option', { value: '' }, 'Choose…'));
    for (const o of r.data.outcomes) $('outcome').appendChild(el('option', { value: o.code }, o.label));
    for (const x of r.data.referrals) {
      $('referrals').appendChild(el('label', { class: 'inline' }, el('input', { type: 'checkbox', name: 'referral',
        value: x.code, checked: x.code === 'NONE' ? '' : null }), ' ' + x.label));
    }
  }

  // "No referral" and a place referred to exclude each other: ticking one clears the other.
  $('referrals').addEventListener('change', e => {
    if (!e.target.checked) return;
    for (const box of referralBoxes()) {
      if ((e.target.value === 'NONE') !== (box.value === 'NONE')) box.checked = false;
    }
  });
  function referralBoxes() { return [...document.querySelectorAll('#referrals input[name=referral]')]; }
  function resetReferrals() { for (const box of referralBoxes()) box.checked = box.value === 'NONE'; }

  // The counsellor's review of the risk level: the tier the conversation came in at, or the one they would give.
  const REVIEW_WORDS = { NONE: 'no risk', LOW: 'low risk', HIGH: 'high risk', IMMINENT: 'imminent risk' };
  function renderRiskReview(tier) {
    const t = REVIEW_WORDS[tier] ? tier : 'NONE';
    const box = clear($('risk-review'));
    box.appendChild(el('option', { value: '' }, 'Not reviewed'));
    box.appendChild(el('option', { value: t }, 'Yes: ' + REVIEW_WORDS[t]));
    for (const k of ['NONE', 'LOW', 'HIGH', 'IMMINENT']) {
      if (k !== t) box.appendChild(el('option', { value: k }, 'No, it was ' + REVIEW_WORDS[k]));
    }
  }

  // The counsellor's review (risk level, the messages that mattered, their topic, names to leave out) can be given
  // at any time while the conversation is open: it is saved as it is given, and the close form starts from it after
  // a reload or a transfer. The tick boxes are shown only when the young person agreed to training, listing what they
  // wrote after agreeing (transcript indexes, as the server numbers them).
  async function loadTrainingChoice() {
    const id = state.current;
    if (!id) return;
    const r = await api('conversations/' + encodeURIComponent(id) + '/training');
    if (state.current !== id || !r.ok) return;
    $('training-consent').textContent = r.data.consented ? ''
      : 'The young person did not agree to their messages being used for training: nothing of this conversation is kept for it.';
    $('training-consent').hidden = r.data.consented;
    $('training-box').hidden = !r.data.consented;
    state.trainingEligible = new Set(r.data.eligible);
    const first = state.draftFor !== id;
    const d = first ? r.data.draft : null;
    const topic = $('topic');
    const chosen = d ? (d.topic || '') : topic.value;
    clear(topic);
    topic.appendChild(el('option', { value: '' }, 'Not said'));
    for (const t of r.data.topics) topic.appendChild(el('option', { value: t.code, selected: t.code === chosen }, t.label));
    if (first) {
      state.draftFor = id;
      if (d && d.riskReview && [...$('risk-review').options].some(o => o.value === d.riskReview)) {
        $('risk-review').value = d.riskReview;
      }
      $('training-names').value = d && d.names ? d.names : '';
      renderMattered(new Set(((d && d.mattered) || []).map(String)));
    } else {
      renderMattered();
    }
  }

  function renderMattered(initial) {
    const box = $('mattered-list');
    const ticked = initial || new Set([...box.querySelectorAll('input:checked')].map(i => i.value));
    clear(box);
    const lines = (state.view && state.view.transcript) || [];
    const eligible = state.trainingEligible || new Set();
    lines.forEach((l, i) => {
      if (l.direction !== 'in' || !eligible.has(i)) return;
      const text = l.text.length > 140 ? l.text.slice(0, 139) + '…' : l.text;
      box.appendChild(el('label', { class: 'inline mattered' },
        el('input', { type: 'checkbox', value: String(i), checked: ticked.has(String(i)) }), ' ', text));
    });
  }

  function reviewNow() {
    return { riskReview: $('risk-review').value || null,
      mattered: [...$('mattered-list').querySelectorAll('input:checked')].map(i => Number(i.value)),
      topic: $('topic').value || null, names: $('training-names').value.trim() || null };
  }

  let reviewTimer = null;
  function saveReview(delay) {
    const id = state.current;
    if (!id || state.draftFor !== id) return;
    clearTimeout(reviewTimer);
    reviewTimer = setTimeout(async () => {
      if (state.current !== id) return;
      const r = await api('conversations/' + encodeURIComponent(id) + '/feedback', { method: 'POST', body: reviewNow() });
      if (!r.ok && r.status !== 403) notice('Your review could not be saved yet; it is kept in the form.', 'warn');
    }, delay);
  }

  $('close-box').addEventListener('toggle', () => {
    if ($('close-box').open) loadTrainingChoice();
  });
  $('risk-review').addEventListener('change', () => saveReview(0));
  $('topic').addEventListener('change', () => saveReview(0));
  $('mattered-list').addEventListener('change', () => saveReview(0));
  $('training-names').addEventListener('input', () => saveReview(800));

  // The contact's earlier cases (pseudonymous: the same young person writing again), for the next counsellor.
  function renderHistory(v) {
    const cases = v.history || [];
    $('history').hidden = cases.length === 0;
    $('history').open = cases.length > 0;
    $('history-summary').textContent = 'Earlier contacts with this young person (' + cases.length + ')';
    const list = clear($('history-list'));
    for (const c of cases) {
      list.appendChild(el('li', { 'data-case': c.caseId },
        el('div', {}, el('strong', {}, time(c.closedAt)), ' · ', tierBadge(c.tier), ' · ',
          c.categories.map(k => (state.categoryLabels && state.categoryLabels[k]) || k).join('; ')),
        el('div', { class: 'small muted' }, c.outcome + referredWords(c.referrals) + ' · age ' + c.ageBand + ' · ' +
          c.counsellor),
        c.notes ? el('div', { class: 'history-notes' }, c.notes) : null));
    }
  }

  // An earlier case's referrals in words (labels from the server); nothing for a record that did not say.
  function referredWords(labels) {
    if (!labels || !labels.length) return '';
    const none = state.caseOptions && state.caseOptions.referrals.find(x => x.code === 'NONE');
    if (none && labels.length === 1 && labels[0] === none.label) return ' · not referred';
    return ' · referred to ' + labels.join(', ');
  }

  // Closing asks once more: it ends the young person's chat with a person.
  $('close').addEventListener('submit', e => {
    e.preventDefault();
    const id = state.current;
    if (!id) return;
    if (!$('disposition').value) {
      notice('Choose a disposition before closing.', 'warn');
      $('disposition').focus();
      return;
    }
    if (!$('outcome').value) {
      notice('Choose the outcome before closing.', 'warn');
      $('outcome').focus();
      return;
    }
    const referrals = referralBoxes().filter(b => b.checked).map(b => b.value);
    if (!referrals.length) {
      notice('Say where the young person was referred, or tick “No referral”, before closing.', 'warn');
      referralBoxes()[0].focus();
      return;
    }
    if ($('outcome').value.startsWith('REFERRED_') && referrals.includes('NONE')) {
      notice('The outcome says the young person was referred: tick where to, under “Referred to”.', 'warn');
      referralBoxes()[0].focus();
      return;
    }
    const notSafe = state.view && (state.view.alerts || []).some(a => a.kind === 'not-safe-to-text');
    $('close-confirm-text').textContent = 'Close conversation ' + shortId(id) + '? ' + (notSafe
      ? 'Nothing is sent to the young person (it is not safe to text them); the bot answers their next message.'
      : 'The young person is told the chat has ended and the bot takes over.');
    $('close-confirm').hidden = false;
    $('close-yes').focus();
  });
  $('close-no').addEventListener('click', () => { $('close-confirm').hidden = true; });
  $('close-yes').addEventListener('click', async () => {
    $('close-confirm').hidden = true;
    const id = state.current;
    const disposition = $('disposition').value;
    if (!id || !disposition) return;
    const r = await api('conversations/' + encodeURIComponent(id) + '/close',
      { method: 'POST', body: { disposition, notes: $('notes').value.trim() || null,
        categories: [...$('categories').selectedOptions].map(o => o.value).filter(c => c !== disposition),
        ageBand: $('age-band').value, gender: $('gender').value, outcome: $('outcome').value,
        referrals: referralBoxes().filter(b => b.checked).map(b => b.value), ...reviewNow() } });
    if (r.ok) {
      $('disposition').value = '';
      $('outcome').value = '';
      $('age-band').value = 'UNKNOWN';
      $('gender').value = 'NOT_ASKED';
      for (const o of $('categories').options) o.selected = false;
      resetReferrals();
      clear($('mattered-list'));
      $('training-names').value = '';
      state.draftFor = null;
      state.reviewFor = null;  // the same young person writing again is the same conversation: review afresh
      closeView();
      notice('Conversation ' + shortId(id) + ' closed. The young person was told and the bot has taken over.');
      await loadMine();
    } else {
      notice((r.data && r.data.error) || 'The conversation could not be closed.', 'error');
    }
  });

  // ---------- leases ----------
  function leaseLost(id) {
    if (state.lost.has(id)) return;
    state.lost.add(id);
    notice('Conversation ' + shortId(id) + ' went back to the queue because this console lost contact with the ' +
      'service for too long. It is no longer yours: another counsellor (or you, with Help next) can take it.', 'warn');
    delete state.unread[id];
    if (state.current === id) {
      setEnabled(false);
      const banner = $('window');
      banner.hidden = false;
      banner.className = 'window-banner closed';
      banner.textContent = 'You no longer hold this conversation (the lease was lost). Nothing you write here is sent.';
    }
    loadMine();
  }

  let contactWarning = null;
  function heartbeatResult(status, data) {
    if (status === 401) { location.assign('/login'); return; }
    if (status >= 200 && status < 300 && data) {
      if (contactWarning) { contactWarning.remove(); contactWarning = null; }
      (data.lost || []).forEach(leaseLost);
      // a claim on another tab or a transfer from a colleague: keep the list true
      const known = new Set(state.held.map(c => c.id));
      if ((data.held || []).some(id => !known.has(id))) loadMine();
    } else if (!contactWarning) {
      contactWarning = notice('The console cannot reach the service. If this lasts more than 30 seconds, the ' +
        'conversations you hold go back to the queue.', 'error');
    }
  }

  // A worker's timers are not slowed down when this tab is in the background, so leases survive tab switches.
  function startHeartbeat() {
    try {
      const worker = new Worker('/console/assets/heartbeat.js');
      worker.onmessage = e => heartbeatResult(e.data.status, e.data.data);
      worker.postMessage('start');
    } catch (e) {
      const beat = async () => {
        const r = await api('heartbeat', { method: 'POST' });
        heartbeatResult(r.status, r.data);
      };
      beat();
      setInterval(beat, 5000);
    }
  }

  // ---------- live events ----------
  function liveEvents() {
    Console.live({
      message: m => {
        if (m.conversation === state.current) {
          (state.liveLines[m.conversation] = state.liveLines[m.conversation] || []).push(m);
          appendLine(m);
          if (m.direction === 'in' && state.view && state.view.window && state.view.window.state !== 'none') {
            state.view.window.closesAt = new Date(Date.parse(m.at) + 24 * 3600 * 1000).toISOString();
            renderWindow();
          }
        } else {
          state.unread[m.conversation] = (state.unread[m.conversation] || 0) + 1;
          if (!state.held.some(c => c.id === m.conversation)) loadMine(); else renderMine();
        }
      },
      assigned: a => {
        notice((a.from || 'A colleague') + (a.reassignedFrom ? ' moved conversation ' + shortId(a.conversation) +
          ' to you from ' + a.reassignedFrom : ' gave you conversation ' + shortId(a.conversation)) +
          (a.note ? ', with a handover note: open it to read the note first.' : '.'), 'warn');
        loadMine();
      },
      // a supervisor gave one of mine to a colleague: it is gone from here, and nothing typed for it is sent
      reassigned: a => {
        delete state.unread[a.conversation];
        if (state.current === a.conversation) closeView();
        notice('Your supervisor ' + a.by + ' moved conversation ' + shortId(a.conversation) + ' to ' + a.to +
          '. It is no longer yours: you can no longer reply to it.', 'warn');
        loadMine();
      },
      'lease-lost': l => leaseLost(l.conversation),
      'me-changed': async () => {
        const r = await api('me');
        if (!r.ok) return;
        state.me = r.data;
        notice('An administrator changed what you take: languages ' + state.me.languages.join(', ') + ', up to ' +
          state.me.capacity + ' conversation' + (state.me.capacity === 1 ? '' : 's') + ' at once.');
        loadQueue();
      },
      // the liveness job's steps: the desk first, then the supervisors, then back to the queue
      'reply-overdue': a => {
        notice('Conversation ' + shortId(a.conversation) + ': you have not replied for ' + duration(a.seconds) +
          (a.kind === 'SILENCE_ESCALATED' ? '. Your supervisor has been told; without a reply it goes back to the ' +
            'queue.' : '. Without a reply your supervisor will be told.') +
          ' If you cannot go on with it, transfer it.', 'warn');
        loadMine();
      },
      'returned-silent': a => {
        state.lost.add(a.conversation);
        notice('Conversation ' + shortId(a.conversation) + ' went back to the queue at its place: you had not ' +
          'replied for ' + duration(a.seconds) + '. Nothing you write there is sent.', 'warn');
        if (state.current === a.conversation) setEnabled(false);
        loadMine();
      },
      'presence-lapsed': a => {
        showPresence('offline');
        notice('You were set offline: your desk lost contact with the service for ' + duration(a.seconds) +
          ', so no conversation was offered to you. Choose "Available" when you are back.', 'warn');
      },
      queue: q => {
        refreshColleagues();
        $('queue-depth').textContent = q.depth === 0 ? 'Nobody is waiting in the queue.'
          : q.depth + (q.depth === 1 ? ' young person is' : ' young people are') + ' waiting in the queue.';
        loadQueue();
      },
      presence: p => {
        if (p.counsellor === state.me.username) showPresence(p.presence); else refreshColleagues();
      },
      'erasure-requested': x => {
        notice('The young person in conversation ' + shortId(x.conversation) + ' asked for their data to be ' +
          'erased. Nothing is erased until you acknowledge it; they were told.', 'warn');
        if (x.conversation === state.current) open(state.current);
      },
      'opted-out': x => {
        if (!state.held.some(c => c.id === x.conversation)) return;
        notice('Conversation ' + shortId(x.conversation) + ': ' + x.reason, 'warn');
        if (x.conversation === state.current) open(state.current);
      },
      'safe-contact': x => {
        if (!state.held.some(c => c.id === x.conversation)) return;
        notice('Conversation ' + shortId(x.conversation) + ': ' + x.text, 'warn');
        if (x.conversation === state.current) open(state.current);
      },
      reconnected: () => {
        loadMine();
        loadQueue();
        if (state.current) open(state.current);   // catch up on anything said while disconnected
      },
    }, Console.liveIndicator);
  }

  // ---------- start ----------
  (async function start() {
    try {
      state.me = await Console.start();
    } catch (e) {
      return;
    }
    showPresence(state.me.presence);
    startHeartbeat();
    liveEvents();
    setUpNotifications();
    setInterval(tick, 15000);
    await Promise.all([loadDispositions(), loadMine(), loadQueue()]);
  })();
})();
