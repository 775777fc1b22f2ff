"""Language choice (Azerbaijani first, English second) and template filters."""

from __future__ import annotations

from flask import Flask, current_app, has_request_context, request, session
from flask_login import current_user
from jinja2 import pass_context

from .core.aztext import CASES, with_suffix
from .core.phones import display_phone
from .core.timefmt import current_language, format_moment
from .core.urls import webcal

LANGUAGE_NAMES = {"az": "Azərbaycanca", "en": "English"}


def select_locale() -> str:
    """An explicit choice wins (``?lang=``, then the session, then the user's profile).

    Outside a request (commands, the worker) the default language applies; mail is rendered
    in its recipient's language with ``force_locale``.
    """
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    languages = current_app.config["LANGUAGES"]
    for candidate in (
        request.args.get("lang"),
        session.get("lang"),
        getattr(current_user, "language", None) if current_user else None,
    ):
        if candidate in languages:
            return candidate
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def az_suffix(value, case: str) -> str:
    """``value`` with the Azerbaijani suffix of ``case`` when the current language is
    Azerbaijani ("14:45" → "14:45-də"), else as it is: the English sentence has its preposition.
    Translations leave the suffix to this helper ("saat %(time)s", passed ``time|az_locative``)."""
    if value is None or value == "":
        return ""
    return with_suffix(value, case) if current_language() == "az" else str(value)


def _suffix_filter(case: str | None = None):
    # pass_context: the language is the rendering's, so Jinja must never fold a constant
    # ("'14:45'|az_locative") at compile time, in whatever language was current then.
    @pass_context
    def apply(_context, value, chosen: str | None = None):
        return az_suffix(value, case or chosen)

    apply.__name__ = f"az_{case or 'suffix'}"
    return apply


def init_app(app: Flask) -> None:
    from .events.forms import VISIBILITY_LABELS
    from .events.labels import KIND_LABELS, STATUS_LABELS
    from .events.links import PLATFORM_LABELS

    app.jinja_env.globals.update(kind_labels=KIND_LABELS, status_labels=STATUS_LABELS,
                                 platform_labels=PLATFORM_LABELS, visibility_labels=VISIBILITY_LABELS)
    app.jinja_env.filters["moment"] = format_moment
    app.jinja_env.filters["webcal"] = webcal
    app.jinja_env.filters["phone"] = display_phone
    app.jinja_env.filters["az_suffix"] = _suffix_filter()  # {{ n|az_suffix('genitive') }}
    for case in CASES:  # {{ time|az_locative }}, {{ n|az_possessive }}, {{ name|az_copula }} …
        app.jinja_env.filters[f"az_{case}"] = _suffix_filter(case)
    app.jinja_env.globals["LANGUAGE_NAMES"] = LANGUAGE_NAMES
    app.jinja_env.globals["current_language"] = current_language
