// core: tiny helpers every page script shares. No framework: each byte is paid for on 2G.
var $ = function (sel, root) { return (root || document).querySelector(sel); };
var $$ = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };
var LANG = document.documentElement.lang;
var STRINGS = (function () {
  var node = $('#i18n');
  try { return node ? JSON.parse(node.textContent) : {}; } catch (e) { return {}; }
})();
// Translated strings come from the page (rendered from the gettext catalogs at build time).
function t(key, n) { var s = STRINGS[key] || key; return n === undefined ? s : s.replace('%(n)s', n); }
function el(tag, attrs, text) {
  var node = document.createElement(tag);
  for (var k in attrs || {}) node.setAttribute(k, attrs[k]);
  if (text !== undefined) node.textContent = text;
  return node;
}
function uuid() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  var b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
  var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
  return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
}
// Screen readers hear state changes through one polite live region.
var live = el('div', { 'class': 'vh', 'aria-live': 'polite', role: 'status' });
document.body.appendChild(live);
function announce(msg) { live.textContent = ''; setTimeout(function () { live.textContent = msg; }, 50); }
// Every request has a deadline sized for a 400 kbps link (50 bytes a millisecond), twice over,
// plus 15 s for round trips and the server: a hung link is then retried like a cut one.
function patience(bytes) { return 15000 + bytes / 25; }
// The request on the wire, so that "Send now" can cut one that has stalled.
var inflight;
function wire(abort) { return (inflight = { at: Date.now(), abort: abort }); }
function unwire(w) { if (inflight === w) inflight = null; }
function cut(idle) { if (inflight && Date.now() - inflight.at > idle) inflight.abort(); }
// POST JSON. Resolves {status, body} only for an answer of the API itself (JSON with its "ok"
// flag, not redirected); rejects when the network fails, time runs out, or something else
// answered (DESIGN.md §7) — error.portal set when it looks like a captive portal's sign-in page
// (a 2xx or a redirect, or 511) rather than a proxy's error.
function postJSON(url, data, headers) {
  var h = { 'Content-Type': 'application/json', 'Accept-Language': LANG }, body = JSON.stringify(data);
  for (var k in headers || {}) h[k] = headers[k];
  var ctl = window.AbortController && new AbortController(), w = wire(function () { if (ctl) ctl.abort(); });
  var timer = setTimeout(w.abort, patience(body.length));
  function done() { clearTimeout(timer); unwire(w); }
  return fetch(url, { method: 'POST', headers: h, body: body, credentials: 'same-origin', signal: ctl && ctl.signal })
    .then(function (r) {
      var api = !r.redirected && /^application\/json/.test(r.headers.get('Content-Type') || '');
      return r.json().catch(function (e) { if (ctl && ctl.signal.aborted) throw e; }).then(function (b) {
        if (!api || !b || typeof b.ok !== 'boolean') throw Object.assign(new Error(r.status), { portal: r.status < 400 || r.status === 511 });
        return { status: r.status, body: b };
      });
    }).then(function (x) { done(); return x; }, function (e) { done(); throw e; });
}
function onModule(name, fn) { $$('[data-module="' + name + '"]').forEach(fn); }
// Code needed only on some occasions (attaching a document) comes in chunks, loaded on demand and
// precached by the service worker; the chunks find the shared helpers here.
var fragments;
// Markup needed only late (the review, the receipt, a document row) is one static page per
// language, fetched when first needed and precached by the service worker.
function fragment(id) {
  fragments = fragments || fetch('/' + LANG + '/fragments/').then(function (r) {
    if (!r.ok) throw new Error(r.status);
    return r.text();
  }).then(function (html) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    Object.assign(STRINGS, JSON.parse(doc.getElementById('i18n').textContent));  // the words needed late
    return doc;
  });
  fragments.catch(function () { fragments = null; });
  return fragments.then(function (doc) { return document.importNode(doc.getElementById(id).content, true); });
}
var Sawt = window.Sawt = { $: $, $$: $$, el: el, t: t, uuid: uuid, announce: announce, postJSON: postJSON, fragment: fragment,
  patience: patience, wire: wire, unwire: unwire, cut: cut, need: need };
var chunks = {};
function need(name) {
  return chunks[name] || (chunks[name] = new Promise(function (ok, ko) {
    var s = el('script', { src: STRINGS.chunks[name] });
    s.onload = ok;
    s.onerror = function () { delete chunks[name]; s.remove(); ko(new Error('chunk')); };
    document.head.appendChild(s);
  }));
}
// One service worker per language (scope /<lang>/): it precaches that language's pages.
if ('serviceWorker' in navigator && location.pathname.indexOf('/' + LANG + '/') === 0) {
  navigator.serviceWorker.register('/' + LANG + '/sw.js', { scope: '/' + LANG + '/' }).catch(function () {});
}
