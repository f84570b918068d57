/* Material's search worker, its index built when the reader first searches, not at every load.
 *
 * Material builds its lunr index of the whole guide in its search worker as each page loads:
 * about 0.4 s of a core on every visit, at the moment a calculator's worker starts Python. On a
 * two-core machine the two fought: a repeat visit's live answer came 1.39 s after navigation
 * with it, 0.93 s without (issue 10). Material's config (overrides/main.html) names this worker
 * instead, with Material's own file after the `#`; it answers Material's setup message at
 * once and keeps it, and on the first query loads Material's worker code here and hands it
 * the setup, then the queries. After that Material's code answers everything itself.
 *
 * It speaks Material's protocol (its SearchMessageType: 0 setup, 1 ready, 2 query, 3 result)
 * and reads no message's contents but a query's text, to tell a blank one. It sits beside Material's worker so that Material's
 * relative paths (its language packs, "../lunr") resolve as they would for it.
 */
(function () {
  "use strict";

  var SETUP = 0;
  var READY = 1;
  var RESULT = 3;

  // After the # rather than in a query: the address stays the one the service worker keeps,
  // so a first visit's precache finds this file in the HTTP cache instead of fetching it again.
  var name = self.location.hash.slice(1);
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(name)) {
    throw new Error("search-on-demand.js: the # must name Material's search worker");
  }

  var post = self.postMessage.bind(self);
  var setup = null; // Material's setup message, kept until the first query
  var built = null; // resolves once Material's worker has built its index
  var onBuilt = null;

  /* Material's code posts through the global postMessage: its "ready" for the setup handed on
   * below is ours to swallow (Material had its "ready" already), the rest goes to the page. */
  self.postMessage = function (message) {
    if (onBuilt && message && message.type === READY) {
      onBuilt();
      onBuilt = null;
      return;
    }
    post.apply(self, arguments);
  };

  function handOn(message) {
    self.dispatchEvent(new MessageEvent("message", { data: message }));
  }

  /* Load Material's worker and hand it the setup. If its file cannot be loaded, this throws,
   * as Material's own worker would fail to start: the page's search then stays empty. */
  function build() {
    var done = new Promise(function (resolve) {
      onBuilt = resolve;
    });
    importScripts(name); // Material's worker: adds its own message listener
    handOn(setup);
    return done;
  }

  self.addEventListener("message", function (event) {
    if (!event.isTrusted) return; // one handed on to Material's listener
    var message = event.data || {};
    if (!built) {
      if (message.type === SETUP) {
        setup = message;
        post({ type: READY });
        return;
      }
      if (!setup) throw new Error("search-on-demand.js: a query came before the setup");
      if (typeof message.data === "string" && !message.data.trim()) {
        // Material asks with the empty search box as soon as it is ready: its worker answers
        // a blank query with no items, without looking at the index.
        post({ type: RESULT, data: { items: [] } });
        return;
      }
      built = build();
    }
    built.then(function () {
      handOn(message);
    });
  });
})();
