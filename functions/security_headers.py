"""Security headers for every response: declared once, sent by the local server, documented for the
CDN (docs/deploy.md), checked by a test against both.

No inline script or style anywhere, so the policy needs no 'unsafe-inline' and no hashes.
"""


def content_security_policy(upload_origin: str = "") -> str:
    connect = "'self'" + (f" {upload_origin}" if upload_origin else "")
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data: blob:",
            "font-src 'none'",
            f"connect-src {connect}",
            f"form-action 'self'{' ' + upload_origin if upload_origin else ''}",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "object-src 'none'",
            "manifest-src 'self'",
            "worker-src 'self'",
        )
    )


def security_headers(upload_origin: str = "") -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(upload_origin),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    }
