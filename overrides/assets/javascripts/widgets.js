/* The guide's calculator widgets: hand the pre-rendered forms to Python in a Web Worker.
 *
 * Each widget ([data-widget]) arrives with a correct answer already in the HTML, worked out at
 * build time by the same Python. This script only takes over: on a page with a widget it
 * creates one worker (calculator-worker.js, which runs Pyodide from the site itself) and tells
 * it to start Python when a widget nears the viewport or gets focus; it never loads the runtime
 * on a page without a widget. It sends the form's raw text to Python and swaps in the HTML
 * fragment Python returns (runners_back_calculators/views.py renders every answer, here and at
 * build time: no calculator logic, formatting or wording lives in this file), or shows
 * Python's InputError (field + message) as an accessible error. Until Python has answered, or
 * if the runtime cannot start, the pre-rendered answer stays (the checker's never shows a
 * level) and a plain message says so.
 *
 * Two generic parts serve any widget whose template asks for them: [data-export] buttons
 * download the plan as a file Python makes (bridge.export), and [data-url-state] keeps the
 * form's inputs in the page's URL (never set on the symptom checker: its answers are health
 * data).
 *
 * It runs once per visit: with Material's instant navigation it re-scans each new page
 * (document$), and the one worker serves every widget on every page. No inline script, no
 * eval; everything is bound with addEventListener, so a strict Content-Security-Policy holds.
 */
(function () {
  "use strict";

  if (window.runnersBackWidgets) {
    window.runnersBackWidgets.scan();
    return;
  }

  var script = document.currentScript;
  var WORKER_URL = new URL("calculator-worker.js", (script && script.src) || location.href);
  var PLANNER_FIELDS = [
    "current", "target", "unit", "max_increase", "recovery_every", "recovery_cut",
    "longest_run", "weeks",
  ];

  /* ---------------------------------------------------------------- the runtime */

  var runtime = {
    state: "idle", // idle -> loading -> ready | failed
    failure: "",
    kind: "", // how the worker started Python: "snapshot" or "plain" (see calculator-worker.js)
    fallback: "", // why it did not start from the snapshot, if it did not
    timings: null, // ms from the worker's start to each step, for the benchmark
    worker: null,
    spawnError: "",
    nextId: 1,
    pending: new Map(),
    listeners: new Set(),
  };

  function setState(state, failure) {
    runtime.state = state;
    runtime.failure = failure || "";
    runtime.listeners.forEach(function (listener) {
      listener(state);
    });
  }

  function fail(reason) {
    if (runtime.state === "failed") return;
    setState("failed", reason);
    runtime.pending.forEach(function (request) {
      request.reject(new Error(reason));
    });
    runtime.pending.clear();
    if (runtime.worker) runtime.worker.terminate();
  }

  function onMessage(event) {
    var message = event.data || {};
    if (message.type === "ready") {
      runtime.kind = message.runtime || "";
      runtime.fallback = message.fallback || "";
      runtime.timings = message.timings || null;
      setState("ready");
    } else if (message.type === "failed") {
      fail(message.message);
    } else if (message.type === "result") {
      var request = runtime.pending.get(message.id);
      if (!request) return;
      runtime.pending.delete(message.id);
      if (message.crash) request.reject(new Error(message.crash));
      else request.resolve(JSON.parse(message.text));
    }
  }

  function onError(event) {
    if (event.type === "messageerror") {
      fail("the calculator's worker sent a message that could not be read");
      return;
    }
    event.preventDefault();
    fail(event.message || "the calculator's worker could not start");
  }

  /* The worker, created once per visit as soon as a page has a widget: its thread and its two
   * small scripts are ready by the time the widget nears the viewport, and it does nothing (no
   * runtime bytes) until it gets "start". Null if this browser cannot make a worker. */
  function spawnWorker() {
    if (runtime.worker || runtime.spawnError) return runtime.worker;
    var worker;
    try {
      if (typeof Worker === "undefined") throw new Error("this browser has no Web Workers");
      worker = new Worker(WORKER_URL, { type: "module", name: "calculators" });
    } catch (error) {
      runtime.spawnError = String((error && error.message) || error);
      return null;
    }
    runtime.worker = worker;
    worker.addEventListener("message", onMessage);
    worker.addEventListener("error", onError);
    worker.addEventListener("messageerror", onError);
    return worker;
  }

  /* With Save-Data on, Python starts only when the reader shows intent (focus, input), not
   * because a widget nears the viewport: a reader who only reads never fetches the runtime. */
  var SAVE_DATA = Boolean(navigator.connection && navigator.connection.saveData);

  /* Within a screen's height of the viewport: the IntersectionObservers' rootMargin below.
   * Only an observer says where a widget is: reading its box at DOMContentLoaded would force
   * a style and layout of the whole page into that task, already the longest one after
   * Material's bundle, where the observer answers with the layout the browser makes anyway. */
  var NEAR = "100% 0px";

  /* Start Python: the worker fetches the runtime and restores it (or boots it). */
  function startRuntime() {
    if (runtime.state !== "idle") return;
    setState("loading");
    var worker = spawnWorker();
    if (!worker) {
      fail(runtime.spawnError);
      return;
    }
    // A page the service worker controls has the runtime kept as it passes; on the others
    // the worker keeps a copy of what it fetches, for the service worker to take.
    var controlled = Boolean(navigator.serviceWorker && navigator.serviceWorker.controller);
    worker.postMessage({ type: "start", controlled: controlled, saveData: SAVE_DATA });
  }

  /* Ask the worker (message: {type, kind, rules, inputs, ...}); resolves with Python's JSON. */
  function ask(message) {
    startRuntime();
    if (runtime.state === "failed") return Promise.reject(new Error(runtime.failure));
    var id = runtime.nextId++;
    return new Promise(function (resolve, reject) {
      runtime.pending.set(id, { resolve: resolve, reject: reject });
      runtime.worker.postMessage(Object.assign({ id: id }, message));
    });
  }

  /* Python's answer: {ok: true, result, summary, html} or {ok: false, error: {field, message}}. */
  function compute(kind, rules, inputs) {
    return ask({ type: "compute", kind: kind, rules: rules, inputs: inputs });
  }

  /* A plan as a file: {ok: true, text, filename, media_type} or {ok: false, error}. */
  function exportFile(kind, rules, inputs, format, startDate) {
    return ask({
      type: "export", kind: kind, rules: rules, inputs: inputs, format: format,
      startDate: startDate,
    });
  }

  /* ---------------------------------------------------------------- helpers */

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      node.append(child);
    });
    return node;
  }

  /* ---------------------------------------------------------------- one widget */

  function Widget(root) {
    this.root = root;
    this.config = JSON.parse(root.getAttribute("data-config"));
    this.kind = this.config.kind;
    this.text = this.config.rules.text;
    this.form = root.querySelector("[data-form]");
    this.status = root.querySelector("[data-status]");
    this.region = root.querySelector("[data-result-region]");
    this.summary = root.querySelector("[data-summary]");
    this.result = root.querySelector("[data-result]");
    this.errorSummary = root.querySelector("[data-error-summary]");
    // The pre-rendered answer itself, kept to put back (not serialised: that costs at load).
    this.pristine = { node: this.result, hidden: this.result.hidden,
      summary: this.summary.textContent };
    this.sequence = 0;
    this.shown = false;
  }

  Widget.prototype.init = function () {
    var self = this;
    this.status.setAttribute("role", "status");
    this.onRuntime = function (state) {
      if (!self.root.isConnected) {
        runtime.listeners.delete(self.onRuntime);
        return;
      }
      self.showState(state);
    };
    runtime.listeners.add(this.onRuntime);
    this.showState(runtime.state);

    // Start Python when the widget nears the viewport (within a screen's height) or anything
    // in it gets focus.
    this.root.addEventListener("focusin", startRuntime);
    this.root.addEventListener("input", startRuntime);
    if ("IntersectionObserver" in window && !SAVE_DATA) {
      var observer = new IntersectionObserver(function (entries) {
        if (entries.some(function (entry) { return entry.isIntersecting; })) {
          observer.disconnect();
          startRuntime();
        }
      }, { rootMargin: NEAR });
      observer.observe(this.root);
    }

    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.update(true);
    });
    this.root.addEventListener("click", function (event) {
      var link = event.target.closest("[data-error-summary] a, a[data-question-link]");
      if (!link) return;
      event.preventDefault();
      event.stopPropagation(); // not a page navigation: keep instant navigation out of it
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (target) {
        var field = target.closest("[data-field], [data-sign]") || target;
        field.scrollIntoView({ block: "center" });
        target.focus({ preventScroll: true });
      }
    });

    var embedCode = this.root.querySelector("[data-embed-code]");
    var embedLink = this.root.querySelector("[data-embed-link]");
    if (embedCode && embedLink) {
      embedCode.textContent = embedCode.textContent.replace(
        /src="[^"]*"/, 'src="' + embedLink.href + '"');
    }

    if (this.kind === "symptom-checker") this.initChecker();
    this.initExport();
    this.initUrlState();
  };

  Widget.prototype.showState = function (state) {
    this.region.setAttribute("aria-busy", String(state === "loading" && !!this.waiting));
    if (state === "failed") {
      this.restore();
      if (this.fromUrl) this.forgetUrlState();
      this.status.textContent = this.text.status_failed[this.kind];
      this.status.setAttribute("data-state", "failed");
      return;
    }
    if (state === "ready") this.root.setAttribute("data-runtime", runtime.kind);
    var key = { idle: "status_idle", loading: "status_loading", ready: "status_ready" }[state];
    if (state === "loading" && this.waiting) key = "status_queued";
    this.status.textContent = this.text[key];
    this.status.setAttribute("data-state", state);
  };

  /* Put Python's fragment in place of the result, and its summary in the live region. */
  Widget.prototype.show = function (html, summary) {
    var template = document.createElement("template");
    template.innerHTML = html;
    this.put(template.content.firstElementChild, summary);
  };

  Widget.prototype.put = function (result, summary) {
    if (result !== this.result) this.result.replaceWith(result);
    this.result = result;
    this.summary.textContent = summary;
    this.region.removeAttribute("data-stale");
  };

  /* Back to the pre-rendered answer (after a failure, a stale live answer must not stay). */
  Widget.prototype.restore = function () {
    if (!this.shown && !this.result.hidden) return;
    this.pristine.node.hidden = this.pristine.hidden; // markStale may have hidden it
    this.put(this.pristine.node, this.pristine.summary);
    this.shown = false;
  };

  /* After input Python refused: the last answer is not for what the form now says, so it is
   * hidden until a new one comes, and the live region says why. */
  Widget.prototype.markStale = function () {
    this.result.hidden = true;
    this.region.setAttribute("data-stale", "");
    this.summary.textContent = this.text.status_stale[this.kind];
  };

  Widget.prototype.inputs = function () {
    var data = new FormData(this.form);
    var inputs = {};
    if (this.kind === "mileage-planner") {
      PLANNER_FIELDS.forEach(function (name) {
        var value = data.get(name);
        inputs[name] = value === null ? "" : String(value);
      });
    } else {
      data.forEach(function (value, name) {
        inputs[name] = String(value);
      });
    }
    return inputs;
  };

  Widget.prototype.update = function (fromSubmit) {
    var self = this;
    var sequence = ++this.sequence;
    this.waiting = runtime.state !== "ready";
    if (this.waiting && runtime.state !== "failed") {
      startRuntime();
      this.showState(runtime.state);
    }
    compute(this.kind, this.config.rules, this.inputs()).then(
      function (answer) {
        self.waiting = false;
        if (sequence !== self.sequence || !self.root.isConnected) return;
        self.showState(runtime.state);
        if (answer.ok) {
          self.clearErrors();
          self.show(answer.html, answer.summary);
          self.shown = true;
          self.saveUrlState();
        } else {
          self.showError(answer.error, fromSubmit);
          self.markStale();
        }
      },
      function () {
        self.waiting = false;
        if (sequence !== self.sequence) return;
        self.showState("failed");
      }
    );
  };

  /* ---------------------------------------------------------------- errors (GOV.UK pattern) */

  Widget.prototype.fieldTarget = function (field) {
    var container = this.root.querySelector(
      '[data-field="' + field + '"], [data-sign="' + field + '"]');
    if (!container) return null;
    return container.querySelector("input:checked") || container.querySelector("input");
  };

  Widget.prototype.clearErrors = function () {
    this.errorSummary.hidden = true;
    this.errorSummary.querySelector("[data-error-list]").textContent = "";
    this.root.querySelectorAll("[data-error-for]").forEach(function (message) {
      message.hidden = true;
      message.textContent = "";
    });
    this.root.querySelectorAll(".rbw-field--error").forEach(function (field) {
      field.classList.remove("rbw-field--error");
    });
    this.root.querySelectorAll("[aria-invalid]").forEach(function (input) {
      input.removeAttribute("aria-invalid");
      var describedBy = (input.getAttribute("aria-describedby") || "").split(" ")
        .filter(function (id) { return id && !/-error$/.test(id); });
      if (describedBy.length) input.setAttribute("aria-describedby", describedBy.join(" "));
      else input.removeAttribute("aria-describedby");
    });
  };

  Widget.prototype.showError = function (error, moveFocus) {
    this.clearErrors();
    var target = this.fieldTarget(error.field);
    var list = this.errorSummary.querySelector("[data-error-list]");
    var href = "#" + (target ? target.id : this.form.id);
    list.append(el("li", {}, [el("a", { href: href }, [error.message])]));
    var message = this.root.querySelector('[data-error-for="' + error.field + '"]');
    if (message) {
      message.textContent = "";
      message.append(el("span", { class: "rbw-visually-hidden" }, [this.text.error_prefix + " "]),
        error.message);
      message.hidden = false;
      var container = message.closest("[data-field], [data-sign]");
      if (container) container.classList.add("rbw-field--error");
      if (target && target.type !== "radio") {
        target.setAttribute("aria-invalid", "true");
        var describedBy = (target.getAttribute("aria-describedby") || "").split(" ")
          .filter(Boolean);
        describedBy.push(message.id);
        target.setAttribute("aria-describedby", describedBy.join(" "));
      }
    }
    this.errorSummary.hidden = false;
    if (moveFocus) this.errorSummary.focus();
  };

  /* ---------------------------------------------------------------- inputs in the URL */

  /* Opt-in, per widget ([data-url-state]): after an answer, the form's named fields go into
   * the page's query string (replaceState: no new history entry), so a plan can be bookmarked
   * or shared; a page opened with them fills the form in and computes. Never without the
   * attribute: the symptom checker's answers are health data, and a URL gets shared and
   * logged, so they must stay out of it. */
  Widget.prototype.initUrlState = function () {
    if (!this.root.hasAttribute("data-url-state")) return;
    this.urlState = true;
    var params = new URLSearchParams(location.search);
    var restored = false;
    Array.prototype.forEach.call(this.form.elements, function (field) {
      if (!field.name || !params.has(field.name)) return;
      var value = params.get(field.name);
      if (field.type === "radio" || field.type === "checkbox") field.checked = field.value === value;
      else field.value = value;
      restored = true;
    });
    this.fromUrl = restored;
    if (restored) this.update(false);
  };

  /* Python cannot start: the form goes back to the values its pre-rendered answer is for, and
   * the URL no longer claims other ones. */
  Widget.prototype.forgetUrlState = function () {
    this.fromUrl = false;
    this.form.reset();
    var url = new URL(location.href);
    Array.prototype.forEach.call(this.form.elements, function (field) {
      if (field.name) url.searchParams.delete(field.name);
    });
    history.replaceState(history.state, "", url.href);
  };

  Widget.prototype.saveUrlState = function () {
    if (!this.urlState) return;
    var url = new URL(location.href);
    Array.prototype.forEach.call(this.form.elements, function (field) {
      if (field.name) url.searchParams.delete(field.name);
    });
    new FormData(this.form).forEach(function (value, name) {
      if (String(value) !== "") url.searchParams.append(name, String(value));
    });
    if (url.href !== location.href) history.replaceState(history.state, "", url.href);
  };

  /* ---------------------------------------------------------------- plan export */

  /* A widget whose template has [data-export-controls]: its [data-export="<format>"] buttons
   * ask Python for the plan of what the form says as a file, and hand it to the browser as a
   * download (made on this device; nothing is sent). A [data-export-start] date field, if
   * any, is the calendar's first day. Shown only with JavaScript: the template says why not. */
  Widget.prototype.initExport = function () {
    var self = this;
    var controls = this.root.querySelector("[data-export-controls]");
    if (!controls) return;
    this.exportStatus = controls.querySelector("[data-export-status]");
    var nojs = this.root.querySelector("[data-export-nojs]");
    if (nojs) nojs.hidden = true;
    controls.hidden = false;
    controls.addEventListener("click", function (event) {
      var button = event.target.closest("[data-export]");
      if (button) self.download(button.getAttribute("data-export"));
    });
  };

  Widget.prototype.download = function (format) {
    var self = this;
    var start = this.root.querySelector("[data-export-start]");
    this.exportStatus.textContent = this.text.export_busy;
    exportFile(this.kind, this.config.rules, this.inputs(), format, start ? start.value : "").then(
      function (file) {
        if (!self.root.isConnected) return;
        if (!file.ok) {
          self.exportStatus.textContent = "";
          self.showError(file.error, true);
          return;
        }
        self.clearErrors();
        var url = URL.createObjectURL(new Blob([file.text], { type: file.media_type }));
        var link = el("a", { href: url, download: file.filename, hidden: "" });
        self.root.append(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
        self.exportStatus.textContent = self.text.export_ready.replace("{filename}", file.filename);
      },
      function () {
        self.exportStatus.textContent = "";
        self.showState("failed");
      }
    );
  };

  /* ---------------------------------------------------------------- the checker */

  Widget.prototype.initChecker = function () {
    var self = this;
    this.form.addEventListener("change", function (event) {
      if (event.target.type === "radio") self.update(false);
    });
    var printButton = this.region.querySelector("[data-print]");
    printButton.hidden = false;
    this.region.addEventListener("click", function (event) {
      if (event.target.closest("[data-print]")) window.print();
    });
    // Answers restored by the browser (back button, reload) count at once.
    if (this.form.querySelector("input:checked")) this.update(false);
  };

  /* ---------------------------------------------------------------- every page */

  /* Take over each new widget, each in a task of its own: not inside the task that tells of
   * the page (Material's DOMContentLoaded work is long already), and never one long task for
   * a page with several widgets, so the page stays responsive while it loads. */
  function scan() {
    var roots = Array.prototype.slice.call(document.querySelectorAll("[data-widget]"));
    (function next() {
      var root = roots.shift();
      if (!root) return;
      enhance(root);
      if (roots.length) setTimeout(next, 0);
    })();
  }

  function enhance(root) {
    if (!root.isConnected || root.hasAttribute("data-enhanced")) return;
    root.setAttribute("data-enhanced", "");
    try {
      new Widget(root).init();
    } catch (error) {
      root.setAttribute("data-enhance-error", String(error && error.message));
    }
  }

  function scanSoon() {
    setTimeout(scan, 0);
  }

  window.runnersBackWidgets = { scan: scanSoon, runtime: runtime };

  /* Material's document$ is made by its bundle, which runs before DOMContentLoaded. */
  function scanEveryPage() {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(scanSoon); // Material: each page, instant navigation included
    } else {
      scanSoon();
    }
  }

  /* As soon as the page is known to have a widget, make the worker, and start Python once an
   * IntersectionObserver finds it near the viewport: it answers with the page's first layout,
   * and the stylesheets may not all have arrived before then. True once a widget is found. */
  var seenWidget = false;
  function seen() {
    if (seenWidget) return true;
    var widget = document.querySelector("[data-widget]");
    if (!widget) return false;
    seenWidget = true;
    spawnWorker();
    if (!SAVE_DATA && "IntersectionObserver" in window) {
      var near = new IntersectionObserver(function (entries) {
        near.disconnect();
        if (entries.some(function (entry) { return entry.isIntersecting; })) startRuntime();
      }, { rootMargin: NEAR });
      near.observe(widget);
    }
    return true;
  }

  if (document.readyState === "loading") {
    // Loaded async from <head> (overrides/main.html), so this may run while the page is still
    // arriving: make the worker as soon as the first widget is read in.
    var watcher = new MutationObserver(function () {
      if (seen()) watcher.disconnect();
    });
    if (!seen()) watcher.observe(document.documentElement, { childList: true, subtree: true });
    document.addEventListener("DOMContentLoaded", function () {
      watcher.disconnect();
      seen();
      scanEveryPage();
    });
  } else {
    seen();
    scanEveryPage();
  }
})();
