// grievance-form: one question group per step, only the parts that apply, "check your answers",
// then JSON with an Idempotency-Key. The same form works as a plain post without JavaScript.
var Form = Sawt.Form = {};

Form.value = function (form, name) {
  var fields = $$('[name="' + name + '"]', form);
  for (var i = 0; i < fields.length; i++) {
    var f = fields[i];
    if (f.type === 'radio') { if (f.checked) return f.value; }
    else if (f.type === 'checkbox') return f.checked ? 'true' : 'false';
    else return f.value;
  }
  return '';
};

Form.applyConditions = function (form) {
  $$('[data-show-if]', form).forEach(function (box) {
    var rule = box.getAttribute('data-show-if').split('=');
    box.hidden = Form.value(form, rule[0]) !== rule[1];
  });
};

// The answers as the API wants them: nested objects, member rows as a list, booleans as booleans.
// Hidden parts (a group's members after choosing "myself") are left out, as the person sees them.
Form.collect = function (form) {
  var data = {};
  $$('input,select,textarea', form).forEach(function (f) {
    if (!f.name || f.name.charAt(0) === '_' || f.name === 'lang' || f.closest('[data-show-if][hidden]')) return;
    if (f.type === 'radio' && !f.checked) return;
    var v = f.type === 'checkbox' ? f.checked : f.value.trim();
    if (v === 'true') v = true; else if (v === 'false') v = false;
    if (v === '') return;
    var parts = f.name.split('.'), node = data;
    for (var i = 0; i < parts.length - 1; i++) node = node[parts[i]] = node[parts[i]] || {};
    node[parts[parts.length - 1]] = v;
  });
  if (data.members) {
    data.members = Object.keys(data.members).sort(function (a, b) { return a - b; })
      .map(function (k) { return data.members[k]; });
    if (!data.members.length) delete data.members;
  }
  return data;
};

// The errors' code is a chunk: fetched when there is an error to show or one shown to clear.
Form.showErrors = function (form, errors) {
  if (!errors.length && !$('.error-summary,.has-error', form.parentNode)) return Promise.resolve();
  return need('errors').then(function () {
    Sawt.showErrors(form, errors, function (target) { Form.reveal(form, target); });
  });
};

// Show the step holding an element (links in the error summary, "change" links).
Form.reveal = function (form, target) {
  var step = target && target.closest('fieldset.step');
  if (step) Form.show(form, step, true);
};

// Steps with something to answer, given the answers so far (a person alone has no "group" step).
Form.steps = function (form) {
  return $$('fieldset.step', form).filter(function (s) {
    return $$('.field,fieldset.members', s).some(function (n) { return !n.closest('[data-show-if][hidden]'); });
  });
};

// step: a fieldset, or null for "check your answers". Each one shown is a history entry
// (replaced, not added, when it is the one already there or when it comes from Back).
Form.show = function (form, step, quiet, fromHistory) {
  var steps = Form.steps(form), at = steps.indexOf(step), id = step ? step.getAttribute('data-step') : 'review';
  if (!fromHistory) {
    var same = history.state && history.state.step === id;
    history[same || form.current === undefined ? 'replaceState' : 'pushState']({ step: id }, '');
  }
  form.current = step;
  $$('fieldset.step', form).forEach(function (s) { s.hidden = s !== step; });
  var review = $('.review', form);
  if (review) review.hidden = !!step;
  $('.progress', form).textContent = step ? t('step', at + 1).replace('%(total)s', steps.length) : '';
  if (step) {
    $('button.primary', step).textContent = t(at === steps.length - 1 ? 'check' : 'continue');
    $('button.secondary[data-go]', step).hidden = at === 0;
  }
  if (!quiet) {
    var heading = step ? $('h2', step) : $('.review h2', form);
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
};

onModule('grievance-form', function (form) {
  var steps = $$('fieldset.step', form);
  form.classList.add('stepped');
  form.insertBefore(el('p', { 'class': 'progress', 'aria-live': 'polite' }), form.firstChild);
  $('.actions', form).hidden = true;
  $$('p.when', form).forEach(function (p) { p.hidden = true; });
  steps.forEach(function (step) {
    var nav = step.appendChild(el('div', { 'class': 'actions' }));
    // Named now, not only when its step shows: a button without words is none to a screen reader.
    nav.appendChild(el('button', { type: 'button', 'class': 'primary', 'data-go': '1' }, t('continue')));
    nav.appendChild(el('button', { type: 'button', 'class': 'secondary', 'data-go': '-1' }, t('back')));
  });
  form.addEventListener('change', function () { Form.applyConditions(form); });
  form.addEventListener('click', function (e) {
    if (e.target.hasAttribute && e.target.hasAttribute('data-send-now')) return Outbox.flush(true);
    var go = e.target.getAttribute && e.target.getAttribute('data-go');
    if (!go) return;
    if (+go < 0) return history.back();
    // Continue: this step's answers are checked now, by the server's own rules (the schemas);
    // offline, the step moves on and the server checks when the filing is sent.
    Form.checkStep(form, form.current).then(function (ok) {
      if (!ok) return;
      var visible = Form.steps(form), next = visible[visible.indexOf(form.current) + 1];
      if (next && !form.backToReview) Form.show(form, next); else Form.check(form);
    });
  });
  // Each step is a history entry: Back goes to the previous step, never out of the form.
  window.addEventListener('popstate', function (e) {
    var id = e.state && e.state.step;
    if (id === undefined || !form.isConnected) return;
    form.backToReview = false;
    if (id === 'review') return Form.check(form);
    if ($('#step-' + id, form)) Form.show(form, $('#step-' + id, form), false, true);
  });
  // Enter in a text field never sends the filing (browsers submit forms on Enter): only the
  // button under "check your answers" does.
  form.addEventListener('keydown', function (e) { if (e.key === 'Enter' && e.target.tagName === 'INPUT') e.preventDefault(); });
  form.addEventListener('submit', function (e) { e.preventDefault(); if (!form.current) Form.send(form); });
  // Answers pre-set by the self-check (?type=complaint&category=taxes, or &region=abroad): codes, never personal data.
  location.search.slice(1).split('&').forEach(function (pair) {
    var kv = pair.split('='), field = kv[0] && $$('[name="' + kv[0] + '"]', form).filter(function (f) {
      return f.type !== 'radio' || f.value === decodeURIComponent(kv[1]);
    })[0];
    if (!field || ['type', 'category', 'region'].indexOf(kv[0]) < 0) return;
    if (field.type === 'radio') field.checked = true; else field.value = decodeURIComponent(kv[1]);
  });
  Form.applyConditions(form);
  Form.show(form, steps[0], true);
  form.key = uuid();
  var sent = /[?&]receipt=([\w-]+)/.exec(location.search);
  if (sent) Store.get(sent[1]).then(function (rec) {
    if (rec && rec.state === 'sent') { form.key = rec.id; Form.receipt(form, rec.receipt); }
  });
});

// Ask the server to check the answers before the review (one source of rules: the schemas).
// Offline, go straight to the review: the server checks when the filing is sent.
// The review and the receipt come in a chunk (fetched at this point, cached for offline use); if
// it cannot be had, the filing goes without the review rather than not at all.
Form.review = function (form) {
  Promise.all([need('finish'), need('errors')]).then(function () { return Form.reviewNow(form); }).catch(function () { Form.send(form); });
};
Form.receipt = function (form, body) {
  need('finish').then(function () { return Form.receiptNow(form, body); })
    .catch(function () { location.href = '/' + LANG + '/my-filings/'; });
};

// The errors of one step (a group's error lands on its first field); resolves whether it may move on.
Form.checkStep = function (form, step) {
  var data = Form.collect(form);
  // A part left empty is still sent as a part, so each of its fields says what it needs.
  $$('[name*="."]', step).forEach(function (f) {
    var head = f.name.split('.')[0];
    if (head !== 'members' && !f.closest('[data-show-if][hidden]')) data[head] = data[head] || {};
  });
  return postJSON('/api/grievances/check', data).then(function (r) {
    var mine = r.status !== 422 ? [] : (r.body.errors || []).filter(function (e) {
      var id = 'f-' + (e.field || '').replace(/[._]/g, '-'), node = document.getElementById(id) || $('[id^="' + id + '-"]', step);
      if (node && node.closest('fieldset.step') === step) { e.field = node.id.slice(2); return true; }
    });
    Form.showErrors(form, mine);
    return !mine.length;
  }, function () { return true; });
};

Form.check = function (form) {
  form.backToReview = false;
  postJSON('/api/grievances/check', Form.collect(form)).then(function (r) {
    if (r.status === 422) return Form.showErrors(form, r.body.errors || []);
    Form.showErrors(form, []);
    Form.review(form);
  }, function () { Form.review(form); });
};

// Sending: first onto the phone (queued), then through the outbox. Whatever the network does,
// the filing is either sent, or waiting on the phone and shown as such — never lost.
Form.send = function (form) {
  var payload = Form.collect(form), values = Form.raw(form), id = form.key;
  // The grievance keeps the language of the page it was written on, whichever page sends it.
  payload.complainant = payload.complainant || {};
  payload.complainant.language = payload.complainant.language || LANG;
  Form.sendable(form, false);
  Store.update(id, function (rec) {
    if (rec.state !== 'draft' && rec.state !== 'attention') return null;  // queued or sent already, in another tab
    rec.state = 'queued'; rec.payload = payload; rec.values = values; rec.subject = values.subject; rec.lang = LANG;
    rec.attempts = 0; delete rec.next_try; delete rec.errors; delete rec.why;
    return rec;
  }).then(function () { return Store.get(id); }).then(function (rec) {
    if (rec.state === 'sent') return Form.receipt(form, rec.receipt);
    Outbox.emit(id, 'queued', rec);
    Outbox.flush(true);
  });
};

Form.sendable = function (form, yes) {
  var button = $('.review button[type=submit]', form);
  if (button) button.disabled = !yes;
};

Form.status = function (form, state, body) {
  if (Form.statusNow && $('.review', form)) return Form.statusNow(form, state, body);
  // Without the review (its chunk could not be had), the state still shows, at the form's end.
  var p = $('.sending p', form) || form.appendChild(el('div', { 'class': 'sending notice' })).appendChild(el('p', { role: 'status' }));
  p.parentNode.hidden = false;
  announce(p.textContent = Outbox.said(body, state));
};

document.addEventListener('sawt:filing', function (e) {
  var form = $('#grievance-form'), d = e.detail;
  if (!form || d.id !== form.key) return;
  if (d.state === 'sent') return Form.receipt(form, d.body);
  form.locked = d.state === 'queued' || d.state === 'sending';
  if (!form.locked) {
    if ($('.sending', form)) $('.sending', form).hidden = true;
    Form.sendable(form, true);
    if (d.far) need('restore').then(function () { Form.sync(form); });  // changed in another tab
    if (d.state === 'attention') Form.showErrors(form, (d.body && d.body.errors) || []);
    return;
  }
  Form.status(form, d.state, d.body);
});
