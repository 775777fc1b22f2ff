"""The front page, the language switch and the health check."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from ..core.urls import safe_next
from ..programmes.services import current_programme
from .health import check_health

bp = Blueprint("main", __name__)


@bp.get("/")
def index():
    return render_template("main/index.html", programme=current_programme())


@bp.get("/privacy")
def privacy():
    return render_template("main/privacy.html")


@bp.get("/lang/<code>")
def set_language(code: str):
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
    return redirect(safe_next(request.args.get("next"), url_for("main.index")))


@bp.get("/healthz")
def healthz():
    report = check_health()
    return jsonify(report), 200 if report["status"] == "ok" else 503
