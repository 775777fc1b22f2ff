"""Links: redirect targets that stay on this site, subscription links, links built outside a request."""

from urllib.parse import urlsplit


def safe_next(target: str | None, fallback: str) -> str:
    """Return ``target`` when it is a local path (no scheme, no host, no ``//``), else fallback."""
    if not target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    if "\\" in target:
        return fallback
    return target


def webcal(url: str) -> str:
    """The subscription form of a calendar URL (``webcal://``), which calendar apps open."""
    for prefix in ("https://", "http://"):
        if url.startswith(prefix):
            return "webcal://" + url[len(prefix):]
    return url


def public_url_context():
    """A request context at ``PUBLIC_BASE_URL``, so that ``url_for(..., _external=True)`` works
    in commands and jobs (the demo, reminders) as it does in a request."""
    from flask import current_app

    return current_app.test_request_context("/", base_url=current_app.config["PUBLIC_BASE_URL"])
