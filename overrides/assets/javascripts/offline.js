// Registers the service worker that keeps the guide and its calculators working offline.
// It waits for the page to finish loading, so it never competes with what the reader asked for.
(function () {
  if (!("serviceWorker" in navigator) || location.protocol === "file:") return;
  var worker = new URL("../../sw.js", document.currentScript.src);
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(worker).catch(function () {
      // No offline copy (private mode, or the host refuses): the site works online as before.
    });
  });
})();
