// Compiles the app's WebAssembly off the page's main thread and posts the
// module back: go-app's app.js (third_party/go-app, gen/app.js) starts this
// worker from beside the WebAssembly, and instantiates and runs what it
// gets. Decoding the 8 MB of code as it arrives otherwise holds the page's
// main thread for most of a second on a phone. On the way, the share of
// the download done, for the page's progress label; before the module
// goes, the program is started here (startGoOnce), and after, it rehearses
// the page's start.
self.onmessage = async ({ data }) => {
  try {
    const download = fetch(data.url);
    // Go's wasm_exec.js, which the page has loaded already, is read while
    // the WebAssembly downloads.
    const canStartGo = loadGoSupport(data.wasmExec);
    const response = await download;
    if (!response.ok) {
      throw new Error(`HTTP ${response.status} for ${data.url}`);
    }
    // The response is compiled as it streams in; a copy of its body is
    // only counted. Chromium keeps no machine code for a module a worker
    // compiles (measured: after a restart, 1,606 functions were compiled
    // again on the page's main thread as they were first called). It keeps
    // the code of a module the page compiles itself, which cut a repeat
    // visit after a restart from 1.28 s to 1.07 s; but the page then
    // decodes the 8 MB on its main thread, in tasks of 80 to 140 ms on a
    // laptop, four times that on a phone: what this worker is for.
    const compiled = WebAssembly.compileStreaming(response.clone());
    countProgress(response, data);
    const module = await compiled;
    // Posted once, before anything else the program says: the page ends
    // this worker when it hears the rehearsal is over.
    let posted = false;
    const postModule = (startedGo) => {
      if (!posted) {
        posted = true;
        self.postMessage({ module, startedGo });
      }
    };
    if (canStartGo) {
      await startGoOnce(module, data.page, () => postModule(true));
    }
    postModule(false);
  } catch (err) {
    self.postMessage({ error: String(err) });
  }
};

function loadGoSupport(wasmExec) {
  if (!wasmExec) {
    return false;
  }
  try {
    importScripts(wasmExec);
    return typeof Go === "function";
  } catch (err) {
    return false;
  }
}

// startGoOnce starts the program here, before the page does. V8 compiles
// each function on its first call, on the thread that calls it, and the
// page's module shares this one's code: so Go's runtime and package
// initialisation, which the page then runs in a task that cannot give the
// main thread back, find their 500-odd functions compiled (in one trace,
// the page's instantiation to main went from 165 ms to 60 ms). Here main
// finds no document: it calls oversightPostModule, which calls started,
// and then, while the page starts, it decodes the knowledge and renders
// the page at oversightPagePath as the page is about to, and calls
// oversightRehearsed (cmd/oversight/rehearsal_wasm.go). The promise
// settles when the program has called started, has exited, or has done
// neither after startGoLimit; a page given the module without started
// being called starts the program as before.
async function startGoOnce(module, page, started) {
  try {
    const go = new Go();
    self.oversightPagePath = page;
    self.oversightRehearsed = (error) => self.postMessage({ rehearsed: true, error });
    const instance = await WebAssembly.instantiate(module, go.importObject);
    await new Promise((settle) => {
      self.oversightPostModule = () => {
        started();
        settle();
      };
      setTimeout(settle, startGoLimit);
      go.run(instance).then(settle, settle);
    });
  } catch (err) {
    // The page starts the program as before.
  }
}

// startGoLimit is the longest the page waits for the program to reach
// main here, in ms: fifteen times what it took in a trace on a laptop
// (130 ms).
const startGoLimit = 2000;

async function countProgress(response, { contentLength, contentLengthHeader }) {
  const total = contentLength ||
    parseInt(contentLengthHeader && response.headers.get(contentLengthHeader), 10) ||
    parseInt(response.headers.get("Content-Length"), 10);
  if (!total || !response.body) {
    return;
  }
  const reader = response.body.getReader();
  let loaded = 0;
  let shown = -1;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    loaded += value.byteLength;
    const percent = Math.min(100, Math.round((loaded * 100) / total));
    if (percent !== shown) {
      shown = percent;
      self.postMessage({ progress: percent });
    }
  }
}
