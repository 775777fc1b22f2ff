"""The shape every form view shares: validate, call one service, commit, say so."""

from __future__ import annotations

from collections.abc import Callable

from flask import flash, redirect, render_template

from ..extensions import db
from .errors import DomainError


def save_form(form, save: Callable, *, done: str, next_url: str, template: str, **context):
    """Run ``save(form)`` when the form validates; commit once; a DomainError becomes a message.

    On error the page is shown again with what was typed kept.
    """
    if form.validate_on_submit():
        try:
            save(form)
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "danger")
        else:
            flash(done, "success")
            return redirect(next_url)
    return render_template(template, form=form, next_url=next_url, **context)


def run_action(action: Callable, *, done: str, next_url: str):
    """A POST-only action (delete, publish …): one service call, one commit, one message."""
    try:
        action()
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        flash(str(error), "danger")
    else:
        flash(done, "success")
    return redirect(next_url)
