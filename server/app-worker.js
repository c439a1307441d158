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
//   and every page of the app. The pages come in two answers made together
//   (the server's PagesIndexPath and PagesBodiesPath): an index of each
//   page's path, headers and length, and the bodies one after another. One
//   brotli stream across every page is an eighth of the bytes of each page
//   fetched alone, as they share the frame and the map. Both are stored as
//   they come, with no work on the pages; a page is answered as a slice of
//   the stored bodies (no copy) with the headers the server gives it, so
//   offline it paints as itself before the WebAssembly starts, as it does
//   online.
// - fetch: same-origin GET only; exact cache match first, then a stored
//   page, then the network, then for navigations the same page without its
//   query string (or with a trailing slash, as static hosts serve it), then
//   the first page, whose WebAssembly draws the page of the address. The
//   live classes' API (/live/) is left to the browser: its answers are one
//   moment of a class, and its event streams must never wait on a cache.
// - on demand: modules that most readers never use (the tour reader, the
//   labs) are not precached. The worker keeps one once the app fetches it
//   or asks the worker to keep it (a message {keep: url}, sent when a page
//   that uses it opens), and a new version fetches again what the old one
//   kept, so what worked offline still does after an update.
const cacheName = "app-" + "{{.Version}}";
const pagesIndex = /*pages-index*/"";
const pagesBodies = /*pages-bodies*/"";
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
    await Promise.all(responses.map(([url, response]) => cache.put(url, response)));
    await checkStoredPages(cache);
  } catch (err) {
    // A partial cache must never become the offline copy.
    await caches.delete(cacheName);
    throw err;
  }
}

// checkStoredPages makes sure the stored bodies are as long as the index
// says: a page sliced from bodies that do not match would be another
// page's bytes.
async function checkStoredPages(cache) {
  const pages = await readPageIndex(cache);
  const bodies = await cache.match(pagesBodies);
  const size = bodies ? (await bodies.blob()).size : -1;
  const indexed = pages.size ? Math.max(...Array.from(pages.values(), (page) => page.end)) : 0;
  if (size !== indexed) {
    throw new Error("the pages' bodies are " + size + " bytes, their index says " + indexed);
  }
}

// pageIndex is the stored pages' index, read once in the worker's life
// (an empty one is read again: the cache may not hold it yet).
let pageIndex;

// storedPage answers a GET of path with its stored page, or undefined.
async function storedPage(cache, path) {
  if (!pageIndex) {
    pageIndex = readPageIndex(cache);
  }
  const pages = await pageIndex;
  if (pages.size === 0) {
    pageIndex = undefined;
  }
  const page = pages.get(path);
  const bodies = page && (await cache.match(pagesBodies));
  if (!bodies) {
    return undefined;
  }
  return new Response((await bodies.blob()).slice(page.start, page.end), { headers: page.headers });
}

// readPageIndex maps each stored page's path to its headers and where its
// body lies among the bodies, in bytes.
async function readPageIndex(cache) {
  const index = await cache.match(pagesIndex);
  const pages = new Map();
  let start = 0;
  for (const page of index ? await index.json() : []) {
    pages.set(page.path, { headers: page.headers, start, end: start + page.length });
    start += page.length;
  }
  return pages;
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
  const url = new URL(request.url);
  const kept = (await cache.match(request, { ignoreVary: true })) || (url.search === "" && (await storedPage(cache, url.pathname)));
  if (kept) {
    return kept;
  }
  try {
    const response = await fetch(request);
    if (response.ok && onDemand.includes(url.pathname)) {
      await cache.put(url.pathname, response.clone());
    }
    return response;
  } catch (err) {
    if (request.mode !== "navigate") {
      throw err;
    }
    const path = url.pathname;
    for (const candidate of [path, path.endsWith("/") ? path.slice(0, -1) : path + "/", "/"]) {
      const page = (await cache.match(candidate, { ignoreVary: true })) || (await storedPage(cache, candidate));
      if (page) {
        return page;
      }
    }
    throw err;
  }
}

