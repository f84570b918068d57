// Registers the service worker that keeps the guide and its calculators working offline.
// It waits for the page to finish loading, and on a calculator page for Python to have started
// (or failed), so it never competes with what the reader asked for: installing fetches every
// page of the guide, which on a phone network would share the bandwidth and the CPU with the
// calculators' runtime. Once the widget is ready, it asks the worker to keep the runtime too.
(function () {
  if (!("serviceWorker" in navigator) || location.protocol === "file:") return;
  var worker = new URL("../../sw.js", document.currentScript.src);

  function whenWidgetReady(callback) {
    var ready = '[data-widget] [data-status][data-state="ready"]';
    if (document.querySelector(ready)) return callback();
    if (!document.querySelector("[data-widget]")) return;
    var observer = new MutationObserver(function () {
      if (!document.querySelector(ready)) return;
      observer.disconnect();
      callback();
    });
    observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ["data-state"] });
  }

  /* Calls back at once unless the calculators' runtime is loading (widgets.js), else once it
   * is ready or has failed. */
  function whenRuntimeSettled(callback) {
    var runtime = window.runnersBackWidgets && window.runnersBackWidgets.runtime;
    if (!runtime || runtime.state !== "loading") return callback();
    runtime.listeners.add(function settled(state) {
      if (state === "loading") return;
      runtime.listeners.delete(settled);
      callback();
    });
  }

  function register() {
    navigator.serviceWorker.register(worker).then(function () {
      whenWidgetReady(function () {
        navigator.serviceWorker.ready.then(function (registration) {
          registration.active.postMessage({ type: "cache-runtime" });
        });
      });
    }).catch(function () {
      // No offline copy (private mode, or the host refuses): the site works online as before.
    });
  }

  window.addEventListener("load", function () {
    whenRuntimeSettled(register);
  });
})();
