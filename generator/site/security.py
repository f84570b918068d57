"""The site's Content-Security-Policy: one policy, sent as a meta tag and as a headers file.

Nothing may load from another origin; the only relaxation is 'wasm-unsafe-eval', which
WebAssembly (Pyodide) needs to compile. No inline script is allowed anywhere.
"""

from __future__ import annotations

from pathlib import Path

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "worker-src 'self'",
        "connect-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "manifest-src 'self'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "interest-cohort=(), geolocation=(), camera=(), microphone=()",
}
"""Sent with every response by static hosts that read a `_headers` file (Netlify, Cloudflare Pages)."""


LONG_CACHE = "public, max-age=31536000, immutable"
IMMUTABLE = (
    "/assets/pyodide/*/*",
    "/assets/javascripts/bundle.*.min.js",
    "/assets/javascripts/workers/search.*.min.js",
    "/assets/stylesheets/main.*.min.css",
    "/assets/stylesheets/palette.*.min.css",
)
"""Content-addressed files (Netlify's `_headers` patterns, `*` within a name or a folder)."""

MEDIA_TYPES = {"/assets/pyodide/pyodide.asm.wasm": "application/wasm"}
"""Files a host may not know the type of: WebAssembly compiles while it downloads only when
it arrives as application/wasm (else the browser fetches it whole, then compiles)."""


def write_headers_file(site_dir: Path) -> Path:
    """Write `_headers`: the same policy for hosts that can send real headers (which also cover workers)."""
    lines = [
        "/*",
        *(f"  {name}: {value}" for name, value in HEADERS.items()),
        # Files whose name holds a hash of their bytes never change at one URL: kept a year.
        # The wheel and snapshot sit in a folder named by their hash; Material names its
        # bundles by theirs.
        *(line for pattern in IMMUTABLE for line in (pattern, f"  Cache-Control: {LONG_CACHE}")),
        *(line for path, media in MEDIA_TYPES.items() for line in (path, f"  Content-Type: {media}")),
        "",
    ]
    path = site_dir / "_headers"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
