// Run the built service worker (sw.js) in Node against a fake origin, browser cache and Cache API.
//
//   node tests/node/service_worker.mjs < scenario.json > report.json
//
// scenario: {"steps": [{"worker": "path/to/sw.js", "site": "path/to/site", "cache_runtime": bool,
//                        "online_fetches": ["guide.pdf", ...],
//                        "offline_fetches": ["assets/pyodide/pyodide.asm.wasm", ...]}, ...]}
// Each step is one deploy: the origin serves `site`'s files; the browser's HTTP cache still holds
// what earlier steps fetched (returned for requests in the "default" or "force-cache" mode, as a
// browser may). The step's worker installs and activates (as after a reload), is asked to cache
// the runtime if `cache_runtime`, `online_fetches` go through its fetch handler, then the network
// goes away and `offline_fetches` go through it. Report, per step: every request the worker made with its cache mode, what each
// offline fetch answered, and then the whole Cache API: cache name -> {url: body}.

import { readFileSync } from "node:fs";
import path from "node:path";

const ORIGIN = "https://guide.test";
const SCOPE = ORIGIN + "/";

class FakeCache {
  constructor() {
    this.entries = new Map();
  }
  static key(request, options = {}) {
    const url = new URL(request instanceof Request ? request.url : String(request));
    if (options.ignoreSearch) url.search = "";
    url.hash = "";
    return url.href;
  }
  async match(request, options = {}) {
    if (!options.ignoreSearch) {
      const hit = this.entries.get(FakeCache.key(request));
      return hit ? new Response(hit) : undefined;
    }
    const wanted = FakeCache.key(request, options);
    for (const [url, body] of this.entries) {
      if (FakeCache.key(url, options) === wanted) return new Response(body);
    }
    return undefined;
  }
  async put(request, response) {
    this.entries.set(FakeCache.key(request), new Uint8Array(await response.arrayBuffer()));
  }
  async add(request) {
    const response = await fakeFetch(request);
    if (!response.ok) throw new TypeError("bad response");
    await this.put(request, response);
  }
  async addAll(requests) {
    await Promise.all(requests.map((request) => this.add(request)));
  }
  async keys() {
    return [...this.entries.keys()].map((url) => new Request(url));
  }
  async delete(request) {
    return this.entries.delete(FakeCache.key(request));
  }
}

class FakeCacheStorage {
  constructor() {
    this.caches = new Map();
  }
  async open(name) {
    if (!this.caches.has(name)) this.caches.set(name, new FakeCache());
    return this.caches.get(name);
  }
  async has(name) {
    return this.caches.has(name);
  }
  async keys() {
    return [...this.caches.keys()];
  }
  async delete(name) {
    return this.caches.delete(name);
  }
}

const storage = new FakeCacheStorage();
globalThis.fetch = () => Promise.reject(new TypeError("the worker may use only its own fetch"));
const httpCache = new Map(); // url -> bytes, as the browser's own HTTP cache
let site = null;
let online = true;
let requests = [];

function sameOrigin(response) {
  Object.defineProperty(response, "type", { value: "basic" }); // as a browser's same-origin answer
  return response;
}

async function fakeFetch(input, init) {
  return sameOrigin(await originFetch(input, init));
}

async function originFetch(input, init) {
  const request = input instanceof Request ? new Request(input, init) : new Request(String(input), init);
  requests.push({ url: request.url.slice(SCOPE.length), cache: request.cache });
  if (!online) throw new TypeError("Failed to fetch (offline)");
  const url = new URL(request.url);
  if (["default", "force-cache"].includes(request.cache) && httpCache.has(url.href)) {
    return new Response(httpCache.get(url.href), { status: 200 });
  }
  let relative = decodeURIComponent(url.pathname.slice(1));
  if (relative === "" || relative.endsWith("/")) relative += "index.html";
  let body;
  try {
    body = readFileSync(path.join(site, relative));
  } catch {
    return new Response("not found", { status: 404 });
  }
  if (request.cache !== "no-store") httpCache.set(url.href, body);
  return new Response(body, { status: 200 });
}

function loadWorker(script) {
  const listeners = {};
  const self = {
    registration: { scope: SCOPE },
    location: new URL(SCOPE + "sw.js"),
    addEventListener: (type, listener) => {
      listeners[type] = listener;
    },
    skipWaiting: async () => {},
    clients: { claim: async () => {} },
  };
  new Function("self", "caches", "fetch", script)(self, storage, fakeFetch);
  return listeners;
}

async function dispatch(listener, event) {
  const pending = [];
  let response = null;
  listener({
    ...event,
    waitUntil: (promise) => pending.push(promise),
    respondWith: (promise) => {
      // settled at once, so a rejection (offline, nothing cached) is a result, not a crash
      response = Promise.resolve(promise).then((value) => ({ value }), (error) => ({ error }));
    },
  });
  await Promise.all(pending);
  return response;
}

async function snapshotOfCaches() {
  const out = {};
  for (const name of await storage.keys()) {
    const cache = await storage.open(name);
    out[name] = {};
    for (const [url, body] of cache.entries) {
      out[name][url.slice(SCOPE.length)] = new TextDecoder().decode(body);
    }
  }
  return out;
}

const scenario = JSON.parse(readFileSync(0, "utf-8"));
const report = [];
for (const step of scenario.steps) {
  site = step.site;
  online = true;
  requests = [];
  // What the calculators' worker kept as it fetched the runtime (calculator-worker.js).
  for (const [relative, text] of Object.entries(step.fetched || {})) {
    await (await storage.open("guide-runtime-fetched")).put(SCOPE + relative, new Response(text));
  }
  const worker = loadWorker(readFileSync(step.worker, "utf-8"));
  await dispatch(worker.install, {});
  await dispatch(worker.activate, {});
  const messages = [];
  if (step.cache_runtime) {
    await dispatch(worker.message, {
      data: { type: "cache-runtime" },
      source: { postMessage: (message) => messages.push(message) },
    });
  }
  async function through(relative) {
    const { value, error } = await dispatch(worker.fetch, { request: new Request(SCOPE + relative) });
    return error ? "failed: " + error.message : await value.text();
  }
  const fetched = {};
  for (const relative of step.online_fetches || []) fetched[relative] = await through(relative);
  await new Promise((resolve) => setTimeout(resolve, 10)); // let cache.put calls settle
  const made = requests;
  online = false;
  const offline = {};
  for (const relative of step.offline_fetches || []) offline[relative] = await through(relative);
  report.push({ requests: made, messages, online: fetched, offline, caches: await snapshotOfCaches() });
}
process.stdout.write(JSON.stringify(report));
