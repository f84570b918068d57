// loadPyodide() from the site's own runtime files (the same ones the widgets use), one runPython.
const indexURL = new URL("../assets/pyodide/", import.meta.url).href;

try {
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  const pyodide = await loadPyodide({ indexURL, stdout: () => {}, stderr: () => {} });
  self.postMessage({ result: String(pyodide.runPython("1+1")) });
} catch (error) {
  self.postMessage({ error: String((error && error.message) || error) });
}
