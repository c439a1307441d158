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
// - precache: go-app's files, the knowledge base, the web folder's files
//   and every page of the app. The pages come in one answer, /pages.json
//   (the server's PagesBundlePath): one brotli stream across every page is
//   an eighth of the bytes of each page fetched alone, as they share the
//   frame and the map. Each page is stored as its own answer, with the
//   headers the server gives it, so offline it paints as itself before
//   the WebAssembly starts, as it does online.
// - fetch: same-origin GET only; exact cache match first, then the network,
//   then for navigations the same page without its query string (or with a
//   trailing slash, as static hosts serve it), then the first page, whose
//   WebAssembly draws the page of the address. The live classes' API
//   (/live/) is left to the browser:
//   its answers are one moment of a class, and its event streams must
//   never wait on a cache.
// - on demand: modules that most readers never use (the tour reader, the
//   labs) are not precached. The worker keeps one once the app fetches it
//   or asks the worker to keep it (a message {keep: url}, sent when a page
//   that uses it opens), and a new version fetches again what the old one
//   kept, so what worked offline still does after an update.
const cacheName = "app-" + "{{.Version}}";
const pagesBundle = /*pages-bundle*/"";
const resourcesToCache = {{.ResourcesToCache}};
const onDemand = /*on-demand*/[];

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(keepWhatWasKept).then(() => self.skipWaiting()));
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
    await Promise.all(responses.map(([url, response]) => (url === pagesBundle ? keepPages(cache, response) : cache.put(url, response))));
  } catch (err) {
    // A partial cache must never become the offline copy.
    await caches.delete(cacheName);
    throw err;
  }
}

// keepPages stores each page of the bundle as the answer the server gives
// to a GET of its path.
async function keepPages(cache, bundle) {
  const pages = await bundle.json();
  await Promise.all(pages.map((page) => cache.put(page.path, new Response(page.body, { headers: page.headers }))));
}

// keepWhatWasKept fetches again, into this version's cache, every module
// on demand that an older version had kept. A failure loses only that
// module's offline copy, never the install.
async function keepWhatWasKept() {
  const older = (await caches.keys()).filter((key) => key.startsWith("app-") && key !== cacheName);
  for (const url of onDemand) {
    for (const key of older) {
      if (await (await caches.open(key)).match(url, { ignoreVary: true })) {
        await keep(url).catch(() => {});
        break;
      }
    }
  }
}

// keep puts a module on demand into the cache, fetched afresh.
async function keep(url) {
  const response = await fetch(new Request(url, { cache: "no-cache" }));
  if (!response.ok) {
    throw new Error("keeping " + url + " failed: HTTP " + response.status);
  }
  await (await caches.open(cacheName)).put(url, response);
}

self.addEventListener("message", (event) => {
  const url = event.data && event.data.keep;
  if (onDemand.includes(url)) {
    event.waitUntil(caches.open(cacheName).then((cache) => cache.match(url, { ignoreVary: true })).then((kept) => kept || keep(url)));
  }
});

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
    const response = await fetch(request);
    const url = new URL(request.url);
    if (response.ok && onDemand.includes(url.pathname)) {
      await cache.put(url.pathname, response.clone());
    }
    return response;
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

