/* Administration: create users with roles, read the audit log. */
'use strict';
(function () {
  const { el, clear, api } = Console;
  const $ = id => document.getElementById(id);
  let entries = [];

  $('create').addEventListener('submit', async e => {
    e.preventDefault();
    const result = $('create-result');
    const roles = [...document.querySelectorAll('input[name=role]:checked')].map(i => i.value);
    if (!roles.length) {
      result.className = 'notice error';
      result.textContent = 'Choose at least one role.';
      return;
    }
    const body = {
      username: $('username').value.trim(),
      password: $('password').value,
      roles,
      languages: $('languages').value.split(',').map(s => s.trim()).filter(s => s),
      capacity: Number($('capacity').value) || 1,
    };
    const r = await api('admin/users', { method: 'POST', body });
    if (r.ok) {
      const u = r.data;
      result.className = 'notice';
      result.textContent = 'Created ' + u.username + ': ' + u.roles.join(', ').toLowerCase() + '; languages ' +
        u.languages.join(', ') + '; up to ' + u.capacity + ' conversation' + (u.capacity > 1 ? 's' : '') + ' at once.';
      $('password').value = '';
      $('username').value = '';
      loadAudit();
    } else {
      result.className = 'notice error';
      result.textContent = (r.data && r.data.error) || 'The user could not be created.';
    }
  });

  async function loadAudit() {
    const r = await api('admin/audit');
    if (!r.ok) return;
    entries = r.data;
    renderAudit();
  }

  function renderAudit() {
    const filter = $('audit-filter').value.trim().toLowerCase();
    const body = clear($('audit'));
    const shown = entries.filter(a => !filter || a.actor.toLowerCase().includes(filter)
      || a.action.toLowerCase().includes(filter));
    $('audit-empty').hidden = shown.length > 0;
    for (const a of shown) {
      body.appendChild(el('tr', {},
        el('td', { title: a.at }, Console.time(a.at)),
        el('td', {}, a.actor),
        el('td', {}, a.action),
        el('td', { title: a.conversation }, a.conversation === '-' ? '' : Console.shortId(a.conversation))));
    }
  }

  $('audit-refresh').addEventListener('click', loadAudit);
  $('audit-filter').addEventListener('input', renderAudit);

  (async function start() {
    try {
      await Console.start();
    } catch (e) {
      return;
    }
    loadAudit();
  })();
})();
