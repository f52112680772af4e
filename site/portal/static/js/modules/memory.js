// memory (a chunk, fetched when this phone cannot keep anything: no IndexedDB, a private window
// refusing it, a full disk): the store's records kept by this page, as long as it stays open.
// Store.volatile then makes every page say so, and offer a download, instead of "saved on this
// phone"; what the disk could still be read for is kept.
(function (S) {
  function copy(r) {
    var c = Object.assign({}, r);
    if (r.files) c.files = r.files.map(function (f) { return Object.assign({}, f); });
    return c;
  }
  S.Memory = function (disk, fresh) {
    var records = {};
    return disk.all().catch(function () { return []; }).then(function (all) {
      all.forEach(function (r) { records[r.id] = r; });
      S.Store.volatile = true;
      document.dispatchEvent(new CustomEvent('sawt:volatile'));
      // Each call answers a copy, and a change is kept only if it returns a record (as on disk).
      function later(fn) { return function (a, b) { return Promise.resolve().then(function () { return fn(a, b); }); }; }
      return {
        all: later(function () { return Object.keys(records).map(function (k) { return copy(records[k]); }).filter(function (r) { return r.state !== 'lock'; }); }),
        get: later(function (id) { return records[id] && copy(records[id]); }),
        remove: later(function (id) { delete records[id]; }),
        update: later(function (id, change) {
          var rec = change(records[id] ? copy(records[id]) : fresh(id));
          if (rec) { rec.updated = Date.now(); records[id] = rec; }
        })
      };
    });
  };
})(window.Sawt);
