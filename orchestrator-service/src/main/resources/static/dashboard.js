// Graphium live dashboard: hosts, stacks and an event feed, kept current without page reloads.
// Live updates come from the orchestrator's server-sent events (GET /api/v1/events: `stack`, `host` and `history`
// events), read with fetch so that the request carries the bearer token, resuming with Last-Event-ID after a drop.
// Every request sends the API token the user entered (kept in sessionStorage: this tab only, gone when it closes). While that stream is unavailable the page polls
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

  // ---- token (the API needs a bearer token; it lives in this tab's sessionStorage only) -------------------

  const TOKEN_KEY = 'graphium.token';

  function token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  function authHeaders(headers) {
    const value = token();
    return value ? { ...headers, Authorization: `Bearer ${value}` } : headers;
  }

  /** 401/403: say why, show the token form, and stop every request until a token is given. */
  function askForToken(status) {
    stopPolling();
    stopStream();
    showConnection('down', status === 403
      ? 'this token may not read the dashboard (it needs the read role): enter another'
      : token() ? 'the orchestrator does not accept this token: enter another' : 'enter an API token to connect');
    document.getElementById('token-form').hidden = false;
    document.getElementById('token-input').focus();
  }

  function useToken(event) {
    event.preventDefault();
    const input = document.getElementById('token-input');
    const value = input.value.trim();
    if (!value) return;
    sessionStorage.setItem(TOKEN_KEY, value);
    input.value = '';
    document.getElementById('token-form').hidden = true;
    showConnection('connecting', 'connecting…');
    connectStream();
  }

  class Unauthorized extends Error {
    constructor(status) {
      super(`HTTP ${status}`);
      this.status = status;
    }
  }

  // ---- live stream -------------------------------------------------------------------------------------------
  // EventSource cannot send an Authorization header, so the stream is read with fetch and parsed here
  // (text/event-stream: "event:", "id:", "data:" lines, a blank line ends an event); after a drop it reconnects
  // with Last-Event-ID, as EventSource would.

  const RECONNECT_MS = 1000;
  let stream = null; // the AbortController of the open stream
  let lastEventId = null;

  function stopStream() {
    if (stream !== null) {
      stream.abort();
      stream = null;
    }
  }

  function parse(data, type) {
    try {
      return JSON.parse(data);
    } catch (e) {
      console.warn('dashboard: ignoring an event that is not JSON', type, e);
      return null;
    }
  }

  function dispatch(type, data) {
    if (type === 'stack') {
      const stack = parse(data, type);
      if (stack && stack.stackId) {
        applyStack(stack, false);
        render();
      }
    } else if (type === 'host') {
      const host = parse(data, type);
      if (host && host.id) {
        applyHost(host, false);
        render();
      }
    } else if (type === 'history') {
      const entry = parse(data, type);
      if (entry) applyHistory(entry);
    }
  }

  async function connectStream() {
    if (typeof fetch !== 'function' || typeof TextDecoder !== 'function') {
      startPolling('polling (this browser cannot read streams)');
      return;
    }
    stopStream();
    const controller = new AbortController();
    stream = controller;
    const headers = authHeaders({ Accept: 'text/event-stream' });
    if (lastEventId !== null) headers['Last-Event-ID'] = lastEventId;
    let response;
    try {
      response = await fetch(EVENTS_URL, { headers, cache: 'no-store', signal: controller.signal });
    } catch (e) {
      if (controller.signal.aborted) return;
      startPolling(`polling every ${POLL_INTERVAL_MS / 1000} s (live stream reconnecting)`);
      setTimeout(() => { if (stream === controller) connectStream(); }, RECONNECT_MS);
      return;
    }
    if (response.status === 401 || response.status === 403) {
      askForToken(response.status);
      return;
    }
    const type = response.headers.get('Content-Type') || '';
    if (!response.ok || !type.startsWith('text/event-stream') || !response.body) {
      // Refused for good (no such endpoint, wrong content type): poll, and try the stream again later.
      controller.abort();
      startPolling(`polling every ${POLL_INTERVAL_MS / 1000} s (live stream unavailable)`);
      setTimeout(() => { if (stream === controller) connectStream(); }, STREAM_RETRY_MS);
      return;
    }
    stopPolling();
    showConnection('live', 'live');
    try {
      await readEvents(response.body.getReader());
    } catch (e) {
      if (controller.signal.aborted) return;
    }
    if (stream !== controller) return;
    // Dropped: keep the tables fresh by polling while reconnecting (resuming after the last event seen).
    startPolling(`polling every ${POLL_INTERVAL_MS / 1000} s (live stream reconnecting)`);
    setTimeout(() => { if (stream === controller) connectStream(); }, RECONNECT_MS);
  }

  async function readEvents(reader) {
    const decoder = new TextDecoder();
    let buffer = '';
    let type = '';
    let data = [];
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      const lines = buffer.split(/\r\n|\r|\n/);
      buffer = lines.pop();
      for (const line of lines) {
        if (line === '') {
          if (data.length > 0) dispatch(type || 'message', data.join('\n'));
          type = '';
          data = [];
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') type = text;
          else if (field === 'data') data.push(text);
          else if (field === 'id') lastEventId = text;
        }
      }
    }
  }

  // ---- polling fallback --------------------------------------------------------------------------------------

  async function getJson(url) {
    const response = await fetch(url, { headers: authHeaders({ Accept: 'application/json' }), cache: 'no-store' });
    if (response.status === 401 || response.status === 403) throw new Unauthorized(response.status);
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
      if (e instanceof Unauthorized) {
        askForToken(e.status);
        return;
      }
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

  document.getElementById('token-form').addEventListener('submit', useToken);
  render();
  connectStream();
})();
