"""The guide's calculators: standard library only, so the same code runs in CPython and on Pyodide.

Shipped to the browser alone, as the wheel `runners-back-calculators`; it never imports `generator`.
"""
