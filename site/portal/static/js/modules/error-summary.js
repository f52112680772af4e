// error-summary: move focus to the summary so screen readers read the problems first (GOV.UK).
function focusSummary(box) { box.focus(); box.scrollIntoView(); }
onModule('error-summary', focusSummary);
Sawt.focusSummary = focusSummary;
