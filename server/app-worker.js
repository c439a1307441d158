// Oversight Explorer's service worker, used as go-app's ServiceWorkerTemplate.
// It replaces go-app's default worker, which installs without waitUntil and so
// can activate, and delete a working offline copy, after a failed precache.
//
// - install: fetch every precached file, revalidated with the server
//   (cache: "no-cache"), so nothing stale is cached and what the page has just
//   downloaded, the WebAssembly above all, comes back as a 304, not a second
//   full download on the first visit; any failure fails the install, so the
//   old version keeps serving.
// - activate: delete older versions. No clients.claim(): every page load
//   after the first is controlled anyway, and claiming the first page makes
//   go-app announce the first install as an update.
// - fetch: same-origin GET only; exact cache match first, then the network,
//   then for navigations the same page without its query string (or with a
//   trailing slash, as static hosts serve it), then the app shell. The live
//   classes' API (/live/) is left to the browser: its answers are one
//   moment of a class, and its event streams must never wait on a cache.
const cacheName = "app-" + "{{.Version}}";
const resourcesToCache = {{.ResourcesToCache}};

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

async function precache() {
  const cache = await caches.open(cacheName);
  try {
    const responses = await Promise.all(
      resourcesToCache.map(async (url) => {
        const response = await fetch(new Request(url, { cache: "no-cache" }));
        if (!response.ok) {
          throw new Error("precaching " + url + " failed: HTTP " + response.status);
        }
        return [url, response];
      })
    );
    await Promise.all(responses.map(([url, response]) => cache.put(url, response)));
  } catch (err) {
    // A partial cache must never become the offline copy.
    await caches.delete(cacheName);
    throw err;
  }
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const keys = await caches.keys();
      await Promise.all(
        keys
          .filter((key) => key.startsWith("app-") && key !== cacheName)
          .map((key) => caches.delete(key))
      );
    })()
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/live/")) {
    return;
  }
  event.respondWith(respond(request));
});

async function respond(request) {
  const cache = await caches.open(cacheName);
  const exact = await cache.match(request, { ignoreVary: true });
  if (exact) {
    return exact;
  }
  try {
    return await fetch(request);
  } catch (err) {
    if (request.mode !== "navigate") {
      throw err;
    }
    const path = new URL(request.url).pathname;
    for (const candidate of [path, path.endsWith("/") ? path.slice(0, -1) : path + "/", "/"]) {
      const page = await cache.match(candidate, { ignoreVary: true });
      if (page) {
        return page;
      }
    }
    throw err;
  }
}
