// attach (a chunk, loaded on demand): photos made small on the phone, documents kept with the
// draft in IndexedDB, then uploaded one by one straight to storage, each verified by the server.
(function (S) {
  var $ = S.$, el = S.el, t = S.t, Store = S.Store, EDGE = 1600, TARGET = 500 * 1024, MAX = 10485760, FILES = 10;
  var PHOTO = /^image\/(jpeg|png|webp)$/, ALLOWED = /^(image\/(jpeg|png|webp|hei[cf])|application\/pdf)$/;
  // Paper: a photo of one of these is sent in document mode (the document chunk).
  var PAPER = /^(correspondence|decision|identity_document|procuration)$/, originals = {}, paper;

  function typeOf(file) {
    // Some phones give HEIC photos no type at all.
    return file.type || (/\.hei[cf]$/i.test(file.name) ? 'image/heic' : /\.pdf$/i.test(file.name) ? 'application/pdf' : '');
  }

  // Long edge 1600 px, JPEG: a 12-megapixel photo of a document becomes a few hundred kilobytes.
  // Drawing through a canvas also drops the metadata (location included) the camera wrote.
  function shrink(file) {
    if (!PHOTO.test(typeOf(file)) || !window.createImageBitmap) return Promise.resolve(file);
    return createImageBitmap(file, { imageOrientation: 'from-image' }).then(function (img) {
      var scale = Math.min(1, EDGE / Math.max(img.width, img.height));
      var canvas = el('canvas');
      canvas.width = Math.round(img.width * scale);
      canvas.height = Math.round(img.height * scale);
      canvas.getContext('2d').drawImage(img, 0, 0, canvas.width, canvas.height);
      function encode(quality) {
        return new Promise(function (ok) { canvas.toBlob(ok, 'image/jpeg', quality); }).then(function (blob) {
          return blob.size > TARGET && quality > 0.5 ? encode(quality - 0.15) : blob;
        });
      }
      return encode(0.82);
    }, function () { return file; });
  }

  function size(n) { return n > 1048576 ? (n / 1048576).toFixed(1) + ' MB' : Math.ceil(n / 1024) + ' KB'; }

  var rowTemplate;
  function render(form, files) {
    rowTemplate = rowTemplate || S.fragment('file-template');
    return rowTemplate.then(function (tpl) { rows(form, files, tpl); });
  }

  function rows(form, files, tpl) {
    var list = $('[data-module=attach] .files', form);
    list.textContent = '';
    if (S.DocumentPages) S.DocumentPages.release();
    // Voice recordings travel with the documents but are shown by the recorder (recorder.js).
    files.filter(function (f) { return f.kind !== 'voice'; }).forEach(function (f) {
      var row = tpl.cloneNode(true).firstChild;
      row.setAttribute('data-file', f.id);
      $('.file-name', row).textContent = f.name;
      $('.file-size', row).textContent = size(f.size);
      var kind = $('select', row);
      kind.value = f.kind;
      var photo = PHOTO.test(f.type) && !f.pages, toPaper = $('[data-paper]', row);
      kind.addEventListener('change', function () {
        if (photo && PAPER.test(kind.value)) paperMode(form, f, kind.value);
        else change(form, function (all) { find(all, f.id).kind = kind.value; });
      });
      toPaper.hidden = !photo;
      toPaper.addEventListener('click', function () { paperMode(form, f, null); });
      if (f.pages) documents().then(function (pages) { pages.show(row, f, control(form)); });
      $('[data-remove]', row).addEventListener('click', function () {
        change(form, function (all) { all.splice(all.indexOf(find(all, f.id)), 1); });
      });
      if (f.upload_id) { $('.file-state', row).textContent = t('uploaded'); }
      list.appendChild(row);
    });
  }

  // The document chunk: its address comes with the fragments (the page itself has no byte to spare).
  function documents() {
    return paper || (paper = S.fragment('pages-template').then(function (node) {
      return new Promise(function (ok, ko) {
        var s = el('script', { src: node.firstChild.getAttribute('data-chunk') });
        s.onload = function () { ok(S.DocumentPages); };
        s.onerror = function () { paper = null; s.remove(); ko(new Error('chunk')); };
        document.head.appendChild(s);
      });
    }));
  }

  // The photo as taken when it is still in memory (this visit), else the copy kept with the draft.
  function paperMode(form, f, kind) {
    documents().then(function (pages) { pages.start(control(form), f.id, originals[f.id] || f.blob, kind); }, function () {
      problem(form, t('not_prepared'));  // the photo stays as it is, of the kind chosen
      if (kind) change(form, function (all) { find(all, f.id).kind = kind; });
    });
  }

  function problem(form, message) {
    S.need('errors').then(function () { S.showErrors(form, [{ field: 'attachments', message: message }]); });
  }

  function control(form) {
    return {
      max: MAX,
      get: function (id) { return Store.get(form.key).then(function (rec) { return rec && find(rec.files || [], id); }); },
      change: function (fn) { return change(form, fn); },
      problem: function (message) { problem(form, message); },
      busy: function (id, on) {
        var row = document.querySelector('[data-file="' + id + '"]');
        if (row) $('.file-state', row).textContent = on ? t('preparing') : '';
      }
    };
  }

  function find(all, id) { return all.filter(function (f) { return f.id === id; })[0]; }

  function change(form, fn) {
    return Store.update(form.key, function (rec) {
      if (rec.state !== 'draft' && rec.state !== 'attention') return null;  // queued or sent: frozen
      rec.files = rec.files || [];
      fn(rec.files);
      return rec;
    }).then(function () { return Store.get(form.key); }).then(function (rec) {
      render(form, rec.files || []);
      S.Outbox.tell({ id: form.key, state: rec.state });  // the other tabs show the same documents
    });
  }

  function shrunk(file, problems) {
    if (!ALLOWED.test(typeOf(file))) { problems.push(t('unsupported_type')); return null; }
    return shrink(file).then(function (blob) {
      if (blob.size > MAX) { problems.push(t('file_too_large')); return null; }
      var name = file.name.replace(/\.(jpe?g|png|webp)$/i, '') + (blob === file ? '' : '.jpg'), id = S.uuid();
      originals[id] = file;
      return { id: id, name: blob === file ? file.name : name, kind: 'other', type: blob === file ? typeOf(file) : 'image/jpeg', size: blob.size, blob: blob };
    });
  }

  function add(form, picked) {
    var problems = [];
    rowTemplate = rowTemplate || S.fragment('file-template');  // (the fragments bring the words used here)
    return rowTemplate.then(function () {
      return Promise.all(picked.map(function (file) { return shrunk(file, problems); }));
    }).then(function (files) {
      return change(form, function (all) {
        files.forEach(function (f) { if (f && all.length < FILES) all.push(f); else if (f) problems.push(t('too_many_files')); });
      });
    }).then(function () {
      S.need('errors').then(function () { S.showErrors(form, problems.length ? [{ field: 'attachments', message: problems[0] }] : []); });
      if (!problems.length) S.announce(t('added'));
    });
  }

  // Sends one file's bytes with progress, with a deadline sized to it; resolves when storage
  // answered (whatever it says: the verification that follows is the proof), rejects on a cut.
  function put(link, file, onProgress) {
    return new Promise(function (ok, ko) {
      var data = new FormData(), xhr = new XMLHttpRequest(), w = S.wire(function () { xhr.abort(); });
      for (var k in link.fields) data.append(k, link.fields[k]);
      data.append('file', file.blob, file.name);
      xhr.open('POST', link.url);
      xhr.timeout = S.patience(file.size);
      xhr.upload.onprogress = function (e) { w.at = Date.now(); if (e.lengthComputable) onProgress(e.loaded, e.total); };
      xhr.onload = function () {
        S.unwire(w);
        // Storage answers 204 with no body; a sign-in page in its place is a captive portal.
        if (xhr.responseText && /html/.test(xhr.getResponseHeader('Content-Type'))) ko(Object.assign(new Error('portal'), { portal: true }));
        else ok();
      };
      xhr.onerror = xhr.onabort = xhr.ontimeout = function () { S.unwire(w); ko(new Error('network')); };
      xhr.send(data);
    });
  }

  function named(file, errors) {
    return (errors || []).map(function (e) { return { field: 'attachments', message: file.name + ' — ' + e.message }; });
  }
  // An API refusal names the file; a busy server is tried again later.
  function refusal(r, file) {
    return r.status >= 500 || r.status === 429 || r.status === 408 ? new Error(r.status) : { errors: named(file, r.body.errors) };
  }

  function progress(id, file, loaded, total) {
    document.dispatchEvent(new CustomEvent('sawt:progress', { detail: { id: id, file: file, loaded: loaded, total: total } }));
    var row = document.querySelector('[data-file="' + file + '"]');
    if (!row) return;
    var bar = $('progress', row);
    bar.hidden = false;
    bar.value = Math.round(100 * loaded / total);
    $('.file-state', row).textContent = loaded >= total ? t('uploaded') : t('uploading');
  }

  // Changes one file of the record in the store, where every tab reads it.
  function keep(rec, file, change) {
    return Store.update(rec.id, function (cur) {
      var f = find(cur.files || [], file.id);
      if (!f) return null;
      change(f);
      return cur;
    });
  }

  // The upload's id once the server has verified its bytes; null when they are not there (they
  // never arrived, or were swept), so the file is sent again from the copy kept on the phone.
  function verify(rec, uploadId, file) {
    return S.postJSON('/api/uploads/' + uploadId + '/verify', {}).then(function (v) {
      var b = v.body, code = ((b.errors || [])[0] || {}).code;
      if (v.status === 200 && b.ok && b.upload_id === uploadId && /^(verified|attached)$/.test(b.status)) return uploadId;
      if (code === 'file_missing' || code === 'not_found') return null;
      if (v.status === 409 && code === 'upload_in_progress') return stalled(rec, file);
      throw refusal(v, file);
    });
  }
  // Another request is checking these bytes — or died doing it. Wait; after two minutes send them
  // again under a new link rather than wait days for the server's sweep.
  function stalled(rec, file) {
    var now = Date.now(), since = file.busy_since;
    if (since && now - since > 120000) return null;
    return keep(rec, file, function (f) { if (!f.busy_since || f.busy_since > now) f.busy_since = now; })
      .then(function () { throw new Error('busy'); });
  }

  function link(rec, file) {
    var meta = { filing: rec.id, kind: file.kind, type: file.type, size: file.size, name: file.name };
    return S.postJSON('/api/uploads', meta).then(function (r) {
      var b = r.body;
      if (r.status !== 201 || !b.ok || !b.upload_id || !b.url || !b.fields) throw refusal(r, file);
      var target = { upload_id: b.upload_id, url: b.url, fields: b.fields };
      // Kept before the bytes leave: if the answer is lost, the next try asks the server first.
      return keep(rec, file, function (f) { f.link = target; }).then(function () { return target; });
    });
  }

  function uploadOne(rec, file) {
    var sent = file.link ? verify(rec, file.link.upload_id, file) : Promise.resolve(null);
    return sent.then(function (id) {
      return id || link(rec, file).then(function (target) {
        return put(target, file, function (l, tot) { progress(rec.id, file.id, l, tot); })
          .then(function () { return verify(rec, target.upload_id, file); });
      });
    }).then(function (id) {
      // Not there after sending: a new link next time, never a loop on a dead one.
      if (!id) return keep(rec, file, function (f) { delete f.link; delete f.busy_since; }).then(function () { throw new Error('missing'); });
      progress(rec.id, file.id, 1, 1);
      return keep(rec, file, function (f) { f.upload_id = id; delete f.link; delete f.busy_since; }).then(function () { return id; });
    });
  }

  // Every file of a filing, uploaded and verified in turn. A verified file is never sent again:
  // its id is kept on the record, for every tab, so a cut costs only the file it cut. Resolves
  // with the upload ids; rejects with {errors} (a file refused) or an Error (try again later).
  function uploadAll(rec) {
    var ids = [];
    return (rec.files || []).reduce(function (p, f) {
      return p.then(function () { return f.upload_id || uploadOne(rec, f); }).then(function (id) { ids.push(id); });
    }, Promise.resolve()).then(function () { return ids; });
  }

  S.Attach = { add: add, render: render, uploadAll: uploadAll, shrink: shrink };
})(window.Sawt);
