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
// POST JSON; resolves {status, body} for any HTTP answer, rejects only when the network fails.
function postJSON(url, data, headers) {
  var h = { 'Content-Type': 'application/json', 'Accept-Language': LANG };
  for (var k in headers || {}) h[k] = headers[k];
  return fetch(url, { method: 'POST', headers: h, body: JSON.stringify(data), credentials: 'same-origin' })
    .then(function (r) { return r.json().catch(function () { return {}; }).then(function (b) { return { status: r.status, body: b }; }); });
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
  }).then(function (html) { return new DOMParser().parseFromString(html, 'text/html'); });
  fragments.catch(function () { fragments = null; });
  return fragments.then(function (doc) { return document.importNode(doc.getElementById(id).content, true); });
}
var Sawt = window.Sawt = { $: $, $$: $$, el: el, t: t, uuid: uuid, announce: announce, postJSON: postJSON, fragment: fragment };
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
