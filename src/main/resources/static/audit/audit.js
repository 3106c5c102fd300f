// The auditors' page: read-only, everything from /api/audit with the signed-in user's Basic credentials,
// which stay in this page's memory only.
(() => {
  let auth = null, page = 0, filter = {}, current = null;
  const $ = id => document.getElementById(id);
  const size = 25;

  async function api(path, as) {
    const response = await fetch('/api/audit' + path, { headers: { Authorization: auth } });
    if (response.status === 401 || response.status === 403) throw new Error(response.status === 401 ? 'wrong user or password' : 'only auditors and admins may read the audit trail');
    if (!response.ok) throw new Error('the server answered ' + response.status);
    return as === 'text' ? response.text() : response.json();
  }
  function text(v) { return v === null || v === undefined ? '' : String(v); }
  function cell(row, value) { const td = document.createElement('td'); td.textContent = text(value); row.appendChild(td); }
  function query(extra) {
    const params = new URLSearchParams({ page, size, ...extra });
    for (const [k, v] of Object.entries(filter)) if (v) params.set(k, v);
    return '?' + params;
  }
  async function download(path, name, type) {
    const body = await api(path, 'text');
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([body], { type }));
    a.download = name; a.click();
  }

  async function showList() {
    $('detail').hidden = true; $('list').hidden = false;
    const result = await api('/migrations' + query());
    const body = $('migrations').querySelector('tbody');
    body.innerHTML = '';
    for (const m of result.rows) {
      const row = document.createElement('tr');
      row.className = 'row'; row.dataset.id = m.processInstanceId;
      [m.started, m.vm, m.sourceEnvironment, m.targetEnvironment, m.outcome, m.startedBy, m.approver, m.ended, m.sealed ? 'yes' : 'no']
        .forEach(v => cell(row, v));
      row.onclick = () => showDetail(m.processInstanceId);
      body.appendChild(row);
    }
    $('page').textContent = `page ${result.page + 1} of ${Math.max(1, Math.ceil(result.total / size))} (${result.total} migrations)`;
    $('prev').disabled = page === 0;
    $('next').disabled = (page + 1) * size >= result.total;
  }

  async function showDetail(id) {
    current = id;
    const r = await api('/migrations/' + encodeURIComponent(id));
    $('list').hidden = true; $('detail').hidden = false;
    const v = r.variables || {};
    $('detail-title').textContent = `${text(v.vmName)}: ${text(v.sourceEnvironment)}/${text(v.sourceHost)} \u2192 ${text(v.targetEnvironment)}/${text(v.targetHost)} (${r.outcome})`;
    const summary = {
      'Requested by': r.startedBy, 'Requested at': r.started, 'Reason': v.reason,
      'Options': `bandwidth ${text(v.bandwidthMiBps) || 'default'} MiB/s, max downtime ${text(v.maxDowntimeMs) || 'default'} ms`,
      'Approval': `${text(v.approvalDecision)} by ${text(v.approver)}: ${text(v.approvalComment)}`,
      'Ended': r.ended, 'Duration (ms)': r.durationMs,
      'QEMU downtime (ms)': v.migrationDowntimeMs, 'Migration time (ms)': v.migrationElapsedMs,
      'Data sent (bytes)': v.migrationDataSentBytes, 'VM cut off (ms, 320 to 370)': v.blackoutMs,
      'Seal': r.seal ? `#${r.seal.seq} ${r.seal.hash}` : 'not sealed yet'
    };
    const dl = $('summary'); dl.innerHTML = '';
    for (const [k, value] of Object.entries(summary)) {
      const dt = document.createElement('dt'); dt.textContent = k;
      const dd = document.createElement('dd'); dd.textContent = text(value);
      dl.append(dt, dd);
    }
    const svg = await api('/migrations/' + encodeURIComponent(id) + '/diagram.svg', 'text');
    const img = document.createElement('img');
    img.alt = 'BPMN diagram with the path taken';
    img.src = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    $('diagram').replaceChildren(img);
    const steps = $('steps').querySelector('tbody'); steps.innerHTML = '';
    for (const s of r.steps) {
      const row = document.createElement('tr');
      [s.block, s.name || s.activityId, s.start, s.end, s.durationMs, s.assignee, s.outcome].forEach(x => cell(row, x));
      steps.appendChild(row);
    }
    const incidents = $('incidents'); incidents.innerHTML = '';
    for (const i of r.incidents) { const li = document.createElement('li'); li.textContent = `${i.created} ${i.activityId}: ${i.message} (${i.resolved ? 'resolved' : 'open'})`; incidents.appendChild(li); }
    for (const o of (r.interventions || r.operations || [])) { const li = document.createElement('li'); li.textContent = `${o.at} ${o.user}: ${o.operation} ${text(o.entity)} ${text(o.property)} ${text(o.newValue)}`; incidents.appendChild(li); }
    const recorded = {};
    for (const k of ['preCheckResults', 'ipsecSas', 'tunnelSas', 'nonManagedConnections', 'secureConnections', 'insecureConnections', 'connectionActions', 'routeDetail', 'failureReason']) {
      if (v[k] !== undefined) { try { recorded[k] = JSON.parse(v[k]); } catch (e) { recorded[k] = v[k]; } }
    }
    $('recorded').textContent = JSON.stringify(recorded, null, 2);
  }

  async function showChain() {
    const c = await api('/verify');
    let state = c.valid ? `seal chain verified (${c.records} records, signed head ${c.anchor ? c.anchor.seq : '-'})` : `seal chain BROKEN at record ${c.firstBrokenSeq} (${c.firstBrokenProcessInstanceId}): ${c.reason}`;
    const flagged = (c.unsealable || []).length, unsealed = (c.unsealed || []).length;
    if (flagged || unsealed) state += ` - not sealed: ${flagged} flagged, ${unsealed} overdue`;
    $('chain').textContent = state;
    $('chain').className = c.valid ? 'valid' : 'broken';
  }

  $('login-form').onsubmit = async e => {
    e.preventDefault();
    auth = 'Basic ' + btoa($('user').value + ':' + $('password').value);
    try {
      await showChain();
      $('login').hidden = true; $('who').textContent = 'signed in as ' + $('user').value;
      await showList();
    } catch (err) { $('login-error').textContent = err.message; auth = null; }
  };
  $('filters').onsubmit = e => {
    e.preventDefault();
    const f = new FormData(e.target);
    filter = {};
    for (const [k, v] of f.entries()) filter[k] = (k === 'from' || k === 'to') && v ? new Date(v).toISOString() : v;
    page = 0; showList();
  };
  $('prev').onclick = () => { page--; showList(); };
  $('next').onclick = () => { page++; showList(); };
  $('back').onclick = e => { e.preventDefault(); showList(); };
  $('export-json').onclick = e => { e.preventDefault(); download('/migrations' + query({ size: 200 }), 'migrations.json', 'application/json'); };
  $('export-csv').onclick = e => { e.preventDefault(); download('/migrations' + query({ size: 200, format: 'csv' }), 'migrations.csv', 'text/csv'); };
  $('detail-json').onclick = e => { e.preventDefault(); download('/migrations/' + encodeURIComponent(current), current + '.json', 'application/json'); };
  $('detail-csv').onclick = e => { e.preventDefault(); download('/migrations/' + encodeURIComponent(current) + '?format=csv', current + '.csv', 'text/csv'); };
})();
