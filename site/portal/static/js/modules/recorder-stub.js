// recorder-stub: recording needs the script; the recorder comes with the documents' chunk
// (recorder.js inside attach.js) when the person taps the button, and says so if the phone has
// no way to record.
onModule('voice', function (b) {
  b.hidden = false;
  b.onclick = function () { need('attach').then(function () { Sawt.Recorder(b); }); };
});
