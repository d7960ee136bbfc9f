/*
 * The counsellor desk's heartbeat, in a dedicated worker: browsers slow down timers of background tabs (to once a
 * minute after a while), which would let a 30-second lease lapse while the counsellor reads another tab. Workers'
 * timers are not slowed. Every 5 s: POST /console/api/heartbeat, report the answer to the page.
 */
'use strict';
let timer = null;

async function beat() {
  try {
    const r = await fetch('/console/api/heartbeat', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'X-Helpline-Console': '1', 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: '{}',
    });
    const data = r.ok ? await r.json() : null;
    postMessage({ status: r.status, data });
  } catch (e) {
    postMessage({ status: 0, data: null });
  }
}

onmessage = e => {
  if (e.data === 'start' && timer === null) {
    beat();
    timer = setInterval(beat, 5000);
  }
};
