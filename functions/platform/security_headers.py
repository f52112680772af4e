"""Security headers for every response: declared once, sent by the local server and the admin,
documented for the CDN's response headers policy (docs/deploy.md); tests/test_security_headers.py
checks that the documentation says exactly what this module sends.

No inline script or style anywhere, so the policy needs no 'unsafe-inline' and no hashes.
"""


def content_security_policy(upload_origin: str = "") -> str:
    # The file store's origin: scripts upload there, and the pages without JavaScript post their
    # document's form there (S3's presigned POST, which sends the browser back to the site).
    upload = "'self'" + (f" {upload_origin}" if upload_origin else "")
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data: blob:",
            "media-src 'self' blob:",  # a voice recording played back from the phone before it is sent
            "font-src 'none'",
            f"connect-src {upload}",
            f"form-action {upload}",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "object-src 'none'",
            "manifest-src 'self'",
            "worker-src 'self'",
        )
    )


# Two years, subdomains too, preload-ready: what the CDN's response headers policy sets (docs/deploy.md).
HSTS = "max-age=63072000; includeSubDomains; preload"


def transport_security(site_origin: str) -> dict[str, str]:
    """HSTS only where TLS is known: when the site's public origin is https (a plain-HTTP laptop
    or test server must not tell a browser to refuse it over HTTP for two years)."""
    return {"Strict-Transport-Security": HSTS} if site_origin.lower().startswith("https://") else {}


def security_headers(upload_origin: str = "", site_origin: str = "") -> dict[str, str]:
    return {
        **transport_security(site_origin),
        "Content-Security-Policy": content_security_policy(upload_origin),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
        # The microphone for this site's own pages only: the form records a spoken description.
        "Permissions-Policy": "camera=(), microphone=(self), geolocation=(), payment=(), usb=()",
    }
