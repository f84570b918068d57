"""Browser tests (Playwright driving Debian's Chromium); a package so its conftest keeps its own name."""
