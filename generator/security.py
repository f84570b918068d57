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


def write_headers_file(site_dir: Path) -> Path:
    """Write `_headers`: the same policy for hosts that can send real headers (which also cover workers)."""
    lines = [
        "/*",
        *(f"  {name}: {value}" for name, value in HEADERS.items()),
        # The wheel and snapshot sit in a folder named by their hash: they never change at one URL.
        "/assets/pyodide/*/*",
        "  Cache-Control: public, max-age=31536000, immutable",
        "",
    ]
    path = site_dir / "_headers"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
