// Material for MkDocs' page-scope helpers (from its partials/javascripts/base.html), as a file:
// the site's Content-Security-Policy allows no inline script. The scope is the site root,
// found from this script's own address (assets/javascripts/ is two levels below it).
/* eslint-disable no-var */
var __md_scope = new URL("../..", document.currentScript.src);
var __md_hash = function (value) {
  return Array.from(value).reduce(function (hash, char) {
    return (hash << 5) - hash + char.charCodeAt(0);
  }, 0);
};
var __md_get = function (key, storage, scope) {
  storage = storage || localStorage;
  scope = scope || __md_scope;
  return JSON.parse(storage.getItem(scope.pathname + "." + key));
};
var __md_set = function (key, value, storage, scope) {
  storage = storage || localStorage;
  scope = scope || __md_scope;
  try {
    storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
  } catch (error) {
    // Storage full or blocked: the palette choice is simply not remembered.
  }
};
