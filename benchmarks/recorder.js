// The benchmark's probe, added to every page as a Playwright init script (before any page script).
//
// `__BENCH_PROBES__` is replaced by a JSON list of {name, selector, visible, text}. At every
// animation frame (so: when the browser is about to paint) each probe not yet met is checked,
// and the first time it holds, performance.now() is kept in window.__bench.marks[name]: the
// time since navigation started, in ms. Long main-thread tasks (>= 50 ms, the Long Tasks API)
// are kept in window.__bench.longtasks. Only the top document is probed.
(function () {
  "use strict";
  if (window.top !== window || window.__bench) return;
  var probes = __BENCH_PROBES__;
  var bench = (window.__bench = { marks: {}, longtasks: [], errors: [] });

  try {
    new PerformanceObserver(function (list) {
      list.getEntries().forEach(function (entry) {
        bench.longtasks.push({ start: entry.startTime, duration: entry.duration });
      });
    }).observe({ type: "longtask", buffered: true });
  } catch (error) {
    bench.errors.push("longtask observer: " + String(error && error.message));
  }

  function isVisible(element) {
    var box = element.getBoundingClientRect();
    if (box.width <= 0 || box.height <= 0) return false;
    var style = getComputedStyle(element);
    return style.visibility !== "hidden" && style.display !== "none";
  }

  function holds(probe) {
    var element = document.querySelector(probe.selector);
    if (!element) return false;
    if (probe.visible && !isVisible(element)) return false;
    if (probe.text !== null && probe.text !== undefined &&
        element.textContent.trim() !== probe.text) return false;
    return true;
  }

  function frame() {
    var now = performance.now();
    probes.forEach(function (probe) {
      if (Object.prototype.hasOwnProperty.call(bench.marks, probe.name)) return;
      try {
        if (holds(probe)) bench.marks[probe.name] = now;
      } catch (error) {
        bench.errors.push(probe.name + ": " + String(error && error.message));
        bench.marks[probe.name] = -1;
      }
    });
    requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
})();
