"""Language choice (Azerbaijani first, English second) and template filters."""

from __future__ import annotations

from flask import Flask, current_app, request, session
from flask_login import current_user

from .core.phones import display_phone
from .core.timefmt import current_language, format_moment

LANGUAGE_NAMES = {"az": "Azərbaycanca", "en": "English"}


def select_locale() -> str:
    """An explicit choice wins (``?lang=``, then the session, then the user's profile)."""
    languages = current_app.config["LANGUAGES"]
    for candidate in (
        request.args.get("lang"),
        session.get("lang"),
        getattr(current_user, "language", None) if current_user else None,
    ):
        if candidate in languages:
            return candidate
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def init_app(app: Flask) -> None:
    app.jinja_env.filters["moment"] = format_moment
    app.jinja_env.filters["phone"] = display_phone
    app.jinja_env.globals["LANGUAGE_NAMES"] = LANGUAGE_NAMES
    app.jinja_env.globals["current_language"] = current_language
