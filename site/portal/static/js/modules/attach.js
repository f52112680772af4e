// attach (a chunk, loaded on demand): photos made small on the phone, documents kept with the
// draft in IndexedDB, then uploaded one by one straight to storage, each verified by the server.
(function (S) {
  var $ = S.$, el = S.el, t = S.t, Store = S.Store, EDGE = 1600, TARGET = 500 * 1024, MAX = 10485760, FILES = 10;
  var PHOTO = /^image\/(jpeg|png|webp)$/, ALLOWED = /^(image\/(jpeg|png|webp|hei[cf])|application\/pdf)$/;

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
    files.forEach(function (f) {
      var row = tpl.cloneNode(true).firstChild;
      row.setAttribute('data-file', f.id);
      $('.file-name', row).textContent = f.name;
      $('.file-size', row).textContent = size(f.size);
      var kind = $('select', row);
      kind.value = f.kind;
      kind.addEventListener('change', function () { change(form, function (all) { find(all, f.id).kind = kind.value; }); });
      $('button', row).addEventListener('click', function () {
        change(form, function (all) { all.splice(all.indexOf(find(all, f.id)), 1); });
      });
      if (f.upload_id) { $('.file-state', row).textContent = t('uploaded'); }
      list.appendChild(row);
    });
  }

  function find(all, id) { return all.filter(function (f) { return f.id === id; })[0]; }

  function change(form, fn) {
    return Store.update(form.key, function (rec) {
      rec.files = rec.files || [];
      fn(rec.files);
      return rec;
    }).then(function () { return Store.get(form.key); }).then(function (rec) { render(form, rec.files); });
  }

  function add(form, picked) {
    var problems = [];
    Promise.all(picked.map(function (file) {
      if (!ALLOWED.test(typeOf(file))) { problems.push(t('unsupported_type')); return null; }
      return shrink(file).then(function (blob) {
        if (blob.size > MAX) { problems.push(t('file_too_large')); return null; }
        var name = file.name.replace(/\.(jpe?g|png|webp)$/i, '') + (blob === file ? '' : '.jpg');
        return { id: S.uuid(), name: blob === file ? file.name : name, kind: 'other', type: blob === file ? typeOf(file) : 'image/jpeg', size: blob.size, blob: blob };
      });
    })).then(function (files) {
      return change(form, function (all) {
        files.forEach(function (f) { if (f && all.length < FILES) all.push(f); else if (f) problems.push(t('too_many_files')); });
      });
    }).then(function () {
      S.showErrors(form, problems.length ? [{ field: 'attachments', message: problems[0] }] : []);
      if (!problems.length) S.announce(t('added'));
    });
  }

  // Sends one file with progress; resolves with the server's answer, rejects when the network fails.
  function send(target, file, onProgress) {
    return new Promise(function (ok, ko) {
      var data = new FormData(), xhr = new XMLHttpRequest();
      for (var k in target.fields) data.append(k, target.fields[k]);
      data.append('file', file.blob, file.name);
      xhr.open('POST', target.url);
      xhr.upload.onprogress = function (e) { if (e.lengthComputable) onProgress(e.loaded, e.total); };
      xhr.onload = function () { ok(xhr.status); };
      xhr.onerror = xhr.onabort = xhr.ontimeout = function () { ko(new Error('network')); };
      xhr.send(data);
    });
  }

  function named(file, errors) {
    return (errors || []).map(function (e) { return { field: 'attachments', message: file.name + ' — ' + e.message }; });
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

  // Every file of a filing, uploaded and verified in turn. A file already verified is never sent
  // again, so a cut connection costs only the file it cut. Resolves with the upload ids; rejects
  // with {errors} (the server refused a file) or with a network error (try again later).
  function uploadAll(rec) {
    var ids = [];
    return (rec.files || []).reduce(function (p, f) {
      return p.then(function () {
        if (f.upload_id) { ids.push(f.upload_id); return; }
        var meta = { filing: rec.id, kind: f.kind, type: f.type, size: f.size, name: f.name };
        return S.postJSON('/api/uploads', meta).then(function (r) {
          if (r.status !== 201) throw r.status >= 500 || r.status === 429 ? new Error(r.status) : { errors: named(f, r.body.errors) };
          return send(r.body, f, function (l, tot) { progress(rec.id, f.id, l, tot); }).then(function (status) {
            if (status >= 300) throw new Error(status);
            return S.postJSON('/api/uploads/' + r.body.upload_id + '/verify', {});
          }).then(function (v) {
            if (v.status !== 200) throw v.status >= 500 ? new Error(v.status) : { errors: named(f, v.body.errors) };
            progress(rec.id, f.id, 1, 1);
            ids.push(v.body.upload_id);
            return Store.update(rec.id, function (cur) { find(cur.files, f.id).upload_id = v.body.upload_id; return cur; });
          });
        });
      });
    }, Promise.resolve()).then(function () { return ids; });
  }

  S.Attach = { add: add, render: render, uploadAll: uploadAll };
})(window.Sawt);
