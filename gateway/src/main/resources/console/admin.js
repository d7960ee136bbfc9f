/* Administration: create, disable, enable and remove users, change their roles, languages and capacity, reset
   passwords (disabling, removing, a role change and a reset are confirmed first); read the audit log. */
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
      const run = (label, method, path) => async () => {
        const done = await api(path, { method });
        if (!done.ok) { refuse((done.data && done.data.error) || 'Not done.'); loadUsers(); return; }
        const result = $('users-result');
        result.className = 'small';
        result.textContent = label + ': ' + u.username;
        loadUsers();
        loadAudit();
      };
      const act = (label, method, path) => el('button', { type: 'button', class: 'link ' + label.toLowerCase(),
        onclick: run(label, method, path) }, label);
      // Disabling and removing end the user's sessions (removing cannot be undone): asked once more first.
      const asked = (label, method, path, kind, yesLabel, noLabel, question) => {
        const confirm = confirmBox('confirm-' + kind + '-' + u.username, yesLabel, noLabel, run(label, method, path));
        return [el('button', { type: 'button', class: 'link ' + kind, onclick: () => confirm.ask(question) }, label),
          confirm.box];
      };
      const path = 'admin/users/' + encodeURIComponent(u.username);
      const disable = u.disabled ? act('Enable', 'POST', path + '/enable')
        : asked('Disable', 'POST', path + '/disable', 'disable', 'Yes, disable ' + u.username, 'Keep them enabled',
          'Disable ' + u.username + '? They are signed out everywhere at once and cannot sign in until enabled again.');
      const remove = asked('Remove', 'DELETE', path, 'remove', 'Yes, remove ' + u.username, 'Keep the user',
        'Remove ' + u.username + '? They are signed out everywhere at once and their account is deleted: this cannot ' +
        'be undone (create the user again to bring them back).');
      body.appendChild(el('tr', { 'data-user': u.username },
        el('td', {}, u.username),
        el('td', {}, u.roles.join(', ').toLowerCase()),
        el('td', { class: 'languages' }, u.languages.join(', ')),
        el('td', { class: 'num capacity' }, String(u.capacity)),
        el('td', {}, u.disabled ? 'disabled' : 'active'),
        el('td', {}, disable, ' ', remove, rolesForm(u, path), languagesForm(u, path), passwordForm(u, path))));
    }
  }

  function refuse(message) {
    const result = $('users-result');
    result.className = 'small notice error';
    result.textContent = message;
  }

  // The answer, or the refusal in words, shows below the table.
  async function change(u, path, body, done) {
    const r = await api(path, { method: 'POST', body });
    if (!r.ok) { refuse((r.data && r.data.error) || 'Not done.'); return; }
    const result = $('users-result');
    result.className = 'small';
    result.textContent = done(r.data);
    loadUsers();
    loadAudit();
  }

  // Disabling, removing, a role change and a password reset sign the user out everywhere: asked once more, as closing
  // a conversation is.
  function confirmBox(id, yesLabel, noLabel, onYes) {
    const text = el('p', { class: 'confirm-text', id: id + '-text' });
    const box = el('div', { class: 'confirm', id, role: 'alertdialog', 'aria-labelledby': id + '-text', hidden: true });
    const no = el('button', { type: 'button', class: 'confirm-no', onclick: () => { box.hidden = true; } }, noLabel);
    const yes = el('button', { type: 'button', class: 'danger confirm-yes', onclick: () => {
      box.hidden = true;
      onYes();
    } }, yesLabel);
    box.append(text, yes, ' ', no);
    return { box, ask(question) {
      $('users-result').textContent = '';          // an earlier refusal is not this question's answer
      $('users-result').className = 'small';
      text.textContent = question;
      box.hidden = false;
      yes.focus();
    } };
  }

  const signedOut = ' They have been signed out everywhere.';
  function rolesForm(u, path) {
    const boxes = ['COUNSELLOR', 'SUPERVISOR', 'CAMPAIGNER', 'ADMIN'].map(r => el('label', { class: 'inline' },
      el('input', { type: 'checkbox', name: 'roles-' + u.username, value: r, checked: u.roles.includes(r) ? '' : null }),
      ' ' + r.toLowerCase()));
    const chosen = () => boxes.map(b => b.querySelector('input')).filter(i => i.checked).map(i => i.value);
    const confirm = confirmBox('confirm-roles-' + u.username, 'Yes, change the roles', 'Keep the roles', () => change(u, path + '/roles',
      { roles: chosen() }, () => 'Roles changed for ' + u.username + '.' + signedOut));
    return el('details', { class: 'roles-change' }, el('summary', {}, 'Change roles'), ...boxes,
      el('button', { type: 'button', class: 'save-roles', onclick: () => {
        const roles = chosen();
        if (!roles.length) {
          refuse('Choose at least one role: counsellor, supervisor, campaigner or administrator.');
          return;
        }
        confirm.ask('Give ' + u.username + ' the roles ' + roles.join(', ').toLowerCase() + '? They are signed ' +
          'out everywhere at once and sign in again with the new roles.');
      } }, 'Save roles'), confirm.box);
  }

  // Languages and capacity change what a counsellor is offered from now on; the user stays signed in.
  function languagesForm(u, path) {
    const languages = el('input', { type: 'text', class: 'new-languages', value: u.languages.join(', '),
      spellcheck: 'false', 'aria-label': 'Languages of ' + u.username + ' (two-letter codes separated by commas)' });
    const capacity = el('input', { type: 'number', class: 'new-capacity', min: '1', max: '20',
      value: String(u.capacity), 'aria-label': 'Conversations at once for ' + u.username });
    return el('details', { class: 'languages-change' }, el('summary', {}, 'Change languages and capacity'),
      el('label', {}, 'Languages', languages), el('label', {}, 'Conversations at once', capacity),
      el('p', { class: 'small muted' }, 'Two-letter codes separated by commas; * for every language. A lower number ' +
        'takes no conversation away: they are offered no more until below it.'),
      el('button', { type: 'button', class: 'save-languages', onclick: () => change(u, path + '/languages', {
        languages: languages.value.split(',').map(s => s.trim()).filter(s => s),
        capacity: capacity.value === '' ? null : Number(capacity.value) }, v => 'Languages and capacity changed for ' +
        v.username + ': ' + v.languages.join(', ') + '; up to ' + v.capacity + ' conversation' +
        (v.capacity > 1 ? 's' : '') + ' at once. They stay signed in.') }, 'Save languages and capacity'));
  }

  function passwordForm(u, path) {
    const input = el('input', { type: 'password', class: 'new-password', minlength: '10', autocomplete: 'new-password',
      'aria-label': 'New password for ' + u.username });
    const confirm = confirmBox('confirm-password-' + u.username, 'Yes, reset the password', 'Keep the old password', () => change(u,
      path + '/password', { password: input.value }, () => 'Password reset for ' + u.username + '.' + signedOut));
    return el('details', { class: 'password-reset' }, el('summary', {}, 'Reset password'), input,
      el('button', { type: 'button', class: 'save-password', onclick: () => {
        if (input.value.length < 10) {
          refuse('The new password is too short: use at least 10 characters.');
          return;
        }
        confirm.ask('Reset the password of ' + u.username + '? They are signed out everywhere at once and need the ' +
          'new password to sign in.');
      } }, 'Set password'), confirm.box);
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
