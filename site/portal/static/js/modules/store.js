// store: what is kept on the phone — one IndexedDB store of filings (drafts, queued, needing
// attention, sent). Versioned: each migration upgrades from the previous version and keeps every
// record, so a new site version never loses a draft, a queued filing or a receipt.
// When the phone cannot keep anything (no IndexedDB, a private window refusing it, a full disk),
// this page keeps its records in memory instead and Store.volatile says so, so that no page says
// "saved on this phone" when it is not.
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
      r.onerror = function () { db = null; ko(r.error); };
      // An older tab still holds the previous version: it lets go on versionchange (above);
      // one that does not within seconds counts as a failure.
      r.onblocked = function () { setTimeout(function () { if (r.readyState !== 'done') r.onerror(); }, 5000); };
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
  function fresh(id) { return { id: id, state: 'draft', lang: LANG, created: Date.now() }; }
  var disk = {
    // The sender's lease (send.js, browsers without Web Locks) is bookkeeping, not a filing.
    all: function () { return run('readonly', function (s) { return s.getAll(); }).then(function (all) { return all.filter(function (r) { return r.state !== 'lock'; }); }); },
    get: function (id) { return run('readonly', function (s) { return s.get(id); }); },
    remove: function (id) { return run('readwrite', function (s) { s.delete(id); }); },
    // Read, change and write in one transaction, so two writers (two tabs) never undo each other.
    update: function (id, change) {
      var bug;
      return run('readwrite', function (s) {
        var r = s.get(id);
        r.onsuccess = function () {
          try { var rec = change(r.result || fresh(id)); } catch (e) { bug = e; return s.transaction.abort(); }
          if (rec) { rec.updated = Date.now(); s.put(rec); }
        };
      }).catch(function (e) { throw bug ? { bug: bug } : e; });
    }
  };
  // Nothing can be kept on this phone: from then on, this page keeps its records itself (memory.js).
  var memory;
  function toMemory() {
    if (!memory) {
      memory = need('memory').then(function () { return Sawt.Memory(disk, fresh); });
      memory.catch(function () { memory = null; });  // (the chunk could not be had: try again next time)
    }
    return memory;
  }
  var Store = {};
  ['all', 'get', 'remove', 'update'].forEach(function (name) {
    Store[name] = function (a, b) {
      if (memory) return memory.then(function (m) { return m[name](a, b); });
      return disk[name](a, b).catch(function (e) {
        if (e && e.bug) throw e.bug;  // our mistake, not the phone's storage
        return toMemory().then(function (m) { return m[name](a, b); });
      });
    };
  });
  return Store;
})();
Sawt.Store = Store;
