/* Material's search worker, its index built when the reader first searches, not at every load.
 *
 * Material builds its lunr index of the whole guide in its search worker as each page loads:
 * about 0.4 s of a core on every visit, at the moment a calculator's worker restores Python. On
 * a two-core machine the two fought: a repeat visit's live answer on 4G came at 1.14 s with it,
 * 1.01 s without (medians of six, issue 10). Material's config (overrides/main.html) names this
 * worker instead, with Material's own file after the `#`. It answers Material's setup at once
 * and keeps it; at the first query it loads Material's worker code here and hands it the setup,
 * then the query. From then on Material's own listener gets every message and answers it.
 *
 * It speaks Material 9's protocol (its SearchMessageType: 0 setup, 1 ready, 2 query, 3 result)
 * and reads no message but to tell Material's setup ({config, docs}) and a blank query. A setup
 * of another shape (Zensical's, which reads the same config) is handed on at once: that worker
 * then works as if named directly. It sits beside Material's worker, so that Material's relative
 * paths (its language packs, "../lunr") resolve as they would for it.
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
  var loaded = false; // Material's worker code runs here now, with its own message listener
  var onBuilt = null; // while it builds the index: called at its "ready"

  /* Material's code posts through the global postMessage: its "ready" for the setup handed on
   * below is ours to swallow (the page had its "ready" already), the rest goes to the page. */
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

  /* Run Material's worker here: from now on its own listener gets every message from the page.
   * If its file cannot be loaded this throws, as Material's own worker would fail to start. */
  function load() {
    loaded = true;
    importScripts(name);
  }

  /* Material 9's setup: its search index is {config, docs}. Anything else (another theme's
   * worker named here, such as Zensical's) is handed on at once, untouched. */
  function isMaterials(message) {
    return message.type === SETUP && message.data && Array.isArray(message.data.docs);
  }

  self.addEventListener("message", function (event) {
    if (loaded || !event.isTrusted) return; // Material's own listener has it
    var message = event.data || {};
    if (isMaterials(message)) {
      setup = message;
      post({ type: READY });
      return;
    }
    if (setup && typeof message.data === "string" && !message.data.trim()) {
      // Material asks with the empty search box as soon as it is ready: its worker answers a
      // blank query with no items, without looking at the index.
      post({ type: RESULT, data: { items: [] } });
      return;
    }
    load();
    if (!setup) {
      handOn(message); // not Material's setup: the worker it names answers for itself
      return;
    }
    // The first query: Material builds the index from the setup, then answers the query.
    new Promise(function (resolve) {
      onBuilt = resolve;
      handOn(setup);
    }).then(function () {
      handOn(message);
    });
  });
})();
