'use strict';
// Tailguard reviewer page: plain DOM, no dependencies, same-origin requests only.
(function () {
  const $ = (id) => document.getElementById(id);
  let session = null;
  let current = null;

  function show(id) {
    for (const s of ['login', 'forbidden', 'queue-view', 'batch-view']) $(s).hidden = s !== id;
  }

  function esc(s) {
    return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  }

  function highlight(text, spans, startKey, endKey) {
    if (text == null) return '<em>seed not found in the run input</em>';
    const ranges = (spans || []).map((s) => [s[startKey], s[endKey]]).sort((a, b) => a[0] - b[0]);
    let out = '';
    let pos = 0;
    for (const [a, b] of ranges) {
      if (a < pos) continue;
      out += esc(text.slice(pos, a)) + '<mark>' + esc(text.slice(a, b)) + '</mark>';
      pos = b;
    }
    return out + esc(text.slice(pos));
  }

  async function api(path, options) {
    const opts = Object.assign({ credentials: 'same-origin', headers: {} }, options || {});
    if (opts.method && opts.method !== 'GET') {
      opts.headers['Content-Type'] = 'application/json';
      if (session) opts.headers[session.csrf_header] = session.csrf_token;
    }
    const r = await fetch(path, opts);
    let body = null;
    const text = await r.text();
    if (text) { try { body = JSON.parse(text); } catch (e) { body = { message: text }; } }
    return { status: r.status, body };
  }

  async function start() {
    const r = await api('/review/session');
    if (r.status === 401) { session = null; $('who').hidden = true; show('login'); return; }
    session = r.body;
    $('user').textContent = session.user;
    $('who').hidden = false;
    if (!session.reviewer) { show('forbidden'); return; }
    route();
  }

  function route() {
    const m = location.hash.match(/^#batch\/(.+)$/);
    if (m) loadBatch(decodeURIComponent(m[1])); else loadQueue();
  }

  async function loadQueue() {
    const r = await api('/review/batches');
    if (r.status === 401) { show('login'); return; }
    const tbody = $('queue').querySelector('tbody');
    tbody.innerHTML = '';
    for (const b of r.body.batches) {
      const tr = document.createElement('tr');
      tr.className = b.status.toLowerCase();
      tr.innerHTML = '<td><a class="batch-link" href="#batch/' + encodeURIComponent(b.batch_id) + '">' + esc(b.batch_id) + '</a></td>' +
        '<td>' + esc(b.run_id) + '</td><td><span class="status ' + b.status + '">' + b.status.toLowerCase() + '</span></td>' +
        '<td>' + b.documents + '</td><td>' + b.sample_size + '</td><td>' + esc(b.created_at) + '</td>' +
        '<td>' + (b.decision ? esc(b.decision.verdict.toLowerCase() + ' by ' + b.decision.principal) : '') + '</td>';
      tbody.appendChild(tr);
    }
    $('queue-empty').hidden = r.body.batches.length > 0;
    show('queue-view');
  }

  const KEY_SCORES = ['decision', 'reason', 'perplexity', 'distinct_1', 'distinct_2', 'compression_ratio', 'tokens', 'exact_duplicate_of'];

  function scoreSpans(scores, keys) {
    return keys.map((k) => '<span><b>' + esc(k) + '</b> ' + esc(scores[k]) + '</span>').join('');
  }

  function scoresLine(scores) {
    scores = scores || {};
    const shown = KEY_SCORES.filter((k) => scores[k] !== undefined && scores[k] !== null);
    const rest = Object.keys(scores).filter((k) => !KEY_SCORES.includes(k) && scores[k] !== null && typeof scores[k] !== 'object');
    return scoreSpans(scores, shown) +
      (rest.length ? '<details><summary>all ' + (shown.length + rest.length) + ' scores</summary>' + scoreSpans(scores, rest) + '</details>' : '');
  }

  async function loadBatch(id) {
    const r = await api('/review/batches/' + encodeURIComponent(id));
    if (r.status !== 200) { $('result').textContent = r.body ? r.body.message : 'HTTP ' + r.status; loadQueue(); return; }
    current = r.body;
    const b = current.batch;
    $('batch-id').textContent = b.batch_id;
    $('batch-status').textContent = current.status.toLowerCase();
    $('batch-status').className = 'status ' + current.status;
    $('batch-meta').innerHTML = '<dt>Run</dt><dd>' + esc(b.run_id) + '</dd>' +
      '<dt>Documents</dt><dd>' + b.documents + ' (' + b.candidates + ' kept by scoring; sample of ' + b.sample.length + ', seed ' + b.sample_seed + ')</dd>' +
      '<dt>Content SHA-256</dt><dd>' + esc(b.content_sha256) + '</dd><dt>Queued</dt><dd>' + esc(b.created_at) + '</dd>';
    const gates = $('gates').querySelector('tbody');
    gates.innerHTML = '';
    for (const g of b.gates || []) {
      const tr = document.createElement('tr');
      tr.innerHTML = '<td>' + esc(g.stage) + '</td><td>' + esc(g.name) + '</td><td>' + esc(g.value) + '</td><td>' + esc(g.threshold) + '</td><td>' + esc(g.passed) + '</td>';
      gates.appendChild(tr);
    }
    const samples = $('samples');
    samples.innerHTML = '';
    for (const s of b.sample) {
      const div = document.createElement('div');
      div.className = 'sample';
      div.dataset.documentId = s.id;
      const copied = (s.spans || []).reduce((n, sp) => n + sp.tokens, 0);
      div.innerHTML = '<h3>#' + s.index + ' ' + esc(s.id) + ' <small>(seed ' + esc(s.seed_id || 'n/a') + ', ' + (s.spans || []).length + ' memorised spans, ' + copied + ' tokens)</small></h3>' +
        '<div class="scores">' + scoresLine(s.scores) + '</div>' +
        '<div class="pair"><div><h4>Seed</h4><div class="text seed">' + highlight(s.seed_text, s.spans, 'seed_start', 'seed_end') + '</div></div>' +
        '<div><h4>Synthetic</h4><div class="text synthetic">' + highlight(s.text, s.spans, 'synthetic_start', 'synthetic_end') + '</div></div></div>' +
        '<label class="flag">Flag <input class="flag-input" placeholder="e.g. memorised, off-topic" maxlength="64"></label>';
      samples.appendChild(div);
    }
    renderDecision();
    show('batch-view');
  }

  function renderDecision() {
    const pending = current.status === 'PENDING';
    $('approve').disabled = !pending;
    $('reject').disabled = !pending;
    $('decide').hidden = !pending;
    for (const f of document.querySelectorAll('#samples .flag')) f.hidden = !pending;
    const d = current.decision;
    const flags = d && d.flags && d.flags.length ? ' (flags: ' + d.flags.map((f) => esc(f.document_id) + ' ' + esc(f.flag)).join(', ') + ')' : '';
    $('decision').innerHTML = d ? '<p>Decision: <b>' + esc(d.verdict.toLowerCase()) + '</b> by <b>' + esc(d.principal) + '</b> at ' + esc(d.decided_at) + (d.reason ? ' &mdash; ' + esc(d.reason) : '') + flags + '</p>' : '';
    const rr = current.run_report;
    $('run-report').innerHTML = rr ? '<p id="run-report-status">Run report: <b>' + esc(rr.status) + '</b>' +
      (rr.blended !== undefined ? ', ' + rr.blended + ' blended documents, synthetic ratio ' + esc(rr.synthetic_ratio) : '') +
      (rr.reason ? ' &mdash; ' + esc(rr.reason) : '') + ' <code>' + esc(rr.key) + '</code></p>' : '';
    const audit = $('audit');
    audit.innerHTML = '';
    for (const a of current.audit || []) {
      const li = document.createElement('li');
      li.textContent = a.time + ' ' + a.action + ' by ' + a.principal + (a.reason ? ': ' + a.reason : '');
      audit.appendChild(li);
    }
  }

  async function decide(verdict) {
    const reason = $('reason').value.trim();
    if (verdict === 'reject' && !reason) { $('result').textContent = 'A rejection needs a reason.'; return; }
    const flags = [];
    for (const div of document.querySelectorAll('#samples .sample')) {
      const v = div.querySelector('.flag-input').value.trim();
      if (v) flags.push({ document_id: div.dataset.documentId, flag: v });
    }
    $('approve').disabled = true;
    $('reject').disabled = true;
    $('result').textContent = verdict === 'approve' ? 'Approving… the run resumes.' : 'Rejecting…';
    const r = await api('/review/batches/' + encodeURIComponent(current.batch.batch_id) + '/' + verdict,
      { method: 'POST', body: JSON.stringify({ reason: reason || null, flags }) });
    if (r.status === 200) {
      $('result').textContent = 'Batch ' + r.body.decision.verdict.toLowerCase() + ' by ' + r.body.decision.principal + '.';
    } else {
      $('result').textContent = 'Error ' + r.status + ': ' + (r.body ? r.body.message : '');
    }
    const keep = $('result').textContent;
    await loadBatch(current.batch.batch_id);
    $('result').textContent = keep;
  }

  $('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('login-error').textContent = '';
    const body = new URLSearchParams({ username: $('username').value, password: $('password').value });
    const r = await fetch('/review/login', { method: 'POST', body, credentials: 'same-origin' });
    $('password').value = '';
    if (r.status === 204) {
      await start();
      if (!session) $('login-error').textContent = 'Sign-in failed: wrong user or password.';
    } else if (r.status === 429) {
      const wait = r.headers.get('Retry-After') || 'a few';
      $('login-error').textContent = 'Too many failed sign-ins: try again in ' + wait + ' seconds.';
    } else if (r.status === 503) {
      $('login-error').textContent = 'Reviewer sign-in is not configured on this server.';
    } else if (r.status === 403) {
      $('login-error').textContent = 'Sign-in refused: open the review page from its own address.';
    } else {
      $('login-error').textContent = 'Sign-in failed: wrong user or password.';
    }
  });
  $('logout').addEventListener('click', async () => {
    await api('/review/session/logout', { method: 'POST' });
    session = null;
    location.hash = '';
    $('who').hidden = true;
    show('login');
  });
  $('approve').addEventListener('click', () => decide('approve'));
  $('reject').addEventListener('click', () => decide('reject'));
  $('back').addEventListener('click', (e) => { e.preventDefault(); location.hash = ''; });
  window.addEventListener('hashchange', () => { if (session && session.reviewer) route(); });
  start();
})();
