/* Administration: create, disable, enable and remove users, change their roles, reset passwords; read the audit log. */
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
      loadUsers();
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

  async function loadUsers() {
    const r = await api('admin/users');
    if (!r.ok) return;
    const body = clear($('users'));
    for (const u of r.data) {
      const act = (label, method, path) => el('button', { type: 'button', class: 'link', onclick: async () => {
        const done = await api(path, { method });
        $('users-result').textContent = done.ok ? label + ': ' + u.username
          : ((done.data && done.data.error) || 'Not done.');
        loadUsers();
        loadAudit();
      } }, label);
      const path = 'admin/users/' + encodeURIComponent(u.username);
      body.appendChild(el('tr', { 'data-user': u.username },
        el('td', {}, u.username),
        el('td', {}, u.roles.join(', ').toLowerCase()),
        el('td', {}, u.disabled ? 'disabled' : 'active'),
        el('td', {}, u.disabled ? act('Enable', 'POST', path + '/enable')
          : act('Disable', 'POST', path + '/disable'), ' ',
          act('Remove', 'DELETE', path), rolesForm(u, path), passwordForm(u, path))));
    }
  }

  // Each change ends the user's sessions (the server's rule); the answer, or the refusal in words, shows below.
  async function change(u, path, body, what) {
    const done = await api(path, { method: 'POST', body });
    const result = $('users-result');
    result.className = done.ok ? 'small' : 'small notice error';
    result.textContent = done.ok ? what + ' for ' + u.username + '. They have been signed out everywhere.'
      : ((done.data && done.data.error) || 'Not done.');
    if (done.ok) { loadUsers(); loadAudit(); }
  }

  function rolesForm(u, path) {
    const boxes = ['COUNSELLOR', 'SUPERVISOR', 'CAMPAIGNER', 'ADMIN'].map(r => el('label', { class: 'inline' },
      el('input', { type: 'checkbox', name: 'roles-' + u.username, value: r, checked: u.roles.includes(r) ? '' : null }),
      ' ' + r.toLowerCase()));
    return el('details', { class: 'roles-change' }, el('summary', {}, 'Change roles'), ...boxes,
      el('button', { type: 'button', class: 'save-roles', onclick: () => change(u, path + '/roles', {
        roles: boxes.map(b => b.querySelector('input')).filter(i => i.checked).map(i => i.value) }, 'Roles changed') },
      'Save roles'));
  }

  function passwordForm(u, path) {
    const input = el('input', { type: 'password', class: 'new-password', minlength: '10', autocomplete: 'new-password',
      'aria-label': 'New password for ' + u.username });
    return el('details', { class: 'password-reset' }, el('summary', {}, 'Reset password'), input,
      el('button', { type: 'button', class: 'save-password', onclick: () => change(u, path + '/password',
        { password: input.value }, 'Password reset') }, 'Set password'));
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
    loadUsers();
  })();
})();
