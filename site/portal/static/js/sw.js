// Sawt service worker for one language (scope /<lang>/), rendered at build time.
// The version is a hash of every built file, so any change installs a new worker; old caches of
// this language are deleted on activate. Drafts and queued filings live in IndexedDB, which a new
// worker never touches, so an update cannot lose them.
var VERSION = '__VERSION__', LANG = '__LANG__', PRECACHE = __PRECACHE__;
var PREFIX = 'sawt-' + LANG + '-', CACHE = PREFIX + VERSION, OFFLINE = '/' + LANG + '/offline/';
var HASHED = /\.[0-9a-f]{10}\.\w+$/;

self.addEventListener('install', function (e) {
  e.waitUntil(caches.open(CACHE).then(function (c) { return c.addAll(PRECACHE); }).then(function () {
    return self.skipWaiting();
  }));
});

self.addEventListener('activate', function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf(PREFIX) === 0 && k !== CACHE; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

function keep(req, res) {
  if (res.ok && res.type === 'basic') {
    var copy = res.clone();
    caches.open(CACHE).then(function (c) { c.put(req, copy); });
  }
  return res;
}

function cacheFirst(req) {
  return caches.match(req).then(function (hit) { return hit || fetch(req).then(function (res) { return keep(req, res); }); });
}

// Pages: the network first (a new version shows at once), the cached copy when the network fails
// or hangs (2G "lie-fi"), then the offline page.
function networkFirst(req) {
  var cached = caches.match(req, { ignoreSearch: true });
  var network = fetch(req).then(function (res) { return keep(req, res); });
  var patience = new Promise(function (ok) { setTimeout(ok, 4000); }).then(function () { return cached; });
  return Promise.race([network, patience.then(function (hit) { return hit || network; })])
    .catch(function () {
      return cached.then(function (hit) { return hit || (req.mode === 'navigate' ? caches.match(OFFLINE) : Response.error()); });
    });
}

self.addEventListener('fetch', function (e) {
  var req = e.request, url = new URL(req.url);
  // Never intercept writes (WebKit sends empty bodies when a worker replays a POST), the API or
  // the admin: those always go to the network, and the page handles failures itself.
  if (req.method !== 'GET' || url.origin !== location.origin || /^\/(api|admin)\//.test(url.pathname)) return;
  e.respondWith(HASHED.test(url.pathname) ? cacheFirst(req) : networkFirst(req));
});
