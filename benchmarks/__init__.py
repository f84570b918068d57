"""`make bench`: the guide's speed and size figures, each against a baseline of the same run.

Not a test: it prints figures and writes BENCHMARKS.md; it never fails because something is slow.
Run it with `python -m benchmarks` (see `python -m benchmarks --help`).
"""
