// document-pages (in the document chunk): a paper document's pages as the person sees them — each
// page as it will be sent, to take again or remove, more pages added — kept with the draft as one
// file: one page alone, or several joined into one PDF, uploaded once like any document.
(function (S) {
  var D = S.Document, urls = [];

  function find(all, id) { return all.filter(function (f) { return f.id === id; })[0]; }

  function size(n) { return n > 1048576 ? (n / 1048576).toFixed(1) + ' MB' : Math.ceil(n / 1024) + ' KB'; }

  // What a page-made file sends changes with its pages: an earlier upload of other bytes is
  // forgotten (the server sweeps it), so the new bytes are sent, once.
  function apply(f, pages, out) {
    f.pages = pages;
    f.blob = out.blob;
    f.type = out.type;
    f.size = out.blob.size;
    f.name = f.name.replace(/\.(jpe?g|png|webp|hei[cf]|pdf)$/i, '') + out.ext;
    delete f.upload_id;
    delete f.link;
    delete f.busy_since;
  }

  // ctl, from the attach chunk: get(id) (the file as stored), change(fn) (fn edits the stored
  // list of files), problem(message), busy(id, on), max (bytes). edit(pages, made) returns the
  // document's new pages, given the pages made from `sources` (photos); kind, when given, is set too.
  function update(ctl, id, sources, edit, kind) {
    ctl.busy(id, true);
    var next;
    return Promise.all(sources.map(D.page)).then(function (made) {
      return ctl.get(id).then(function (f) {
        next = f && edit((f.pages || []).slice(), stamp(made));
        return next && next.length ? D.join(next) : null;
      });
    }).then(function (out) {
      if (out && out.blob.size > ctl.max) return ctl.problem(S.t('file_too_large'));
      if (!next) return null;
      return ctl.change(function (all) {
        var f = find(all, id);
        if (!f) return;
        if (!out) all.splice(all.indexOf(f), 1);  // its last page removed: the document goes
        else apply(f, next, out);
        if (f && kind) f.kind = kind;
      });
    }).then(function () { ctl.busy(id, false); }, function () {
      ctl.busy(id, false);
      ctl.problem(S.t('unsupported_type'));  // a photo this browser cannot open: kept as it was
      if (kind) ctl.change(function (all) { var f = find(all, id); if (f) f.kind = kind; });
    });
  }

  function stamp(made) { return made.map(function (p) { p.id = S.uuid(); return p; }); }

  // The photo of a file becomes the first page of a document.
  function start(ctl, id, photo, kind) {
    return update(ctl, id, [photo], function (pages, made) { return made; }, kind);
  }

  function pick(multiple, then) {
    var input = S.el('input', { type: 'file', accept: 'image/jpeg,image/png,image/webp' });
    input.multiple = multiple;
    input.addEventListener('change', function () { then(Array.prototype.slice.call(input.files)); });
    input.click();
  }

  // The pages of one document row, drawn from the record (every tab shows the same).
  function show(row, f, ctl) {
    return S.fragment('pages-template').then(function (box) {
      box = box.firstChild;
      S.fragment('page-template').then(function (tpl) {
        var list = S.$('ol', box);
        list.style.listStyle = 'none';  // (each page says its number; the stylesheet has no byte to spare)
        list.style.padding = '0';
        f.pages.forEach(function (p, i) {
          var item = tpl.cloneNode(true).firstChild, img = S.$('img', item), url = URL.createObjectURL(p.jpeg);
          urls.push(url);
          img.src = url;
          img.alt = S.t('page_alt', i + 1);
          img.style.maxWidth = '7rem';
          img.style.border = '1px solid';
          img.style.display = 'block';
          S.$('.page-label', item).textContent = S.t('page_n', i + 1);
          S.$('.page-size', item).textContent = size(f.pages.length > 1 ? p.jpeg.size : f.size);
          S.$('[data-retake]', item).addEventListener('click', function () {
            pick(false, function (files) {
              update(ctl, f.id, files.slice(0, 1), function (pages, made) { pages.splice(i, 1, made[0]); return pages; });
            });
          });
          S.$('[data-remove-page]', item).addEventListener('click', function () {
            update(ctl, f.id, [], function (pages) { pages.splice(i, 1); return pages; });
          });
          list.appendChild(item);
        });
        S.$('[data-add-page]', box).addEventListener('click', function () {
          pick(true, function (files) {
            update(ctl, f.id, files, function (pages, made) { return pages.concat(made); });
          });
        });
        row.insertBefore(box, S.$('progress', row));
      });
    });
  }

  // Before a list is drawn again: the previous thumbnails' memory is given back.
  function release() { urls.splice(0).forEach(function (u) { URL.revokeObjectURL(u); }); }

  S.DocumentPages = { start: start, show: show, release: release };
})(window.Sawt);
