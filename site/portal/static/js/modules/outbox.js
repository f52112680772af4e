// outbox: filings waiting on the phone are sent by page code (never by the service worker: WebKit
// replays worker POSTs with empty bodies), one at a time, each with its Idempotency-Key so a retry
// can never file twice. A filing leaves the outbox only when the server answers 201; a 4xx puts it
// in "needs attention" with the errors; anything else waits and retries with capped backoff.
var Outbox = { busy: false };
Outbox.emit = function (id, state, body) {
  document.dispatchEvent(new CustomEvent('sawt:filing', { detail: { id: id, state: state, body: body } }));
};
Outbox.send = function (f) {
  Outbox.emit(f.id, 'sending');
  // Documents first, each verified; the grievance goes only when all are, naming them.
  var files = (f.files || []).length ? need('attach').then(function () { return Sawt.Attach.uploadAll(f); }) : Promise.resolve(null);
  return files.then(function (ids) {
    var payload = f.payload;
    if (ids) { payload = JSON.parse(JSON.stringify(payload)); payload.attachments = ids; }
    return postJSON(f.endpoint || '/api/grievances', payload, { 'Idempotency-Key': f.id });
  }).then(function (r) {
    if ((r.status === 201 || r.status === 200) && f.kind === 'reply') {
      // An answer needs no receipt: the file's timeline shows it. Nothing is left on the phone.
      return Store.remove(f.id).then(function () { Outbox.emit(f.id, 'sent', r.body); });
    }
    if (r.status === 201 || r.status === 200) {
      return Store.update(f.id, function (rec) {
        rec.state = 'sent';
        rec.receipt = { reference: r.body.reference, tracking_code: r.body.tracking_code, created_at: r.body.created_at };
        // Sent: the server has it. Keep the receipt, not the personal details, on a phone that may be shared.
        delete rec.payload; delete rec.values; delete rec.errors; delete rec.files;
        return rec;
      }).then(function () { Outbox.emit(f.id, 'sent', r.body); });
    }
    if (r.status >= 400 && r.status < 500 && r.status !== 408 && r.status !== 429) {
      return Store.update(f.id, function (rec) { rec.state = 'attention'; rec.errors = r.body.errors || []; return rec; })
        .then(function () { Outbox.emit(f.id, 'attention', r.body); });
    }
    throw new Error(r.status);
  }).catch(function (e) {
    if (e && e.errors) {  // the server refused a document: the person must change it
      var errors = e.errors.map(function (x) { return { field: 'attachments', message: x.message }; });
      return Store.update(f.id, function (rec) { rec.state = 'attention'; rec.errors = errors; return rec; })
        .then(function () { Outbox.emit(f.id, 'attention', { errors: errors }); });
    }
    return Store.update(f.id, function (rec) {
      if (rec.state !== 'queued') return rec;
      rec.attempts = (rec.attempts || 0) + 1;
      // Capped exponential backoff with jitter: 5 s, 10 s, 20 s … up to 5 minutes.
      rec.next_try = Date.now() + Math.min(300000, 5000 * Math.pow(2, rec.attempts - 1)) * (0.5 + Math.random() / 2);
      return rec;
    }).then(function () { Outbox.emit(f.id, 'queued'); });
  });
};
// now = true: "send now", or the connection came back: ignore the backoff.
Outbox.flush = function (now) {
  if (Outbox.busy) return;
  Outbox.busy = true;
  clearTimeout(Outbox.timer);
  function done() {
    Outbox.busy = false;
    Store.all().then(function (all) {
      var next = all.filter(function (f) { return f.state === 'queued'; })
        .map(function (f) { return f.next_try || 0; }).sort()[0];
      if (next) Outbox.timer = setTimeout(Outbox.flush, Math.max(1000, next - Date.now()));
      Outbox.emit(null, 'idle', all);
    }, function () {});
  }
  Store.all().then(function (all) {
    return all.filter(function (f) { return f.state === 'queued' && (now || !(f.next_try > Date.now())); })
      .sort(function (a, b) { return a.created - b.created; })
      .reduce(function (p, f) { return p.then(function () { return Outbox.send(f); }); }, Promise.resolve());
  }).then(done, done);
};
window.addEventListener('online', function () { Outbox.flush(true); });
document.addEventListener('visibilitychange', function () { if (!document.hidden) Outbox.flush(); });
if (window.indexedDB) setTimeout(Outbox.flush, 500);
