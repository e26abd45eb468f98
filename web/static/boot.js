// boot.js fetches app.wasm with a progress bar, then starts the Go program, which renders
// the app into #mount and removes the loader.
"use strict";
(function () {
  const bar = document.getElementById("load-progress");
  const label = document.getElementById("load-label");
  const errBox = document.getElementById("load-error");

  function fail(msg) {
    label.textContent = "The app could not start.";
    errBox.textContent = msg;
    errBox.hidden = false;
  }

  async function fetchWithProgress(url) {
    const resp = await fetch(url);
    if (!resp.ok) throw new Error(url + ": HTTP " + resp.status);
    // The server may send the file gzip-compressed: Content-Length is then the compressed
    // size, while the stream yields the unpacked bytes. "make web" writes the unpacked size
    // into the page; fall back to Content-Length when it is missing.
    let total = parseInt(bar.dataset.wasmSize, 10);
    if (!(total > 0)) {
      total = parseInt(resp.headers.get("Content-Length") || "0", 10);
    }
    if (!resp.body || !(total > 0)) {
      return new Uint8Array(await resp.arrayBuffer());
    }
    const reader = resp.body.getReader();
    const chunks = [];
    let got = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      got += value.length;
      bar.value = Math.min(99, Math.floor((got * 100) / total));
    }
    const out = new Uint8Array(got);
    let off = 0;
    for (const c of chunks) { out.set(c, off); off += c.length; }
    return out;
  }

  async function boot() {
    if (typeof WebAssembly !== "object" || typeof Go !== "function") {
      fail("This browser lacks WebAssembly support.");
      return;
    }
    const bytes = await fetchWithProgress("app.wasm");
    label.textContent = "Starting…";
    bar.value = 100;
    const go = new Go();
    const { instance } = await WebAssembly.instantiate(bytes, go.importObject);
    // The page's WebAssembly memory, for the performance figures.
    window.failwrightAppMemory = function () { return instance.exports.mem.buffer.byteLength; };
    go.run(instance).then(function () {
      fail("The engine stopped. Reload the page to start again.");
      document.getElementById("loader").hidden = false;
    });
    registerServiceWorker();
  }

  // Keep a copy of the app for offline use, once the page is idle (never in the way of the
  // first render).
  function registerServiceWorker() {
    if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
    const idle = window.requestIdleCallback || function (f) { setTimeout(f, 1000); };
    idle(function () {
      navigator.serviceWorker.register("sw.js").catch(function (e) {
        console.warn("failwright: no offline copy:", e && e.message ? e.message : e);
      });
    });
  }

  boot().catch(function (e) { fail(String(e && e.message ? e.message : e)); });
})();
