"""Requests without NUL characters.

Nobody types a NUL (U+0000): in a query string or a form it comes from a hand-made request or
text pasted from a damaged file. PostgreSQL text cannot hold one (it refuses the whole
statement, which would answer 500) and SQLite would keep it, invisible, in a name. So every
query-string and form value loses its NULs as the request is parsed, in one place for every
form, filter and ``request.form.getlist``; a path with a NUL names no page (404).
"""

from __future__ import annotations

from flask import Flask, Request, abort, request
from werkzeug.datastructures import ImmutableMultiDict, MultiDict

NUL = "\x00"


def _clean(value):
    return value.replace(NUL, "") if isinstance(value, str) else value


class WithoutNul(ImmutableMultiDict):
    """The request's parameters (Werkzeug's ``parameter_storage_class``), NULs removed."""

    def __init__(self, mapping=None):
        if isinstance(mapping, MultiDict):
            mapping = mapping.items(multi=True)
        elif isinstance(mapping, dict):
            mapping = [(key, value) for key, values in mapping.items()
                       for value in (values if isinstance(values, (list, tuple)) else [values])]
        super().__init__([(_clean(key), _clean(value)) for key, value in (mapping or ())])


class CleanRequest(Request):
    parameter_storage_class = WithoutNul


def _refuse_nul_in_path() -> None:
    if NUL in request.path:
        abort(404)


def init_app(app: Flask) -> None:
    app.request_class = CleanRequest
    app.before_request(_refuse_nul_in_path)
