// Opens the content tab named in the address (Material's inline content script, as a file
// for the Content-Security-Policy).
(function () {
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
