/* The log-in page: an ordinary form POST to /login; the service answers with a redirect (by role on success). */
'use strict';
(function () {
  const params = new URLSearchParams(location.search);
  const message = document.getElementById('message');
  function show(text, kind) {
    message.textContent = text;
    message.className = 'notice ' + kind;
    message.hidden = false;
  }
  if (params.get('error') === 'locked') {
    show('Too many failed attempts: this username is locked for 15 minutes. If you need to sign in sooner, ' +
      'ask an administrator.', 'error');
  } else if (params.has('error')) {
    show('That username and password do not match. Check them and try again (after 5 failed attempts the ' +
      'username is locked for 15 minutes).', 'error');
  } else if (params.has('signed-out')) {
    show('You have signed out.', '');
    message.setAttribute('role', 'status');
  }
  document.getElementById('login').addEventListener('submit', () => {
    document.getElementById('sign-in').disabled = true;   // one submission per click
  });
  // Already signed in (e.g. the back button): offer the way back instead of a second log-in.
  fetch('/console/api/me', { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
    .then(r => r.ok ? r.json() : null)
    .then(me => {
      if (!me) return;
      const p = document.getElementById('signed-in');
      p.appendChild(document.createTextNode('You are signed in as ' + me.username + '. '));
      const a = document.createElement('a');
      a.href = '/console';
      a.textContent = 'Go to the console';
      p.appendChild(a);
      p.hidden = false;
    })
    .catch(() => { /* not signed in */ });
})();
