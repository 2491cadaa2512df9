// Readiness service worker (generated per build by scripts/postbuild.mjs from this template).
// - One cache per build, holding every file of that build (page, wasm, js, css, icons, manifest,
//   bundled checklists and their catalogue), filled at install.
// - The page is network-first, falling back to this build's cached page when offline; hashed
//   assets are cache-first; other files (checklists, catalogue) network-first with cache fallback.
//   So the page and its wasm always come from the same build.
// - A new build waits until the user accepts the update ("update available"); it is never forced.
const BUILD = '__BUILD__';
const FILES = [/* __FILES__ */];
const HASHED = new Set([/* __HASHED__ */]);
const CACHE = `readiness-${BUILD}`;
const scope = () => new URL(self.registration.scope);

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // A hashed file's name is its content, so the copy the page already downloaded (HTTP
      // cache) is this build's: the first visit does not fetch the app a second time. Every
      // other file is fetched afresh.
      cache.addAll(FILES.map((f) => new Request(new URL(f, scope()), { cache: HASHED.has(f) ? 'force-cache' : 'reload' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys
        .filter((k) => k.startsWith('readiness-') && k !== CACHE)
        .map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

async function networkFirst(request, fallbackPath) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && !fallbackPath) cache.put(request, response.clone());
    return response;
  } catch (err) {
    const hit = await cache.match(fallbackPath ? new URL(fallbackPath, scope()) : request, { ignoreSearch: !!fallbackPath });
    if (hit) return hit;
    throw err;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  return hit ?? fetch(request);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const base = scope();
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return;
  const path = url.pathname.slice(base.pathname.length);
  if (request.mode === 'navigate' || path === '' || path === 'index.html') {
    // A page: network first; offline, this build's copy of it (a checklist's static page, or the
    // app's page for any other address), never mixed with another build.
    event.respondWith(networkFirst(request, FILES.includes(path) ? path : 'index.html'));
  } else if (HASHED.has(path)) {
    event.respondWith(cacheFirst(request));
  } else if (FILES.includes(path)) {
    event.respondWith(networkFirst(request));
  }
});
