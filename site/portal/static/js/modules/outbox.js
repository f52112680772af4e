// outbox: filings and answers waiting on the phone leave from page code, never from the service
// worker (WebKit replays worker POSTs with empty bodies). This part is on every page and small:
// it notices what waits and keeps the tabs in step; the sender itself (send.js) is a chunk,
// fetched when something is to be sent.
var Outbox = Sawt.Outbox = {};
var tabs = window.BroadcastChannel && new BroadcastChannel('sawt');
// Only ids and states cross between tabs (no personal data in localStorage); each tab reads the
// record itself from the store they share.
function tell(msg) {
  if (tabs) return tabs.postMessage(msg);
  try { localStorage.setItem('sawt.tabs', JSON.stringify([msg, Math.random()])); } catch (e) { /* private mode */ }
}
function hear(msg) {
  if (msg.kick) return Sawt.Sender && Sawt.Sender.kick();
  Store.get(msg.id).then(function (rec) {
    Outbox.emit(msg.id, msg.state, rec && (rec.receipt || rec), true);  // (a record has its errors and why)
    Outbox.refresh();
  }, function () {});
}
if (tabs) tabs.onmessage = function (e) { hear(e.data); };
else window.addEventListener('storage', function (e) { if (e.key === 'sawt.tabs' && e.newValue) hear(JSON.parse(e.newValue)[0]); });
// far: the change happened in another tab.
Outbox.emit = function (id, state, body, far) {
  document.dispatchEvent(new CustomEvent('sawt:filing', { detail: { id: id, state: state, body: body, far: far } }));
  if (id && !far) tell({ id: id, state: state });
};
Outbox.tell = tell;
// Every list on the page redraws from the store ("idle" carries every record).
Outbox.refresh = function () {
  return Store.all().then(function (all) { Outbox.emit(null, 'idle', all); return all; });
};
// What waiting means, honestly: whether this phone can keep it at all, and when the connection
// seems to need a sign-in (a captive portal answered instead of the server).
Outbox.said = function (body, state) {
  return t(state === 'sending' ? 'sending' : Store.volatile ? 'volatile' : body && body.why === 'portal' && STRINGS.portal ? 'portal' : 'queued');
};
// now: "Send now", the connection came back, the person returned to the tab: skip the backoff.
Outbox.flush = function (now) {
  return Outbox.refresh().then(function (all) {
    if (all.some(function (f) { return f.state === 'queued'; })) {
      return need('send').then(function () { Sawt.Sender.flush(now); });
    }
  }).catch(function () {});
};
window.addEventListener('online', function () { Outbox.flush(true); });
document.addEventListener('visibilitychange', function () { if (!document.hidden) Outbox.flush(true); });
setTimeout(Outbox.flush, 500);
