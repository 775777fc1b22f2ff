"""Security headers on every response, set in one place (the policies themselves are in config.py).

- ``Content-Security-Policy``: scripts, styles, fonts, images and fetches from this site only; no
  inline script or style anywhere (templates carry classes and ``data-`` attributes, behaviours
  live in static/js/), no ``eval``, no plugins, no ``<base>``, forms post here only, and no site
  may frame a page (``frame-ancestors 'none'``, with ``X-Frame-Options: DENY`` for old browsers).
- ``Referrer-Policy: same-origin``: personal pages carry their secret token in the path
  (``/p/<token>``, ``/r/<token>`` …) and link to video platforms and calendars; no token leaves in
  a Referer to another site, while this site's own forms keep theirs (Flask-WTF checks on HTTPS
  that a form was posted from this site, and refuses a POST without a Referer).
- ``X-Content-Type-Options: nosniff``, a ``Permissions-Policy`` that turns off the powerful
  features the service never uses, ``Cross-Origin-Opener-Policy: same-origin``.
- ``Strict-Transport-Security`` only where ``HSTS_ENABLED`` (production): development and the tests
  run on http://127.0.0.1, where a pinned HTTPS would lock the browser out.

A view whose response needs another policy sets ``Content-Security-Policy`` itself (the mail
previews: ``mail_preview_response``); a header already on the response is never replaced.
"""

from __future__ import annotations

from flask import Flask, Response, current_app

# The mail's own HTML, shown inside a staff page: inline styles (mail clients need them), images
# only as data: URIs (no tracking pixels, nothing fetched), no script, no form, a sandbox; only
# this site's pages may frame it.
MAIL_PREVIEW_POLICY = {
    "default-src": "'none'",
    "style-src": "'unsafe-inline'",
    "img-src": "data:",
    "base-uri": "'none'",
    "form-action": "'none'",
    "frame-ancestors": "'self'",
    "sandbox": "",
}


def policy_header(directives: dict[str, str]) -> str:
    """``{"default-src": "'self'", "sandbox": ""}`` → ``"default-src 'self'; sandbox"``."""
    return "; ".join(f"{name} {value}".strip() for name, value in directives.items())


def init_app(app: Flask) -> None:
    config = app.config
    headers = {
        "Content-Security-Policy": policy_header(config["CONTENT_SECURITY_POLICY"]),
        "Referrer-Policy": config["REFERRER_POLICY"],
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": ", ".join(f"{feature}=()" for feature in config["PERMISSIONS_POLICY_OFF"]),
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    if config.get("HSTS_ENABLED"):
        headers["Strict-Transport-Security"] = f"max-age={int(config['HSTS_MAX_AGE_SECONDS'])}" + (
            "; includeSubDomains" if config.get("HSTS_INCLUDE_SUBDOMAINS") else "")
    app.extensions["security_headers"] = headers
    app.after_request(_add_headers)


def _add_headers(response: Response) -> Response:
    for name, value in current_app.extensions["security_headers"].items():
        response.headers.setdefault(name, value)
    return response


def mail_preview_response(html: str) -> Response:
    """A mail's HTML as its own document, under the mail preview policy, framable by this site."""
    response = Response(html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = policy_header(MAIL_PREVIEW_POLICY)
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    response.headers["Cache-Control"] = "private, no-store"
    return response
