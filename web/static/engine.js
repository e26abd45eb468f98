// engine.js runs engine.wasm in a Web Worker. The page posts proto requests as JSON strings;
// each is answered with a JSON string once the engine has started.
"use strict";
importScripts("wasm_exec.js");

const queue = [];
let ready = false;

function answer(text) {
  postMessage(self.failwrightEngine(text));
}

onmessage = function (e) {
  if (ready) {
    answer(e.data);
  } else {
    queue.push(e.data);
  }
};

(async function () {
  const resp = await fetch("engine.wasm");
  if (!resp.ok) throw new Error("engine.wasm: HTTP " + resp.status);
  const go = new Go();
  const { instance } = await WebAssembly.instantiate(await resp.arrayBuffer(), go.importObject);
  go.run(instance); // returns once main blocks, with failwrightEngine installed
  ready = true;
  for (const text of queue.splice(0)) answer(text);
})().catch(function (err) {
  postMessage(JSON.stringify({ id: -1, error: "the engine worker could not start: " + err }));
});
