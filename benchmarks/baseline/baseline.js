// The benchmark's baseline page: start the bare Pyodide runtime in a module worker, show 1+1.
(function () {
  "use strict";
  var output = document.getElementById("result");
  var worker = new Worker(new URL("baseline-worker.js", document.currentScript.src),
    { type: "module", name: "baseline" });
  worker.addEventListener("message", function (event) {
    var message = event.data || {};
    output.textContent = String(message.result !== undefined ? message.result : message.error);
    output.setAttribute("data-state", message.error ? "failed" : "ready");
  });
  worker.addEventListener("error", function (event) {
    output.textContent = String(event.message || "worker error");
    output.setAttribute("data-state", "failed");
  });
})();
