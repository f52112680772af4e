// chunk-helpers: a module written for a page bundle, run as a chunk, finds the helpers it uses here.
var $ = Sawt.$, $$ = Sawt.$$, el = Sawt.el, t = Sawt.t, focusSummary = Sawt.focusSummary;
