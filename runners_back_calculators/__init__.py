"""The two calculators: standard library only, so the same code runs in CPython and on Pyodide."""
