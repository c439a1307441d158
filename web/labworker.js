// The labs' Web Worker: runs web/labs.wasm (cmd/labworker) off the page's
// main thread. The app starts it when a lab's page opens. Every file comes
// from this origin: Go's glue (/wasm_exec.js, served by go-app) and the
// WebAssembly. Messages that arrive before the WebAssembly has started wait
// here, and are handed over once it has (oversightLabsStarted). If it cannot
// start, or its program stops, the page is told [0, "", why].
importScripts("/wasm_exec.js");

const waiting = [];
self.onmessage = (event) => waiting.push(event.data);

self.oversightLabsStarted = (handle) => {
  self.onmessage = (event) => handle(event.data);
  for (const message of waiting.splice(0)) {
    handle(message);
  }
};

const go = new Go();
WebAssembly.instantiateStreaming(fetch("/web/labs.wasm"), go.importObject).then(
  (loaded) => go.run(loaded.instance).then(() => self.postMessage([0, "", "its program stopped"])),
  (err) => self.postMessage([0, "", "its WebAssembly did not load (" + err + ")"])
);
