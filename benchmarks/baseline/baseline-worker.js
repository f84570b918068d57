// loadPyodide() from stock Pyodide (the npm package's files, copied beside this page by the
// benchmark: the full standard library and lockfile, as Pyodide ships them), one runPython.
const indexURL = new URL("pyodide/", import.meta.url).href;

try {
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  const pyodide = await loadPyodide({ indexURL, stdout: () => {}, stderr: () => {} });
  self.postMessage({ result: String(pyodide.runPython("1+1")) });
} catch (error) {
  self.postMessage({ error: String((error && error.message) || error) });
}
