"""Leaving the invitation lists: the page behind the unsubscribe link, and the one-click POST
that mail clients send for it (RFC 8058)."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request

from ..core.forms import Form
from ..core.permissions import secret_link
from ..extensions import csrf, db, limiter
from .models import UnsubscribeVia
from .unsubscribe import find_address, resubscribe_address, unsubscribe_address

bp = Blueprint("unsubscribe", __name__)


def _public_form_limit() -> str:
    return current_app.config["PUBLIC_FORM_RATE_LIMIT"]


def masked_address(email: str) -> str:
    """"g…@gmail.com": enough for its owner to recognise, little for whoever was forwarded."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}…@{domain}"


@bp.route("/u/<token>", methods=["GET", "POST"])
@csrf.exempt  # the one-click POST comes from a mail provider, without a session; the page's own
@limiter.limit(_public_form_limit, methods=["POST"])  # form checks its CSRF token below
@secret_link()
def unsubscribe(token: str):
    address = find_address(token) or abort(404)
    one_click = request.form.get("List-Unsubscribe") == "One-Click"
    form = Form()
    if request.method == "POST" and (one_click or form.validate()):
        unsubscribe_address(address, via=UnsubscribeVia.ONE_CLICK if one_click else UnsubscribeVia.PAGE)
        db.session.commit()
        if one_click:
            return "", 200  # the provider only reads the status
        return render_template("unsubscribe/done.html", token=token, form=Form(),
                               address=masked_address(address.email))
    return render_template("unsubscribe/page.html", form=form, token=token,
                           address=masked_address(address.email),
                           unsubscribed=address.unsubscribed_at is not None)


@bp.post("/u/<token>/back")
@limiter.limit(_public_form_limit)
@secret_link()
def resubscribe(token: str):
    address = find_address(token) or abort(404)
    resubscribe_address(address)
    db.session.commit()
    return render_template("unsubscribe/page.html", form=Form(), token=token,
                           address=masked_address(address.email), unsubscribed=False, back=True)
