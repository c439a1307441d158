// Compiles the app's WebAssembly off the page's main thread and posts the
// module back: go-app's app.js (third_party/go-app, gen/app.js) starts this
// worker from beside the WebAssembly, and instantiates and runs what it
// gets. Decoding the 8 MB of code as it arrives otherwise holds the page's
// main thread for most of a second on a phone. On the way, the share of
// the download done, for the page's progress label.
self.onmessage = async ({ data }) => {
  try {
    const response = await fetch(data.url);
    if (!response.ok) {
      throw new Error(`HTTP ${response.status} for ${data.url}`);
    }
    // The response itself is compiled, so that the browser can keep the
    // machine code for the next visit (a response rebuilt to count bytes
    // has no URL); a copy of its body is only counted.
    const compiled = WebAssembly.compileStreaming(response.clone());
    countProgress(response, data);
    self.postMessage({ module: await compiled });
  } catch (err) {
    self.postMessage({ error: String(err) });
  }
};

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
