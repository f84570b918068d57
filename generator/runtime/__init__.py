"""The calculators' browser runtime: their wheel, the trimmed Pyodide and its memory snapshot."""
