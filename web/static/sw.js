// sw.js is failwright's service worker: it keeps a copy of the app so that the page opens
// without a network. It always asks the network first (so a new build is picked up at once)
// and answers from its copy only when the network fails. /api/* is never cached.
"use strict";
const CACHE = "failwright-app-v2";
const FILES = ["./", "index.html", "vugu-helper.js", "boot.js", "wasm_exec.js", "app.css", "favicon.svg",
  "app.wasm", "engine.js", "engine.wasm"];

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener("fetch", function (event) {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) {
    return;
  }
  event.respondWith(fetch(req).then(function (resp) {
    if (resp.ok) {
      const copy = resp.clone();
      caches.open(CACHE).then((c) => c.put(req, copy));
    }
    return resp;
  }).catch(function () {
    return caches.match(req, { ignoreSearch: true })
      .then((hit) => hit || caches.match("./"))
      .then((hit) => hit || Response.error());
  }));
});
