"""Error pages in the visitor's language (400, 403, 404, 405, 413, 429, 500)."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from .extensions import db

MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be understood. Please go back and try again.")),
    403: (_l("Access denied"), _l("Your account does not have permission to open this page.")),
    404: (_l("Page not found"), _l("The page you are looking for does not exist or has moved.")),
    405: (_l("Not allowed"), _l("This page cannot be used that way.")),
    413: (_l("File too large"), _l("The file or form you sent is larger than the allowed limit.")),
    429: (_l("Too many attempts"), _l("You have tried too many times. Please wait a minute and try again.")),
    500: (_l("Something went wrong"), _l("An unexpected error occurred. It has been logged; please try again later.")),
}


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def render_error(code: int, detail: str | None = None):
    title, message = MESSAGES.get(code, MESSAGES[500])
    if _wants_json():
        return jsonify(error=str(title), message=str(detail or message)), code
    template = "errors/error.html" if _signed_in() else "errors/public_error.html"
    context = {"code": code, "title": title, "message": detail or message}
    try:
        return render_template(template, **context), code
    except Exception:  # noqa: BLE001 (the frame reads the database, which may be what failed)
        db.session.rollback()
        return render_template("errors/bare_error.html", **context), code


def _signed_in() -> bool:
    """Staff see the error in their own frame, everyone else in the light public one. Loading the
    account can itself fail (the error may be a database that is down): then the public one."""
    try:
        return bool(current_user.is_authenticated)
    except Exception:  # noqa: BLE001 (an error page must not fail in its turn)
        db.session.rollback()
        return False


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(
            400, str(_l("The form has expired or was sent from another page. Please reload it and try again."))
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code not in MESSAGES:
            return error
        return render_error(error.code)

    @app.errorhandler(InternalServerError)
    def internal_error(error):
        db.session.rollback()
        return render_error(500)
