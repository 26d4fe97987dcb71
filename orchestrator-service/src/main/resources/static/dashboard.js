// Graphium live dashboard: hosts, stacks and an event feed, kept current without page reloads.
// Live updates come from the orchestrator's server-sent events (GET /api/v1/events: `stack`, `host` and `history`
// events; EventSource resumes with Last-Event-ID by itself). While that stream is unavailable the page polls
// GET /api/v1/stacks and /api/v1/hosts instead, so it keeps working against an orchestrator without the stream.
// Data is only ever put into the page as text (textContent), never parsed as HTML.
'use strict';

(() => {
  const EVENTS_URL = '/api/v1/events';
  const STACKS_URL = '/api/v1/stacks';
  const HOSTS_URL = '/api/v1/hosts';
  const POLL_INTERVAL_MS = 3000;
  // After the stream failed for good (e.g. 404), how long until the page tries it again.
  const STREAM_RETRY_MS = 15000;
  const FEED_LIMIT = 100;

  const stacks = new Map(); // stackId -> stack JSON (GET /api/v1/stacks/{id})
  const hosts = new Map(); // host id -> host JSON (an element of GET /api/v1/hosts)

  // Set once per page load: a reload gives a new value (tests use it to prove updates arrive without one).
  window.graphiumDashboard = Object.freeze({
    loadId: `${Date.now()}-${Math.random().toString(36).slice(2)}`,
    mode: () => mode,
  });

  let mode = 'connecting'; // 'live' (stream), 'polling' (fallback), 'connecting'
  let pollTimer = null;
  let pollingText = '';
  let renderQueued = false;

  // ---- small DOM helpers -------------------------------------------------------------------------------------

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value !== undefined && value !== null) {
        node.setAttribute(name, String(value));
      }
    }
    for (const child of children) {
      if (child !== undefined && child !== null) {
        node.append(child instanceof Node ? child : String(child));
      }
    }
    return node;
  }

  /** A status word, coloured by a class derived from it (only plain enum names become class names). */
  function statusBadge(status) {
    const text = status || 'UNKNOWN';
    const badge = el('span', { class: 'status' }, text);
    if (/^[A-Z_]+$/.test(text)) {
      badge.classList.add(`status-${text}`);
    }
    return badge;
  }

  /** A usage bar with its numbers as text; role meter so assistive technology reads the value. */
  function usageBar(used, total, label, format) {
    const ratio = total > 0 ? Math.min(Math.max(used / total, 0), 1) : 0;
    const fill = el('span');
    fill.style.width = `${(ratio * 100).toFixed(1)}%`;
    const bar = el('span', {
      class: ratio >= 0.9 ? 'bar high' : 'bar', role: 'meter', 'aria-label': label,
      'aria-valuemin': 0, 'aria-valuemax': total > 0 ? total : 0, 'aria-valuenow': used,
    }, fill);
    return el('span', { class: 'usage' }, bar, `${format(used)} / ${format(total)}`);
  }

  const cores = (n) => (Number(n) || 0).toFixed(1);
  function bytes(n) {
    const value = Number(n) || 0;
    if (value >= 1024 ** 3) return `${(value / 1024 ** 3).toFixed(1)} GiB`;
    return `${Math.round(value / 1024 ** 2)} MiB`;
  }

  function time(iso) {
    const date = iso ? new Date(iso) : new Date();
    return el('time', { datetime: date.toISOString() }, date.toLocaleTimeString());
  }

  // ---- rendering ---------------------------------------------------------------------------------------------

  function hostRow(host) {
    const usage = host.usage || {};
    const containers = host.containers || [];
    return el('tr', { 'data-host-id': host.id },
      el('th', { scope: 'row' }, host.id, el('span', { class: 'sub' }, host.ipAddress || '')),
      el('td', { class: 'host-status', title: host.statusReason || '' }, statusBadge(host.status)),
      el('td', {}, host.datacenter || '–'),
      el('td', {}, usageBar(usage.cpuUsedCores || 0, host.cpus || 0, `CPU of ${host.id}`, cores)),
      el('td', {}, usageBar(usage.memoryUsedBytes || 0, host.memoryBytes || 0, `memory of ${host.id}`, bytes)),
      el('td', { class: 'host-containers' }, String(usage.containersRunning ?? containers.length),
        el('span', { class: 'sub' }, `${containers.length} managed`)));
  }

  function stackRow(stack) {
    const placements = new Map((stack.placements || []).map((p) => [p.container, p]));
    const containers = el('ul', { class: 'plain' });
    const reported = new Set();
    for (const c of stack.containers || []) {
      reported.add(c.name);
      const health = c.health && c.health !== 'NONE' ? c.health : null;
      containers.append(el('li', { 'data-container': c.name },
        el('code', {}, c.name), ' on ', c.hostId || '?', ' ', statusBadge(c.state),
        health ? ' ' : null, health ? statusBadge(health) : null,
        c.message ? el('span', { class: 'sub' }, c.message) : null));
    }
    for (const [name, p] of placements) {
      if (!reported.has(name)) {
        containers.append(el('li', { 'data-container': name }, el('code', {}, name), ' → ', p.hostId || '?'));
      }
    }
    const endpoints = el('ul', { class: 'plain' });
    for (const [name, address] of Object.entries(stack.serviceEndpoints || {}).sort()) {
      endpoints.append(el('li', {}, `${name} `, el('code', {}, address)));
    }
    return el('tr', { 'data-stack-id': stack.stackId },
      el('th', { scope: 'row' }, stack.stackId,
        stack.strategy ? el('span', { class: 'sub' }, stack.strategy) : null),
      el('td', { class: 'stack-status' }, statusBadge(stack.status),
        stack.error ? el('span', { class: 'sub' }, stack.error) : null),
      el('td', {}, containers),
      el('td', {}, endpoints));
  }

  function renderTable(id, items, rowOf, sortKey) {
    const body = document.querySelector(`#${id} tbody`);
    const rows = [...items.values()].sort((a, b) => String(sortKey(a)).localeCompare(String(sortKey(b))))
      .map(rowOf);
    body.replaceChildren(...rows);
    document.getElementById(`${id}-count`).textContent = `(${items.size})`;
    document.getElementById(`${id}-empty`).hidden = items.size > 0;
  }

  // Many events can arrive at once (the stream's initial snapshot): render once per frame.
  function render() {
    if (renderQueued) return;
    renderQueued = true;
    requestAnimationFrame(() => {
      renderQueued = false;
      renderTable('hosts', hosts, hostRow, (h) => h.id);
      renderTable('stacks', stacks, stackRow, (s) => s.stackId);
    });
  }

  function addToFeed(when, ...parts) {
    const feed = document.getElementById('events');
    feed.prepend(el('li', {}, time(when), ...parts));
    while (feed.children.length > FEED_LIMIT) {
      feed.lastElementChild.remove();
    }
  }

  function showConnection(newMode, text) {
    mode = newMode;
    const status = document.getElementById('connection');
    status.className = `connection ${newMode}`;
    status.textContent = text;
  }

  // ---- state changes -----------------------------------------------------------------------------------------

  /** One stack's new view; while polling, the feed reports status changes the page noticed itself. */
  function applyStack(stack, noticeChanges) {
    const before = stacks.get(stack.stackId);
    if (before && stack.version !== undefined && before.version !== undefined && stack.version < before.version
        && stack.deploymentId === before.deploymentId) {
      return; // an older view arriving late
    }
    stacks.set(stack.stackId, stack);
    if (noticeChanges && (!before || before.status !== stack.status)) {
      addToFeed(null, 'stack ', el('code', {}, stack.stackId), ' ', statusBadge(stack.status));
    }
  }

  function applyHost(host, noticeChanges) {
    const before = hosts.get(host.id);
    hosts.set(host.id, host);
    if (noticeChanges && (!before || before.status !== host.status)) {
      addToFeed(null, 'host ', el('code', {}, host.id), ' ', statusBadge(host.status));
    }
  }

  function applyHistory(entry) {
    const subject = entry.containerName
      ? [el('code', {}, `${entry.stackId}/${entry.containerName}`), entry.hostId ? ` on ${entry.hostId}` : '']
      : [el('code', {}, entry.stackId)];
    const state = entry.containerState || entry.status;
    addToFeed(entry.occurredAt, `${(entry.kind || 'event').toLowerCase()} `, ...subject,
      state ? ' ' : null, state ? statusBadge(state) : null,
      entry.health && entry.health !== 'NONE' ? ' ' : null,
      entry.health && entry.health !== 'NONE' ? statusBadge(entry.health) : null,
      entry.message ? el('span', { class: 'sub' }, entry.message) : null);
  }

  // ---- live stream -------------------------------------------------------------------------------------------

  function parse(event) {
    try {
      return JSON.parse(event.data);
    } catch (e) {
      console.warn('dashboard: ignoring an event that is not JSON', event.type, e);
      return null;
    }
  }

  function connectStream() {
    if (typeof EventSource !== 'function') {
      startPolling('polling (this browser has no EventSource)');
      return;
    }
    const source = new EventSource(EVENTS_URL);
    source.addEventListener('open', () => {
      stopPolling();
      showConnection('live', 'live');
    });
    source.addEventListener('stack', (event) => {
      const stack = parse(event);
      if (stack && stack.stackId) {
        applyStack(stack, false);
        render();
      }
    });
    source.addEventListener('host', (event) => {
      const host = parse(event);
      if (host && host.id) {
        applyHost(host, false);
        render();
      }
    });
    source.addEventListener('history', (event) => {
      const entry = parse(event);
      if (entry) applyHistory(entry);
    });
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) {
        // Refused for good (no such endpoint, wrong content type): poll, and try the stream again later.
        source.close();
        startPolling(`polling every ${POLL_INTERVAL_MS / 1000} s (live stream unavailable)`);
        setTimeout(connectStream, STREAM_RETRY_MS);
      } else {
        // The browser reconnects by itself (resuming with Last-Event-ID); meanwhile keep the tables fresh.
        startPolling(`polling every ${POLL_INTERVAL_MS / 1000} s (live stream reconnecting)`);
      }
    });
  }

  // ---- polling fallback --------------------------------------------------------------------------------------

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.json();
  }

  async function pollOnce() {
    try {
      const [stackList, hostList] = await Promise.all([getJson(STACKS_URL), getJson(HOSTS_URL)]);
      if (pollTimer === null) return; // the stream came back while this request was under way
      showConnection('polling', pollingText);
      const noticeChanges = stacks.size + hosts.size > 0;
      replaceAll(stacks, stackList, (s) => s.stackId, (s) => applyStack(s, noticeChanges));
      replaceAll(hosts, hostList, (h) => h.id, (h) => applyHost(h, noticeChanges));
      render();
    } catch (e) {
      showConnection('down', `orchestrator unreachable, retrying (${e.message})`);
    }
  }

  /** A full listing: apply every item and drop the ones it no longer contains. */
  function replaceAll(map, items, keyOf, apply) {
    const seen = new Set();
    for (const item of Array.isArray(items) ? items : []) {
      seen.add(keyOf(item));
      apply(item);
    }
    for (const key of [...map.keys()]) {
      if (!seen.has(key)) map.delete(key);
    }
  }

  function startPolling(text) {
    pollingText = text;
    showConnection('polling', text);
    if (pollTimer === null) {
      pollOnce();
      pollTimer = setInterval(pollOnce, POLL_INTERVAL_MS);
    }
  }

  function stopPolling() {
    if (pollTimer !== null) {
      clearInterval(pollTimer);
      pollTimer = null;
    }
  }

  render();
  connectStream();
})();
