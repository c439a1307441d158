// -----------------------------------------------------------------------------
// go-app
// -----------------------------------------------------------------------------
var goappNav = function () { };

var goappUpdatedBeforeWasmLoaded = false;
var goappOnUpdate = function () {
  goappUpdatedBeforeWasmLoaded = true;
};

var goappAppInstallChangedBeforeWasmLoaded = false;
var goappOnAppInstallChange = function () {
  goappAppInstallChangedBeforeWasmLoaded = true;
};

const goappEnv = {{.Env}};
const goappLoadingLabel = "{{.LoadingLabel}}";
const goappWasmContentLength = "{{.WasmContentLength}}";
const goappWasmContentLengthHeader = "{{.WasmContentLengthHeader}}";

let goappServiceWorkerRegistration;
let deferredPrompt = null;

// Oversight Explorer: the service worker starts once the app has started
// (see goappInitServiceWorkerAfterStart): it precaches the whole app, and
// started at once it would compete with the page's own download on a slow
// link, and then with the app's start-up for the CPU.
goappWatchForUpdate();
goappWatchForInstallable();
goappInitWebAssembly();

// -----------------------------------------------------------------------------
// Service Worker
// -----------------------------------------------------------------------------
async function goappInitServiceWorker() {
  if ("serviceWorker" in navigator) {
    try {
      const registration = await navigator.serviceWorker.register(
        "{{.WorkerJS}}"
      );
      goappServiceWorkerRegistration = registration;
      goappSetupNotifyUpdate(registration);
      goappSetupPushNotification();
    } catch (err) {
      console.error("goapp service worker registration failed: ", err);
    }
  }
}

// Oversight Explorer: the worker's install downloads, decompresses and
// stores the whole app; run while the app starts, it took the CPU from the
// start-up (on 2 cores, medians of 10 first visits: the first page drew in
// 781 ms with it, 504 ms without). So the worker is registered when the
// browser is next idle after the app says it is interactive (its mark
// oversight:interactive), or once the program has ended: a build whose
// start fails still checks for the build that mends it.
function goappInitServiceWorkerAfterStart(exited) {
  let registered = false;
  const register = () => {
    if (registered) {
      return;
    }
    registered = true;
    marks.disconnect();
    if (window.requestIdleCallback) {
      window.requestIdleCallback(goappInitServiceWorker, { timeout: 2000 });
    } else {
      setTimeout(goappInitServiceWorker, 0);
    }
  };
  const marks = new PerformanceObserver((list) => {
    if (list.getEntriesByName("oversight:interactive").length > 0) {
      register();
    }
  });
  marks.observe({ type: "mark", buffered: true });
  exited.then(register, register);
}

// -----------------------------------------------------------------------------
// Update
// -----------------------------------------------------------------------------
function goappWatchForUpdate() {
  window.addEventListener("beforeinstallprompt", (e) => {
    e.preventDefault();
    deferredPrompt = e;
    goappOnAppInstallChange();
  });
}

function goappSetupNotifyUpdate(registration) {
  registration.addEventListener("updatefound", (event) => {
    const newSW = registration.installing;
    newSW.addEventListener("statechange", (event) => {
      if (!navigator.serviceWorker.controller) {
        return;
      }

      switch (newSW.state) {
        case "activated":
          goappOnUpdate();
      }
    });
  });
}

function goappTryUpdate() {
  if (!goappServiceWorkerRegistration) {
    return;
  }
  goappServiceWorkerRegistration.update();
}

// -----------------------------------------------------------------------------
// Install
// -----------------------------------------------------------------------------
function goappWatchForInstallable() {
  window.addEventListener("appinstalled", () => {
    deferredPrompt = null;
    goappOnAppInstallChange();
  });
}

function goappIsAppInstallable() {
  return !goappIsAppInstalled() && (deferredPrompt != null || goappIsAppleBrowser());
}

function goappIsAppInstalled() {
  return navigator.standalone === true ||
    window.matchMedia("(display-mode: standalone)").matches ||
    document.referrer.startsWith('android-app://');
}

function goappIsAppleBrowser() {
  const ua = navigator.userAgent;
  const isIPadOS = /\bMacintosh\b/.test(ua) && navigator.maxTouchPoints > 1;
  const isIOSFamily = /iP(hone|ad|od)/.test(ua) || isIPadOS;
  const isMacSafari =
    /\bMacintosh\b/.test(ua) &&
    /\bSafari\b/.test(ua) &&
    !/\bChrome\b|\bEdg\b|\bOPR\b|\bBrave\b/.test(ua);
  return isIOSFamily || isMacSafari;
}

async function goappShowInstallPrompt() {
  deferredPrompt.prompt();
  await deferredPrompt.userChoice;
  deferredPrompt = null;
}

// -----------------------------------------------------------------------------
// Environment
// -----------------------------------------------------------------------------
function goappGetenv(k) {
  return goappEnv[k];
}

// -----------------------------------------------------------------------------
// Notifications
// -----------------------------------------------------------------------------
function goappSetupPushNotification() {
  navigator.serviceWorker.addEventListener("message", (event) => {
    const msg = event.data.goapp;
    if (!msg) {
      return;
    }

    if (msg.type !== "notification") {
      return;
    }

    goappNav(msg.path);
  });
}

async function goappSubscribePushNotifications(vapIDpublicKey) {
  try {
    const subscription =
      await goappServiceWorkerRegistration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: vapIDpublicKey,
      });
    return JSON.stringify(subscription);
  } catch (err) {
    console.error(err);
    return "";
  }
}

function goappNewNotification(jsonNotification) {
  let notification = JSON.parse(jsonNotification);

  const title = notification.title;
  delete notification.title;

  let path = notification.path;
  if (!path) {
    path = "/";
  }

  if (!("serviceWorker" in navigator) || !goappServiceWorkerRegistration || !goappServiceWorkerRegistration.active) {
    const webNotification = new Notification(title, notification);

    webNotification.onclick = () => {
      goappNav(path);
      webNotification.close();
    };
    return;
  }

  const serviceWorker = goappServiceWorkerRegistration.active;
  serviceWorker.postMessage({
    type: "goapp:notify",
    options: notification,
  });
}

// -----------------------------------------------------------------------------
// Keep Clean Body
// -----------------------------------------------------------------------------
function goappKeepBodyClean() {
  const body = document.body;
  const bodyChildrenCount = body.children.length;

  const mutationObserver = new MutationObserver(function (mutationList) {
    mutationList.forEach((mutation) => {
      switch (mutation.type) {
        case "childList":
          while (body.children.length > bodyChildrenCount) {
            body.removeChild(body.lastChild);
          }
          break;
      }
    });
  });

  mutationObserver.observe(document.body, {
    childList: true,
  });

  return () => mutationObserver.disconnect();
}

// -----------------------------------------------------------------------------
// Oversight Explorer: adopting the prerendered page (adopt.go)
// -----------------------------------------------------------------------------
// Each answers one question about a prerendered node in one call from Go:
// a string read from JavaScript into Go costs two calls and an encoding,
// and asking the DOM attribute by attribute made reading the page cost more
// than drawing it.

// oversightAdoptElement says whether node is the element Go would make:
// 0 when it is not (another tag, a text, no node), 1 when it is with other
// attributes, 2 when its attributes are exactly attrs, the names and values
// joined with NUL ("" for none).
function oversightAdoptElement(node, nodeName, attrs) {
  if (!node || node.nodeName !== nodeName) {
    return 0;
  }
  const want = attrs === "" ? [] : attrs.split("\0");
  if (node.attributes.length !== want.length / 2) {
    return 1;
  }
  for (let i = 0; i < want.length; i += 2) {
    if (node.getAttribute(want[i]) !== want[i + 1]) {
      return 1;
    }
  }
  return 2;
}

// oversightAdoptText makes node, when it is a text, say text, and says
// whether it was one.
function oversightAdoptText(node, text) {
  if (!node || node.nodeType !== Node.TEXT_NODE) {
    return false;
  }
  if (node.nodeValue !== text) {
    node.nodeValue = text;
  }
  return true;
}

// -----------------------------------------------------------------------------
// Web Assembly
// -----------------------------------------------------------------------------
async function goappInitWebAssembly() {
  const loader = document.getElementById("app-wasm-loader");

  if (!goappCanLoadWebAssembly()) {
    loader.remove();
    return;
  }

  let instantiateStreaming = WebAssembly.instantiateStreaming;
  if (!instantiateStreaming) {
    instantiateStreaming = async (resp, importObject) => {
      const source = await (await resp).arrayBuffer();
      return await WebAssembly.instantiate(source, importObject);
    };
  }

  const loaderIcon = document.getElementById("app-wasm-loader-icon");
  const loaderLabel = document.getElementById("app-wasm-loader-label");

  try {
    const showProgress = (progress) => {
      loaderLabel.innerText = goappLoadingLabel.replace("{progress}", progress);
    };
    showProgress(0);

    const go = new Go();
    const module = await oversightCompileInWorker("{{.Wasm}}", showProgress);
    const instance = module
      ? await WebAssembly.instantiate(module, go.importObject)
      : (await instantiateStreaming(
        oversightFetchWasm("{{.Wasm}}", showProgress),
        go.importObject
      )).instance;
    // Oversight Explorer: the instance is made in one task and Go starts
    // in the next, so that a tap waits for one of them, not both.
    await new Promise((resume) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = resume;
      channel.port2.postMessage(null);
    });

    const exited = go.run(instance);
    goappInitServiceWorkerAfterStart(exited);
    loader.remove();
  } catch (err) {
    loaderIcon.className = "goapp-logo";
    loaderLabel.innerText = err;
    console.error("loading wasm failed: ", err);
  }
}

function goappCanLoadWebAssembly() {
  if (
    /bot|googlebot|crawler|spider|robot|crawling/i.test(navigator.userAgent)
  ) {
    return false;
  }

  const urlParams = new URLSearchParams(window.location.search);
  return urlParams.get("wasm") !== "false";
}

// Oversight Explorer: the WebAssembly is compiled in a worker,
// wasmcompile.js beside it, which posts the compiled module back. Compiled
// here, its 8 MB were decoded on the page's main thread as they arrived:
// most of a second on a phone, in which a tap waited. The promise gives
// null when the worker cannot compile it (no such file, a browser that
// cannot post a module), and the page then compiles it as before.
function oversightCompileInWorker(url, progress) {
  return new Promise((resolve) => {
    let worker;
    try {
      worker = new Worker(new URL("wasmcompile.js", new URL(url, location.href)));
    } catch (err) {
      resolve(null);
      return;
    }
    const settle = (module) => {
      worker.terminate();
      resolve(module);
    };
    worker.onmessage = ({ data }) => {
      if (typeof data.progress === "number") {
        progress(data.progress);
        return;
      }
      if (data.rehearsed) {
        if (data.error) {
          console.warn("the compile worker's rehearsal failed: ", data.error);
        } else {
          performance.mark("oversight:worker-rehearsed");
        }
        worker.terminate();
        return;
      }
      if (!data.module) {
        console.warn("compiling the WebAssembly in a worker failed: ", data.error);
        settle(null);
      } else if (data.startedGo) {
        // The worker goes on to rehearse the page's start, and says when
        // it has (wasmcompile.js).
        performance.mark("oversight:go-started-in-worker");
        resolve(data.module);
      } else {
        settle(data.module);
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      settle(null);
    };
    worker.onmessageerror = () => settle(null);
    worker.postMessage({
      url: new URL(url, location.href).href,
      wasmExec: oversightWasmExecURL(),
      page: location.pathname,
      contentLength: parseInt(goappWasmContentLength, 10) || 0,
      contentLengthHeader: goappWasmContentLengthHeader,
    });
  });
}

// Oversight Explorer: the address of Go's wasm_exec.js as the page loaded
// it, for the worker to start the program once itself (wasmcompile.js).
function oversightWasmExecURL() {
  const script = document.querySelector('script[src$="wasm_exec.js"]');
  return script ? script.src : "";
}

// Oversight Explorer: from the service worker's cache, the WebAssembly's own
// response, which lets the browser keep and reuse the machine code it
// compiled last time; over the network, go-app's progress. A response
// rebuilt from a stream to count progress has no URL, and the browser then
// can neither keep nor reuse its compiled code.
function oversightFetchWasm(url, progress) {
  if (navigator.serviceWorker && navigator.serviceWorker.controller) {
    return fetch(url);
  }
  return fetchWithProgress(url, progress);
}

async function fetchWithProgress(url, progess) {
  const response = await fetch(url);

  let contentLength = goappWasmContentLength;
  if (contentLength <= 0) {
    try {
      contentLength = response.headers.get(goappWasmContentLengthHeader);
    } catch { }
    if (!goappWasmContentLengthHeader || !contentLength) {
      contentLength = response.headers.get("Content-Length");
    }
  }

  const total = parseInt(contentLength, 10);
  let loaded = 0;

  const progressHandler = function (loaded, total) {
    progess(Math.round((loaded * 100) / total));
  };

  var res = new Response(
    new ReadableStream(
      {
        async start(controller) {
          var reader = response.body.getReader();
          for (; ;) {
            var { done, value } = await reader.read();

            if (done) {
              progressHandler(total, total);
              break;
            }

            loaded += value.byteLength;
            progressHandler(loaded, total);
            controller.enqueue(value);
          }
          controller.close();
        },
      },
      {
        status: response.status,
        statusText: response.statusText,
      }
    )
  );

  for (var pair of response.headers.entries()) {
    res.headers.set(pair[0], pair[1]);
  }

  return res;
}
