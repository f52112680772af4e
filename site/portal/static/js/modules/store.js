// store: what is kept on the phone — one IndexedDB store of filings (drafts, queued, needing
// attention, sent). Versioned: each migration upgrades from the previous version and keeps every
// record, so a new site version never loses a draft, a queued filing or a receipt.
var Store = (function () {
  var VERSION = 1, db;
  var MIGRATIONS = [function (d) { d.createObjectStore('filings', { keyPath: 'id' }); }];
  function open() {
    if (!db) db = new Promise(function (ok, ko) {
      var r = indexedDB.open('sawt', VERSION);
      r.onupgradeneeded = function (e) { for (var v = e.oldVersion; v < VERSION; v++) MIGRATIONS[v](r.result, r.transaction); };
      r.onsuccess = function () {
        var d = r.result;
        // Another tab opened a newer version, or iOS closed us: let go, reopen on next use.
        d.onversionchange = d.onclose = function () { d.close(); db = null; };
        ok(d);
      };
      r.onerror = r.onblocked = function () { db = null; ko(r.error); };
    });
    return db;
  }
  function run(mode, fn, retried) {
    return open().then(function (d) {
      return new Promise(function (ok, ko) {
        var t = d.transaction('filings', mode), out = fn(t.objectStore('filings'));
        t.oncomplete = function () { ok(out && out.readyState ? out.result : out); };
        t.onerror = t.onabort = function () { ko(t.error); };
      });
    }).catch(function (e) {
      if (retried) throw e;
      db = null; // a closed connection (iOS does this) is reopened once
      return run(mode, fn, true);
    });
  }
  return {
    all: function () { return run('readonly', function (s) { return s.getAll(); }); },
    get: function (id) { return run('readonly', function (s) { return s.get(id); }); },
    remove: function (id) { return run('readwrite', function (s) { s.delete(id); }); },
    // Read, change and write in one transaction, so two writers never undo each other.
    update: function (id, change) {
      return run('readwrite', function (s) {
        var r = s.get(id);
        r.onsuccess = function () {
          var rec = change(r.result || { id: id, state: 'draft', lang: LANG, created: Date.now() });
          if (rec) { rec.updated = Date.now(); s.put(rec); }
        };
      });
    }
  };
})();
Sawt.Store = Store;
if (navigator.storage && navigator.storage.persist) navigator.storage.persist();
