// "My migrations": a live view of the signed-in user's migrations (all of them for approvers, auditors and admins;
// the server decides). Everything comes from /api/migrations (a batch's cancel goes to /api/evacuations) with the
// user's Basic credentials, kept in this page's memory only, as in the audit view. Refreshed every second; the
// diagram only when the migration moved on.
(() => {
  const REFRESH_MS = 1000;
  const $ = id => document.getElementById(id);
  let auth = null, selected = null, evacuation = null, diagramKey = null, timer = null, busy = false;

  class LoginNeeded extends Error {}

  async function api(path, options = {}, base = '/api/migrations') {
    const response = await fetch(base + path, {
      ...options, headers: { Authorization: auth, Accept: 'application/json, image/svg+xml' }, cache: 'no-store'
    });
    if (response.status === 401) throw new LoginNeeded('wrong user or password');
    return response;
  }
  async function json(path) {
    const response = await api(path);
    if (!response.ok) throw new Error((await message(response)) || 'the server answered ' + response.status);
    return response.json();
  }
  async function message(response) {
    try { return (await response.json()).message; } catch (e) { return null; }
  }

  const text = v => v === null || v === undefined ? '' : String(v);
  const time = iso => iso ? new Date(iso).toLocaleString() : '';
  const mib = bytes => bytes === null || bytes === undefined ? 'unknown' : (bytes / 1048576).toFixed(1) + ' MiB';
  const rate = bps => bps === null || bps === undefined ? 'unknown' : (bps / 1048576).toFixed(1) + ' MiB/s';
  const seconds = ms => ms === null || ms === undefined ? 'unknown' : (ms / 1000).toFixed(1) + ' s';

  function facts(dl, entries) {
    dl.replaceChildren();
    for (const [name, value] of entries) {
      const dt = document.createElement('dt'); dt.textContent = name;
      const dd = document.createElement('dd'); dd.textContent = text(value);
      dl.append(dt, dd);
    }
  }

  function showList(result) {
    $('list').hidden = false;
    $('list-caption').textContent = result.seesAll ? 'Every migration, newest first' : 'Your migrations, newest first';
    const body = $('migrations').querySelector('tbody');
    body.replaceChildren();
    for (const m of result.migrations) {
      const row = document.createElement('tr');
      row.dataset.id = m.id;
      if (m.id === selected) row.className = 'selected';
      const cells = [time(m.started), null, m.source, m.target, m.phaseLabel, m.block || m.step, m.requestedBy];
      cells.forEach((value, i) => {
        const td = document.createElement('td');
        if (i === 1) {
          const a = document.createElement('a');
          a.href = '#' + m.id; a.textContent = text(m.vm);
          a.onclick = e => { e.preventDefault(); select(m.id); };
          td.appendChild(a);
        } else {
          td.textContent = text(value);
        }
        row.appendChild(td);
      });
      row.onclick = () => select(m.id);
      body.appendChild(row);
    }
    $('empty').hidden = result.migrations.length > 0;
  }

  function showDetail(d) {
    $('detail').hidden = false;
    $('detail-title').textContent = `${text(d.request.vm)}: ${text(d.request.source)} \u2192 ${text(d.request.target)}`;
    $('phase').textContent = d.phaseLabel;
    $('phase').className = 'phase ' + d.phase;
    $('phase-meaning').textContent = d.phaseMeaning;
    $('cancel-box').hidden = !d.cancellable;
    $('cancel-evacuation-box').hidden = !d.evacuationCancellable;
    evacuation = d.evacuationId;
    $('cancel-hint').textContent = d.phase === 'WAITING_FOR_APPROVAL' || d.phase === 'CHECKING'
      ? 'nothing has changed yet: the migration simply ends'
      : 'the VM is rolled back to the source (or, if it already arrived, secured at the target)';
    facts($('request'), [
      ['VM', d.request.vm], ['From', d.request.source], ['To', d.request.target], ['Reason', d.request.reason],
      ['Mode', d.request.mode.length ? d.request.mode.join(', ') : 'libvirt defaults'],
      ['Requested by', d.requestedBy], ['Started', time(d.started)], ['Approved by', d.approver],
      ['Cancelled by', d.cancelledBy], ['Ended', time(d.ended)], ['Why it stopped', d.failureReason],
      ['Request digest', d.request.digest]
    ].filter(([, v]) => v !== null && v !== undefined && v !== ''));
    const step = d.currentStep;
    $('current-step').textContent = step
      ? `Now at ${step.block ? 'block ' + step.block + ': ' : ''}${step.name}` : (d.ended ? 'Ended.' : '');
    showProgress(d.progress);
    showIncident(d.incident);
    const key = d.phase + '|' + (step ? step.activityId : '');
    if (key !== diagramKey) { diagramKey = key; showDiagram(d.id); }
  }

  function showProgress(p) {
    $('progress').hidden = !p;
    if (!p) return;
    $('progress-bar').value = p.percent === null ? 0 : p.percent;
    $('progress-percent').textContent = p.percent === null ? '' : p.percent + ' %';
    const converging = p.rateBytesPerSecond !== null && p.dirtyBytesPerSecond !== null
      && p.dirtyBytesPerSecond >= p.rateBytesPerSecond;
    facts($('progress-facts'), [
      ['Memory copied', `${mib(p.memoryCopiedBytes)} of ${mib(p.memoryTotalBytes)}`],
      ['Still to copy', mib(p.memoryRemainingBytes)],
      ['Rate', rate(p.rateBytesPerSecond)],
      ['Dirty rate', rate(p.dirtyBytesPerSecond) + (converging ? ' (as fast as the copy: not converging)' : '')],
      ['Iteration', p.iteration],
      ['Time left (estimate)', p.etaSeconds === null ? 'unknown' : 'about ' + p.etaSeconds + ' s'],
      ['Expected final pause', p.expectedDowntimeMs === null ? 'unknown' : p.expectedDowntimeMs + ' ms'],
      ['Links down for', seconds(p.linksDownMs)],
      ['Figures from', p.source === 'hypervisor' ? 'the hypervisor, ' + time(p.readAt) : 'the last poll: ' + text(p.note)]
    ]);
  }

  function showIncident(i) {
    $('incident').hidden = !i;
    if (!i) return;
    facts($('incident-facts'), [['Step', i.step], ['Since', time(i.since)], ['What failed', i.whatFailed],
      ['The VM now', i.vmState], ['What happens next', i.whatNext]]);
  }

  async function showDiagram(id) {
    const response = await api('/' + encodeURIComponent(id) + '/diagram.svg');
    if (!response.ok) return;
    // Inline (not an <img>), so the current block can be found in the page: it is our own server's drawing.
    const svg = new DOMParser().parseFromString(await response.text(), 'image/svg+xml').documentElement;
    $('diagram').replaceChildren(document.importNode(svg, true));
  }

  async function select(id) {
    selected = id; diagramKey = null;
    $('cancel-result').textContent = '';
    history.replaceState(null, '', '#' + id);
    await refresh();
  }

  async function refresh() {
    if (busy || !auth) return;
    busy = true;
    try {
      showList(await json(''));
      if (selected) {
        const response = await api('/' + encodeURIComponent(selected));
        if (response.ok) showDetail(await response.json());
        else { $('detail').hidden = true; $('cancel-result').textContent = await message(response); }
      }
      $('refreshed').textContent = 'updated ' + new Date().toLocaleTimeString();
    } catch (err) {
      if (err instanceof LoginNeeded) { signOut(err.message); }
      else { $('refreshed').textContent = 'not updated: ' + err.message; }
    } finally { busy = false; }
  }

  function signOut(reason) {
    clearInterval(timer); auth = null;
    $('list').hidden = true; $('detail').hidden = true; $('login').hidden = false;
    $('login-error').textContent = reason;
  }

  async function cancel(button, path, base) {
    button.disabled = true;
    try {
      const response = await api(path, { method: 'POST' }, base);
      $('cancel-result').textContent = response.ok ? 'Cancel accepted.' : await message(response);
      $('cancel-result').className = response.ok ? '' : 'error';
      await refresh();
    } finally { button.disabled = false; }
  }

  $('cancel').onclick = () => cancel($('cancel'), '/' + encodeURIComponent(selected) + '/cancel');
  $('cancel-evacuation').onclick = () =>
    cancel($('cancel-evacuation'), '/' + encodeURIComponent(evacuation) + '/cancel', '/api/evacuations');

  $('login-form').onsubmit = async e => {
    e.preventDefault();
    auth = 'Basic ' + btoa($('user').value + ':' + $('password').value);
    try {
      await json('');
      $('login').hidden = true; $('login-error').textContent = '';
      $('who').textContent = 'signed in as ' + $('user').value;
      if (location.hash.length > 1) selected = decodeURIComponent(location.hash.substring(1));
      await refresh();
      timer = setInterval(refresh, REFRESH_MS);
    } catch (err) {
      auth = null;
      $('login-error').textContent = err instanceof LoginNeeded ? err.message : 'sign-in failed: ' + err.message;
    }
  };
})();
