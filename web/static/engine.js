// engine.js runs engine.wasm in a Web Worker. The page posts proto requests as JSON strings;
// each is answered with a JSON string once the engine has started.
//
// Long work (a failure analysis) comes in slices: an answer that starts with
// {"id":N,"more":true is posted (progress for the page, unless marked quiet) and the next
// slice is asked for with {"id":N,"op":"continue"} in a later task, so that a
// {"id":N,"op":"cancel"} posted meanwhile is seen between two slices. Nothing here runs on
// the page's thread.
"use strict";
importScripts("wasm_exec.js");

const queue = [];
const running = new Set(); // IDs of sliced work in progress
let ready = false;
let memory = null;

// The engine reads its own memory size from here (progress reports).
self.failwrightEngineMemory = function () {
  return memory ? memory.buffer.byteLength : 0;
};

function more(text, id) {
  return text.startsWith('{"id":' + id + ',"more":true');
}

// post sends an answer to the page, unless it is a progress report the engine marked quiet.
function post(text, id) {
  if (!text.startsWith('{"id":' + id + ',"more":true,"quiet":true')) postMessage(text);
}

function handle(text) {
  let id = 0, op = "";
  const head = text.slice(0, 64).match(/^\{"id":(-?\d+),"op":"([a-z-]+)"/);
  if (head) {
    id = +head[1];
    op = head[2];
  }
  if (op === "cancel") {
    running.delete(id);
  }
  const answer = self.failwrightEngine(text);
  post(answer, id);
  if (op !== "cancel" && more(answer, id)) {
    running.add(id);
    setTimeout(function () { step(id); }, 0);
  }
}

function step(id) {
  if (!running.has(id)) return; // cancelled meanwhile
  const answer = self.failwrightEngine('{"id":' + id + ',"op":"continue"}');
  post(answer, id);
  if (more(answer, id)) {
    setTimeout(function () { step(id); }, 0);
  } else {
    running.delete(id);
  }
}

onmessage = function (e) {
  if (ready) {
    handle(e.data);
  } else {
    queue.push(e.data);
  }
};

(async function () {
  const resp = await fetch("engine.wasm");
  if (!resp.ok) throw new Error("engine.wasm: HTTP " + resp.status);
  const go = new Go();
  const { instance } = await WebAssembly.instantiate(await resp.arrayBuffer(), go.importObject);
  memory = instance.exports.mem;
  go.run(instance); // returns once main blocks, with failwrightEngine installed
  ready = true;
  for (const text of queue.splice(0)) handle(text);
})().catch(function (err) {
  postMessage(JSON.stringify({ id: -1, error: "the engine worker could not start: " + err }));
});
