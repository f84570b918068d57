/* Start the calculators' runtime as the page begins to load: for pages whose widget is at the top.
 *
 * Optional. A page that includes this script in its <head> (async) gets its Python worker
 * (calculator-worker.js) made and started at once, while the browser is still busy with the
 * page's styles and scripts, instead of when widgets.js runs at the end of the page (half a
 * second later on a slow phone). widgets.js then adopts that worker, with any message it
 * already sent. Pages without this script start Python only when a widget nears the viewport.
 * No inline script, no eval: it holds under the site's Content-Security-Policy.
 */
(function () {
  "use strict";

  if (window.runnersBackBoot || window.runnersBackWidgets || typeof Worker === "undefined") return;
  var script = document.currentScript;
  var worker;
  try {
    worker = new Worker(new URL("calculator-worker.js", script.src),
      { type: "module", name: "calculators" });
  } catch (error) {
    return; // widgets.js makes its own worker, and says so if it cannot
  }
  var early = [];
  function keep(event) {
    early.push(event);
  }
  worker.addEventListener("message", keep);
  worker.addEventListener("error", keep);
  worker.addEventListener("messageerror", keep);
  worker.postMessage({ type: "start" });

  window.runnersBackBoot = {
    worker: worker,
    /* The worker and the events it sent before widgets.js listened; called once. */
    adopt: function () {
      worker.removeEventListener("message", keep);
      worker.removeEventListener("error", keep);
      worker.removeEventListener("messageerror", keep);
      return early.splice(0);
    },
  };
})();
