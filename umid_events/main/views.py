"""The front page, the language switch, the favicon and the health check."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    send_from_directory,
    session,
    url_for,
)

from ..core.permissions import public
from ..core.urls import safe_next
from ..programmes.services import current_programme
from .health import check_health

bp = Blueprint("main", __name__)


@bp.get("/")
@public
def index():
    return render_template("main/index.html", programme=current_programme())


@bp.get("/privacy")
@public
def privacy():
    return render_template("main/privacy.html")


@bp.get("/lang/<code>")
@public
def set_language(code: str):
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
    return redirect(safe_next(request.args.get("next"), url_for("main.index")))


@bp.get("/favicon.ico")
@public
def favicon():
    """Browsers and feed readers ask for /favicon.ico whatever a page links (pages also link the SVG)."""
    return send_from_directory(current_app.static_folder, "favicon.ico",
                               mimetype="image/vnd.microsoft.icon", max_age=7 * 24 * 3600)


@bp.get("/healthz")
@public
def healthz():
    report = check_health()
    return jsonify(report), 200 if report["status"] == "ok" else 503
