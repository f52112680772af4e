// recorder (in the documents' chunk, loaded when "Tell us in your own voice" is tapped): a spoken
// description, recorded small (Opus at 20 kbit/s where the phone has it), kept with the draft in
// IndexedDB and sent with the filing by the documents' own queue (attach.js uploadAll), kind "voice".
(function (S) {
  var $ = S.$, el = S.el, t = S.t, Store = S.Store, MOST = 3, SECONDS = 300, BITS = 20000;
  // The first the phone can write, smallest first; AAC in MP4 where only that exists (Safari).
  var TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm', 'audio/mp4;codecs=mp4a.40.2', 'audio/mp4'];
  var EXT = { 'audio/webm': '.webm', 'audio/ogg': '.ogg', 'audio/mp4': '.m4a' };

  function clock(s) { s = Math.round(s); return Math.floor(s / 60) + ':' + ('0' + s % 60).slice(-2); }
  function voices(rec) { return ((rec && rec.files) || []).filter(function (f) { return f.kind === 'voice'; }); }
  function supported() {
    return TYPES.filter(function (x) { return !MediaRecorder.isTypeSupported || MediaRecorder.isTypeSupported(x); })[0];
  }

  // Changes the draft's files in the store, where every tab and the sender read them.
  function change(form, fn) {
    return Store.update(form.key, function (rec) {
      if (rec.state !== 'draft' && rec.state !== 'attention') return null;  // queued or sent: frozen
      rec.files = rec.files || [];
      fn(rec.files);
      return rec;
    }).then(function () { return Store.get(form.key); }).then(function (rec) {
      S.Outbox.tell({ id: form.key, state: rec.state });
      return rec;
    });
  }

  // field: what the recording tells, the grievance's description or an answer's text (data-field).
  function Panel(button) {
    var form = button.closest('form'), box = this.box = el('div', { 'class': 'recorder' }), self = this;
    var field = this.field = button.getAttribute('data-field') || 'description';
    this.form = form;
    button.hidden = true;
    return S.fragment('recorder-template').then(function (tpl) {
      box.appendChild(tpl);
      [].forEach.call(box.querySelectorAll('[data-for]'), function (p) { if (p.getAttribute('data-for') !== field) p.remove(); });
      button.parentNode.insertBefore(box, button.nextSibling);
      self.start = $('[data-start]', box);
      self.stop = $('[data-stop]', box);
      self.timer = $('[data-timer]', box);
      self.start.onclick = function () { self.record(); };
      self.stop.onclick = function () { self.finish(); };
      return Store.get(form.key);
    }).then(function (rec) { self.show(rec); return self; });
  }

  // ready: "start"; recording: "stop" and the timer; recorded: each recording with its player.
  Panel.prototype.show = function (rec) {
    var list = $('.recordings', this.box), all = voices(rec), self = this;
    this.rec = null;
    list.textContent = '';
    all.forEach(function (f, i) {
      var row = self.rowTpl.cloneNode(true).firstChild, audio = $('audio', row);
      audio.src = URL.createObjectURL(f.blob);
      audio.setAttribute('aria-label', t('rec_name', i + 1));
      $('[data-length]', row).textContent = clock(f.seconds || 0);
      $('[data-again]', row).onclick = function () { self.remove(f.id, true); };
      $('[data-remove]', row).onclick = function () { self.remove(f.id); };
      list.appendChild(row);
    });
    // The written description may be left out when a recording tells it (schemas/grievance.py).
    var flag = $('input[name=' + this.field + '_recorded]', this.form);
    if (all.length && !flag) this.box.appendChild(el('input', { type: 'hidden', name: this.field + '_recorded', value: 'true' }));
    if (!all.length && flag) flag.remove();
    this.start.hidden = all.length >= MOST;
    this.stop.hidden = this.timer.hidden = true;
  };

  Panel.prototype.record = function () {
    var self = this, type, chunks = [];
    if (!window.MediaRecorder || !navigator.mediaDevices || !(type = supported())) return this.said(this.words('rec_unsupported'));
    navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true } }).then(function (stream) {
      var r = self.rec = new MediaRecorder(stream, { mimeType: type, audioBitsPerSecond: BITS }), began = Date.now();
      r.ondataavailable = function (e) { if (e.data.size) chunks.push(e.data); };
      r.onstop = function () {
        stream.getTracks().forEach(function (track) { track.stop(); });
        clearInterval(self.tick);
        self.keep(new Blob(chunks, { type: r.mimeType || type }), (Date.now() - began) / 1000);
      };
      r.start(1000);
      self.start.hidden = true;
      self.stop.hidden = self.timer.hidden = false;
      self.timer.textContent = clock(0);
      self.stop.focus();
      S.announce(t('rec_started'));
      self.tick = setInterval(function () {
        var s = (Date.now() - began) / 1000;
        self.timer.textContent = clock(s);
        if (s >= SECONDS) { self.finish(); S.announce(t('rec_max')); }
      }, 1000);
    }, function () { self.said(self.words('rec_denied')); });
  };

  // Said where the person looks (beside the description) and to screen readers.
  Panel.prototype.said = function (words) {
    var form = this.form, field = this.field;
    S.announce(words);
    S.need('errors').then(function () { S.showErrors(form, [{ field: field, message: words }]); });
  };

  Panel.prototype.words = function (key) { return t(this.field === 'text' ? key + '_answer' : key); };

  Panel.prototype.finish = function () { if (this.rec && this.rec.state !== 'inactive') this.rec.stop(); };

  Panel.prototype.keep = function (blob, seconds) {
    var self = this, type = blob.type.split(';')[0], n = 0;
    change(this.form, function (all) {
      if (voices({ files: all }).length >= MOST) return;
      n = voices({ files: all }).length + 1;
      all.push({ id: S.uuid(), name: 'voice-' + n + (EXT[type] || ''), kind: 'voice', type: type, size: blob.size, blob: blob, seconds: Math.round(seconds) });
    }).then(function (rec) {
      self.show(rec);
      // An answer's "write or record it" is answered now (the grievance form checks at Continue).
      if (self.field === 'text') S.need('errors').then(function () { S.showErrors(self.form, []); });
      S.announce(t('rec_kept', clock(seconds)));
      var play = $('.recordings li:last-child audio', self.box);
      if (play) play.focus();
    });
  };

  // Removes one recording; "record again" then starts a new one in its place.
  Panel.prototype.remove = function (id, again) {
    var self = this;
    change(this.form, function (all) {
      all.splice(all.indexOf(all.filter(function (f) { return f.id === id; })[0]), 1);
    }).then(function (rec) {
      self.show(rec);
      if (again) return self.record();
      S.announce(t('rec_removed'));
      self.start.focus();
    });
  };

  var panels = [];
  S.Recorder = function (button) {
    var i = panels.indexOf(button);
    if (i >= 0) return panels[i + 1];
    var open = S.fragment('recording-template').then(function (row) {
      Panel.prototype.rowTpl = row;
      return new Panel(button);
    });
    panels.push(button, open);
    return open;
  };

  // A draft restored (or changed in another tab) shows its recordings: the documents' list is
  // drawn then, from the same files.
  var render = S.Attach.render;
  S.Attach.render = function (form, files) {
    var button = $('[data-module=voice]', form);
    if (button && (voices({ files: files }).length || panels.indexOf(button) >= 0)) {
      S.Recorder(button).then(function (panel) { return Store.get(form.key).then(function (rec) { panel.show(rec); }); });
    }
    return render(form, files);
  };
})(window.Sawt);
