// The status page of a Codex DHT node. It reads the node's JSON API (same origin) every few
// seconds and keeps its own short history for the charts. Everything shown is put into the page
// as text (textContent, never parsed as HTML), so a peer's service id or address cannot add markup.
"use strict";

(function () {
  const params = new URLSearchParams(location.hash.slice(1));
  const refreshSeconds = Number(params.get("refresh") || 5);
  const REFRESH_MS = Math.max(500, (Number.isFinite(refreshSeconds) ? refreshSeconds : 5) * 1000);
  const HISTORY = Math.ceil(600000 / REFRESH_MS); // about ten minutes of samples
  const COLORS = ["#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777"];

  const history = []; // {t, sessions, entries, packetsIn, packetsOut, drops: {reason: n}}
  const openBuckets = new Set();
  let lastTable = null;

  function $(id) {
    return document.getElementById(id);
  }

  // Creates an element with text content and optional class; children may be added after.
  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function row(cells) {
    const tr = document.createElement("tr");
    for (const c of cells) {
      const td = document.createElement("td");
      if (c instanceof Node) td.appendChild(c);
      else td.textContent = c === undefined || c === null ? "" : String(c);
      tr.appendChild(td);
    }
    return tr;
  }

  function short(hex) {
    return hex ? hex.slice(0, 8) + "\u2026" + hex.slice(-4) : "";
  }

  function duration(seconds) {
    if (seconds < 0) return "never";
    if (seconds < 60) return seconds + " s";
    if (seconds < 3600) return Math.floor(seconds / 60) + " min " + (seconds % 60) + " s";
    const h = Math.floor(seconds / 3600);
    if (h < 48) return h + " h " + Math.floor((seconds % 3600) / 60) + " min";
    return Math.floor(h / 24) + " days " + (h % 24) + " h";
  }

  function bytes(n) {
    if (n < 1024) return n + " B";
    if (n < 1048576) return (n / 1024).toFixed(1) + " KiB";
    return (n / 1048576).toFixed(1) + " MiB";
  }

  async function getJson(path) {
    const r = await fetch(path, { headers: { Accept: "application/json" }, cache: "no-store" });
    const body = await r.json().catch(() => ({}));
    return { status: r.status, body: body };
  }

  function showError(text) {
    const e = $("error");
    e.hidden = !text;
    e.textContent = text || "";
  }

  function renderNode(n) {
    $("node-id").textContent = n.nodeId;
    $("peer-id").textContent = n.peerId;
    $("spr").textContent = n.spr;
    $("seq").textContent = n.seq;
    const services = (n.services || []).map((s) => s.id);
    $("services").textContent = services.length ? services.join(", ") : "none";
    const j = $("joined");
    j.textContent = n.joined ? "joined" : "not joined";
    j.className = "badge " + (n.joined ? "ok" : "warn");
  }

  function renderStatus(s) {
    $("uptime").textContent = duration(s.uptimeSeconds);
    const tbody = $("addresses");
    tbody.replaceChildren();
    for (const a of s.addresses) tbody.appendChild(row([a.address, a.source]));
    const p = s.providers;
    $("provider-store").textContent =
      "Stored for others: " + p.storedRecords + " records, " + bytes(p.storedBytes) + ".";
    const ann = $("announced");
    ann.replaceChildren();
    if (!p.announced.length) ann.appendChild(row(["none", ""]));
    for (const a of p.announced) {
      const state =
        a.state === "announced"
          ? "announced to " + a.sentTo + " nodes" + (a.storedLocally ? " (and here)" : "") +
            ", " + duration(a.agoSeconds) + " ago"
          : "pending (waiting to join or for the first announcement)";
      ann.appendChild(row([a.cid, state]));
    }
    const t = s.traffic;
    const dropped = Object.values(s.drops).reduce((x, y) => x + y, 0);
    $("totals").textContent =
      "Since start: " + t.packetsIn + " packets in (" + bytes(t.bytesIn) + "), " + t.packetsOut +
      " out (" + bytes(t.bytesOut) + "), " + dropped + " dropped.";
    history.push({
      t: Date.now(), sessions: t.sessions, entries: t.tableEntries,
      packetsIn: t.packetsIn, packetsOut: t.packetsOut, drops: s.drops,
    });
    while (history.length > HISTORY) history.shift();
    drawCharts();
  }

  // Per-second rates between consecutive samples of a counter.
  function rates(get) {
    const out = [];
    for (let i = 1; i < history.length; i++) {
      const dt = (history[i].t - history[i - 1].t) / 1000;
      out.push(dt > 0 ? Math.max(0, (get(history[i]) - get(history[i - 1])) / dt) : 0);
    }
    return out;
  }

  function drawChart(canvas, legend, series) {
    const ctx = canvas.getContext("2d");
    const w = canvas.width;
    const h = canvas.height;
    ctx.clearRect(0, 0, w, h);
    ctx.fillStyle = "#f8fafc";
    ctx.fillRect(0, 0, w, h);
    let max = 1;
    for (const s of series) for (const v of s.values) max = Math.max(max, v);
    ctx.strokeStyle = "#cbd5e1";
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(30, h - 15);
    ctx.lineTo(w, h - 15);
    ctx.stroke();
    ctx.fillStyle = "#475569";
    ctx.font = "11px sans-serif";
    ctx.fillText(max >= 10 ? Math.round(max).toString() : max.toFixed(1), 2, 12);
    ctx.fillText("0", 2, h - 16);
    // The samples so far fill the width; once the ring is full it slides.
    series.forEach((s, k) => {
      const span = Math.max(1, s.values.length - 1);
      ctx.strokeStyle = COLORS[k % COLORS.length];
      ctx.lineWidth = 2;
      ctx.beginPath();
      s.values.forEach((v, i) => {
        const x = 30 + ((w - 32) * i) / span;
        const y = h - 15 - ((h - 25) * v) / max;
        if (i === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      });
      if (s.values.length === 1) ctx.lineTo(w, h - 15 - ((h - 25) * s.values[0]) / max);
      ctx.stroke();
    });
    legend.replaceChildren();
    series.forEach((s, k) => {
      const item = el("span", s.label + " " + formatLast(s.values), "legend-item");
      item.style.borderColor = COLORS[k % COLORS.length];
      legend.appendChild(item);
    });
    canvas.dataset.points = String(series.reduce((n, s) => n + s.values.length, 0));
  }

  function formatLast(values) {
    if (!values.length) return "";
    const v = values[values.length - 1];
    return v >= 10 || Number.isInteger(v) ? String(Math.round(v)) : v.toFixed(1);
  }

  function drawCharts() {
    drawChart($("chart-sessions"), $("legend-sessions"), [
      { label: "sessions", values: history.map((x) => x.sessions) },
      { label: "table", values: history.map((x) => x.entries) },
    ]);
    drawChart($("chart-packets"), $("legend-packets"), [
      { label: "in/s", values: rates((x) => x.packetsIn) },
      { label: "out/s", values: rates((x) => x.packetsOut) },
    ]);
    const reasons = new Set();
    for (const x of history) for (const r of Object.keys(x.drops)) reasons.add(r);
    const drops = [...reasons].sort().map((r) => ({
      label: r, values: rates((x) => x.drops[r] || 0),
    }));
    if (!drops.length) drops.push({ label: "none", values: rates(() => 0) });
    drawChart($("chart-drops"), $("legend-drops"), drops);
  }

  function entryMatches(e, f) {
    if (!f) return true;
    const text = [e.nodeId, e.peerId, e.address].concat(e.services).join(" ").toLowerCase();
    return text.includes(f);
  }

  function renderTable(t) {
    lastTable = t;
    const f = $("table-filter").value.trim().toLowerCase();
    $("table-summary").textContent =
      "(" + t.entries + " entries in " + t.buckets.length + " buckets, " + t.replacements +
      " waiting in replacement caches)";
    const box = $("buckets");
    box.replaceChildren();
    if (!t.buckets.length) box.appendChild(el("p", "The table is empty.", "muted"));
    for (const b of t.buckets) {
      const shown = b.entries.filter((e) => entryMatches(e, f));
      if (f && !shown.length) continue;
      const d = document.createElement("details");
      d.className = "bucket";
      d.dataset.distance = b.distance;
      d.open = f ? true : openBuckets.has(b.distance) || t.entries <= 48;
      d.addEventListener("toggle", () => {
        if (d.open) openBuckets.add(b.distance);
        else openBuckets.delete(b.distance);
      });
      const full = b.entries.length >= 16 ? " (full)" : "";
      d.appendChild(el("summary",
        "Distance " + b.distance + ": " + b.entries.length + (b.entries.length === 1 ? " entry" : " entries") + full +
        ", " + b.replacements + " replacements"));
      const wrap = el("div", null, "scroll");
      const table = el("table", null, "small entries");
      const head = el("thead");
      head.appendChild(row(["Node", "Address", "Last seen", "Seen", "Services", ""]));
      table.appendChild(head);
      const body = el("tbody");
      for (const e of shown) {
        const id = el("code", short(e.nodeId));
        id.title = e.nodeId + "\n" + e.peerId;
        const flags = [e.bootstrap ? "bootstrap" : "", e.inbound ? "inbound" : ""]
          .filter(Boolean).join(", ");
        const tr = row([id, e.address,
          e.lastSeenAgoMs < 0 ? "never" : duration(Math.round(e.lastSeenAgoMs / 1000)) + " ago",
          e.seen.toFixed(2), e.services.join(", "), flags]);
        tr.dataset.nodeId = e.nodeId;
        body.appendChild(tr);
      }
      table.appendChild(body);
      wrap.appendChild(table);
      d.appendChild(wrap);
      box.appendChild(d);
    }
  }

  async function refresh() {
    try {
      const [node, status, table] = await Promise.all([
        getJson("/api/v1/node"), getJson("/api/v1/status"), getJson("/api/v1/table"),
      ]);
      renderNode(node.body);
      renderStatus(status.body);
      renderTable(table.body);
      $("updated").textContent = "updated " + new Date().toLocaleTimeString();
      showError("");
    } catch (e) {
      showError("Cannot reach the node: " + e.message);
    }
  }

  function lookupPath(kind, target) {
    const t = encodeURIComponent(target);
    if (kind === "node") return "/api/v1/nodes/" + t + "?trace=true";
    if (kind === "cid") return "/api/v1/providers/" + t + "?trace=true";
    return "/api/v1/peers?service=" + t + "&trace=true";
  }

  function renderLookup(kind, status, body) {
    const out = $("lookup-result");
    out.replaceChildren();
    let found = [];
    if (kind === "node" && status === 200) found = [body];
    if (kind === "cid") found = body.providers || [];
    if (kind === "service") found = body.peers || [];
    if (status >= 400 && status !== 404) {
      out.appendChild(el("p", (body.error || status) + ": " + (body.message || ""), "error"));
    } else {
      out.appendChild(el("p", found.length ? "Found " + found.length + ":" : "Nothing found."));
      const table = el("table", null, "small");
      table.id = "lookup-found";
      const tb = el("tbody");
      for (const r of found) {
        tb.appendChild(row([r.nodeId, r.peerId, (r.addresses || []).join(" "),
          (r.services || []).map((s) => s.id).join(", ")]));
      }
      table.appendChild(tb);
      const wrap = el("div", null, "scroll");
      wrap.appendChild(table);
      out.appendChild(wrap);
    }
    renderTrace(body.trace);
  }

  function renderTrace(trace) {
    const box = $("lookup-trace");
    box.replaceChildren();
    if (!trace) return;
    box.appendChild(el("h3", "Trace"));
    box.appendChild(el("p",
      trace.queries + " queries, " + trace.timeouts + " without an answer, " +
      trace.rounds.length + (trace.rounds.length === 1 ? " round, " : " rounds, ") +
      trace.durationMs + " ms. Distances are log2 of the " +
      "XOR distance to the target " + short(trace.target) + " (lower is closer).", "small"));
    const wrap = el("div", null, "scroll");
    const table = el("table", null, "small trace");
    table.id = "trace-table";
    const head = el("thead");
    head.appendChild(row(["Round", "Peer", "Address", "Distance", "Outcome", "Records",
      "Closest returned", "Time"]));
    table.appendChild(head);
    const tb = el("tbody");
    for (const r of trace.rounds) {
      const sep = row(["Round " + r.round + ": closest asked " + r.closestAsked +
        ", closest so far " + r.closestSoFar]);
      sep.firstChild.colSpan = 8;
      sep.className = "round";
      tb.appendChild(sep);
      for (const q of r.queries) {
        const tr = row([r.round, el("code", short(q.peer)), q.address, q.distance,
          q.outcome + (q.error ? " (" + q.error + ")" : ""), q.records,
          q.closestReturned < 0 ? "" : q.closestReturned,
          q.tookMs < 0 ? "no answer" : q.tookMs + " ms"]);
        tr.className = "outcome-" + q.outcome;
        tb.appendChild(tr);
      }
    }
    table.appendChild(tb);
    wrap.appendChild(table);
    box.appendChild(wrap);
    box.appendChild(el("h3", "Final set"));
    const fin = el("ol", null, "small final");
    for (const h of trace.closest) {
      fin.appendChild(el("li", h.nodeId + "  " + h.address + "  distance " + h.distance));
    }
    box.appendChild(fin);
  }

  async function runLookup(ev) {
    ev.preventDefault();
    const kind = $("lookup-kind").value;
    const target = $("lookup-target").value.trim();
    if (!target) return;
    $("lookup-status").textContent = "Looking up\u2026";
    $("lookup-run").disabled = true;
    try {
      const r = await getJson(lookupPath(kind, target));
      $("lookup-status").textContent = "Done (HTTP " + r.status + ").";
      renderLookup(kind, r.status, r.body);
    } catch (e) {
      $("lookup-status").textContent = "Failed: " + e.message;
    } finally {
      $("lookup-run").disabled = false;
    }
  }

  async function copySpr() {
    const text = $("spr").textContent;
    try {
      await navigator.clipboard.writeText(text);
      $("copy-spr").textContent = "Copied";
    } catch (e) {
      const range = document.createRange();
      range.selectNodeContents($("spr"));
      const sel = getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      $("copy-spr").textContent = "Selected: press Ctrl+C";
    }
    setTimeout(() => ($("copy-spr").textContent = "Copy"), 2000);
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("lookup-form").addEventListener("submit", runLookup);
    $("copy-spr").addEventListener("click", copySpr);
    $("table-filter").addEventListener("input", () => lastTable && renderTable(lastTable));
    refresh();
    setInterval(refresh, REFRESH_MS);
  });
})();
