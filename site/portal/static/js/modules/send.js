// send (a chunk, fetched when something waits): sends queued filings and answers, one at a time
// for the whole phone, each with its Idempotency-Key so that a retry never files twice.
// Delivered means the API's own receipt (DESIGN.md §7): a captive portal's 200 page, a redirect,
// an empty body or a proxy's error leave the filing queued, and it is retried with capped backoff.
// Nothing leaves the phone's store before that proof; a sent record is never changed again.
(function (S) {
  var Store = S.Store, Outbox = S.Outbox, CAP = 300000, LANG = document.documentElement.lang;
  var A = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ', SYM = '[2-9A-HJ-NP-Z]';
  var REF = new RegExp('^' + SYM + '{3}-' + SYM + '{3}-' + SYM + '{3}$'), CODE = new RegExp('^' + SYM + '{4}(-' + SYM + '{4}){3}$');
  var running, again, rush, timer;

  // A reference as the server makes them: 8 symbols and a Luhn mod 32 check (schemas/identifiers.py).
  function wellFormed(ref) {
    if (!REF.test(ref || '')) return false;
    var s = ref.replace(/-/g, ''), factor = 2, sum = 0;
    for (var i = 7; i >= 0; i--) {
      var a = factor * A.indexOf(s.charAt(i));
      factor = 3 - factor;
      sum += (a >> 5) + (a & 31);
    }
    return A.charAt((32 - sum % 32) % 32) === s.charAt(8);
  }
  // A filing's receipt has its reference and tracking code; an answer's, its reference and status.
  function delivered(f, r) {
    var b = r.body;
    return r.status >= 200 && r.status < 300 && b.ok === true && wellFormed(b.reference) &&
      typeof b.status === 'string' && (f.kind === 'reply' || CODE.test(b.tracking_code || ''));
  }
  function codes(r) { return (r.body.errors || []).map(function (e) { return e.code; }); }
  function refused(r) { return r.status >= 400 && r.status < 500 && r.status !== 408 && r.status !== 429; }
  function sleep(ms) { return new Promise(function (ok) { setTimeout(ok, ms); }); }
  function within(promise, ms) {
    return Promise.race([promise, sleep(ms).then(function () { throw new Error('timeout'); })]);
  }

  // One sender for the whole phone: a Web Lock where the browser has them (freed by itself when a
  // tab closes), else a lease in the store, renewed while held and not trusted far ahead (clocks).
  var me = S.uuid();
  function exclusive(fn, quick) {
    if (navigator.locks) {
      return navigator.locks.request('sawt-outbox', { ifAvailable: !!quick }, function (lock) { return lock ? fn() : 'busy'; });
    }
    var got;
    return Store.update('lock', function (rec) {
      var now = Date.now();
      got = !(rec.owner && rec.owner !== me && rec.until > now && rec.until < now + 60000);
      return got ? { id: 'lock', state: 'lock', owner: me, until: now + 30000 } : null;
    }).then(function () {
      if (!got) return quick ? 'busy' : sleep(1000).then(function () { return exclusive(fn); });
      var renew = setInterval(function () {
        Store.update('lock', function (rec) { if (rec.owner === me) { rec.until = Date.now() + 30000; return rec; } return null; });
      }, 10000);
      function free() {
        clearInterval(renew);
        return Store.update('lock', function (rec) { if (rec.owner === me) { rec.until = 0; return rec; } return null; });
      }
      return Promise.resolve().then(fn).then(function (x) { return free().then(function () { return x; }); },
        function (e) { return free().then(function () { throw e; }); });
    });
  }

  function flush(now) {
    if (now) { rush = true; Outbox.tell({ kick: 1 }); kick(); }
    if (running) { again = true; return running; }
    clearTimeout(timer);
    running = exclusive(run).then(done, done);
    return running;
  }
  // "Send now" cuts a request that has had no progress for 3 s: it is retried at once, same key.
  function kick() { S.cut(3000); }

  // Inside the lock: every record due, oldest first, read afresh each time (another tab may have
  // sent it); each is tried once per round.
  function run() {
    var hurry = rush, tried = {};
    rush = false;
    function next() {
      return Store.all().then(trust).then(function (all) {
        var f = all.filter(function (x) { return x.state === 'queued' && !tried[x.id] && (hurry || x.next_try <= Date.now() || !x.next_try); })
          .sort(function (a, b) { return a.created - b.created; })[0];
        if (!f) return;
        tried[f.id] = 1;
        return send(f.id).then(next);
      });
    }
    return next();
  }
  // A stored retry time more than the cap ahead was written by a clock that has since been put
  // back (or was wrong): it is brought back to the cap, or the filing would wait for years.
  function trust(all) {
    return Promise.all(all.map(function (f) {
      if (!(f.state === 'queued' && f.next_try > Date.now() + CAP)) return f;
      f.next_try = Date.now() + CAP;
      return Store.update(f.id, function (rec) { if (rec.next_try > f.next_try) { rec.next_try = f.next_try; return rec; } return null; })
        .then(function () { return f; });
    }));
  }
  function done() {
    running = null;
    if (again) { again = false; return flush(); }
    Outbox.refresh().then(trust).then(function (all) {
      var times = all.filter(function (f) { return f.state === 'queued'; }).map(function (f) { return f.next_try || 0; });
      // Never a timer beyond the cap (browsers overflow past 2^31 ms and fire at once).
      if (times.length) timer = setTimeout(flush, Math.min(CAP, Math.max(1000, Math.min.apply(Math, times) - Date.now())));
    }, function () {});
  }

  function post(f, body) {
    return S.postJSON(f.endpoint || '/api/grievances', body, { 'Idempotency-Key': f.id, 'Accept-Language': f.lang || LANG });
  }

  function send(id, retried) {
    return Store.get(id).then(function (f) {
      if (!f || f.state !== 'queued') return;  // sent, taken back or refused meanwhile, in another tab
      Outbox.emit(id, 'sending');
      // Documents first, each verified; the filing goes only when all are, naming them.
      var files = (f.files || []).length ? within(S.need('attach'), 30000).then(function () { return S.Attach.uploadAll(f); }) : Promise.resolve(null);
      return files.then(function (ids) {
        var body = JSON.parse(JSON.stringify(f.payload));
        if (ids) body.attachments = ids;
        // Kept before it leaves: if it is taken back, what may have reached the server is known
        // (a request made while the phone knew itself offline never left it).
        var left = f.left || navigator.onLine !== false;
        return Store.update(id, function (rec) {
          if (rec.state !== 'queued') return null;
          rec.body = body;
          rec.left = left;
          return rec;
        }).then(function () {
          f.body = body;
          f.left = left;
          return post(f, body);
        });
      }).then(function (r) { return answered(f, r, retried); }, function (e) { return failed(f, e); });
    });
  }

  function answered(f, r, retried) {
    if (delivered(f, r)) return sent(f, r.body);
    if (!refused(r)) return failed(f, r);
    var why = codes(r);
    if (why.indexOf('unknown_attachment') >= 0 && !retried && (f.body.attachments || []).length) {
      // Documents swept from the server before the filing could go: upload them again from the
      // copies kept here, then send — once; a second refusal needs the person.
      return Store.update(f.id, function (rec) {
        (rec.files || []).forEach(function (x) { delete x.upload_id; delete x.link; });
        return rec;
      }).then(function () { return send(f.id, true); });
    }
    if (why.indexOf('idempotency_conflict') >= 0 && f.prior) {
      // An earlier version, taken back while it may have been on its way, arrived after all: that
      // is the grievance filed. Its receipt comes by sending that version again.
      return recover(f, [f.prior]).then(function (r2) { return r2 ? sent(f, r2.body, true) : attention(f, r.body.errors); }, function (e) { return failed(f, e); });
    }
    return attention(f, r.body.errors);
  }
  function recover(f, bodies) {
    var body = bodies.shift();
    if (!body) return Promise.resolve(null);
    return post(f, body).then(function (r) { return delivered(f, r) ? r : recover(f, bodies); });
  }
  function settle(f, state, change, body) {
    return Store.update(f.id, function (rec) {
      if (rec.state === 'sent') return null;
      rec.state = state;
      change(rec);
      return rec;
    }).then(function () { Outbox.emit(f.id, state, body); });
  }
  function sent(f, b, late) {
    var receipt = { reference: b.reference, tracking_code: b.tracking_code, created_at: b.created_at, status: b.status, late: late };
    return settle(f, 'sent', function (rec) {
      rec.receipt = receipt;
      // The server has it: keep the receipt, not the personal details, on a phone that may be shared.
      ['payload', 'values', 'errors', 'files', 'body', 'left', 'prior', 'why', 'next_try', 'attempts'].forEach(function (k) { delete rec[k]; });
    }, receipt);
  }
  function attention(f, errors) {
    errors = errors || [];
    // Refused: the server holds nothing of this version; the person corrects it and sends it again.
    return settle(f, 'attention', function (rec) { rec.errors = errors; delete rec.body; delete rec.left; delete rec.why; }, { errors: errors });
  }
  function failed(f, e) {
    if (e && e.errors) return attention(f, e.errors);  // a document refused: the person must change it
    var why = e && e.portal ? 'portal' : 'network';
    return Store.update(f.id, function (rec) {
      if (rec.state !== 'queued') return null;
      rec.attempts = (rec.attempts || 0) + 1;
      rec.why = why;
      // Capped exponential backoff with jitter: 5 s, 10 s, 20 s … up to 5 minutes.
      rec.next_try = Date.now() + Math.min(CAP, 5000 * Math.pow(2, Math.min(rec.attempts, 12) - 1)) * (0.5 + Math.random() / 2);
      return rec;
    }).then(function () { Outbox.emit(f.id, 'queued', { why: why }); });
  }

  // "Change" on a queued filing: back to an editable draft. If a version may have reached the
  // server, ask it first: the key with an empty body is refused as incomplete if the server has
  // nothing, or as a conflict if it holds a version — then that is sent, and its receipt shown.
  // Resolves 'draft', 'sent', 'busy' (being sent right now) or 'unsure' (no answer to go by).
  function takeBack(id) {
    return exclusive(function () {
      return Store.get(id).then(function (f) {
        if (!f || f.state === 'sent') return 'sent';
        if (f.state !== 'queued') return 'draft';
        if (!f.left) return back(f);
        return post(f, {}).then(function (r) {
          if (codes(r).indexOf('idempotency_conflict') >= 0) {
            return recover(f, [f.body, f.prior].filter(Boolean)).then(function (r2) {
              return r2 ? sent(f, r2.body).then(function () { return 'sent'; }) : 'unsure';
            });
          }
          return r.status === 422 ? back(f) : 'unsure';
        }).catch(function () { return 'unsure'; });
      });
    }, true);
  }
  function back(f) {
    return Store.update(f.id, function (rec) {
      if (rec.state !== 'queued') return null;
      rec.state = 'draft';
      // Kept in case a request still on its way lands after all (see idempotency_conflict above).
      if (rec.left) rec.prior = rec.body;
      ['body', 'left', 'next_try', 'attempts', 'why'].forEach(function (k) { delete rec[k]; });
      return rec;
    }).then(function () { Outbox.emit(f.id, 'draft'); return 'draft'; });
  }

  // Last resort when nothing gets through, or when the phone cannot keep it: a file with the key
  // and the answers, to send another way.
  function download(f) {
    var data = { idempotency_key: f.id, saved: new Date(f.updated || Date.now()).toISOString(), grievance: f.payload || f.values };
    var blob = new Blob([JSON.stringify(data, null, 1)], { type: 'application/json' });
    var a = S.el('a', { href: URL.createObjectURL(blob), download: 'sawt-' + f.id.slice(0, 8) + '.json' });
    document.body.appendChild(a); a.click(); a.remove();
  }

  // Something waits: ask the browser to keep it (it may ask the person, or refuse; without that
  // promise it may clear the site's data when space runs short, and Safari after a week unseen).
  var storage = navigator.storage;
  if (Store.volatile || !storage || !storage.persist) Store.fragile = true;
  else storage.persisted().then(function (yes) { return yes || storage.persist(); }).then(function (kept) { Store.fragile = !kept; }, function () {});

  S.Sender = { flush: flush, kick: kick, takeBack: takeBack, download: download, wellFormed: wellFormed };
})(window.Sawt);
