// Live reload for the writer's preview (`make serve`), as a file of the site's own origin:
// the site's Content-Security-Policy allows no inline script, so MkDocs' inline one cannot run.
// The page's build number comes from the script tag's data attributes; the server answers a
// long poll at /livereload/<build>/<request> with the newest build once it is newer.
(function () {
  "use strict";
  var tag = document.currentScript;
  var build = Number(tag.dataset.build);
  var request = tag.dataset.request;
  var poller = null;
  var timer = null;

  function poll() {
    poller = new XMLHttpRequest();
    poller.onloadend = function () {
      if (parseFloat(this.responseText) > build) {
        location.reload();
      } else if (poller === this) {
        timer = setTimeout(poll, this.status === 200 ? 0 : 1000);
      }
    };
    poller.open("GET", "/livereload/" + build + "/" + request);
    poller.send();
  }

  function stop() {
    if (poller) { var old = poller; poller = null; old.abort(); }
    if (timer) { clearTimeout(timer); timer = null; }
  }

  function start() {
    if (document.visibilityState === "visible" && !poller) { poll(); }
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { start(); } else { stop(); }
  });
  window.addEventListener("pagehide", stop);
  if (document.readyState === "complete") { start(); } else { window.addEventListener("load", start); }
})();
