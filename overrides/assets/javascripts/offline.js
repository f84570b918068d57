// Registers the service worker that keeps the guide and its calculators working offline.
// It waits for the page to finish loading, so it never competes with what the reader asked for.
// On a calculator page, once the widget is ready, it asks the worker to keep the runtime too.
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

  window.addEventListener("load", function () {
    navigator.serviceWorker.register(worker).then(function () {
      whenWidgetReady(function () {
        navigator.serviceWorker.ready.then(function (registration) {
          registration.active.postMessage({ type: "cache-runtime" });
        });
      });
    }).catch(function () {
      // No offline copy (private mode, or the host refuses): the site works online as before.
    });
  });
})();
