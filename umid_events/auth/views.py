"""Sign-in, first-run set-up and staff account management."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from ..core.errors import DomainError
from ..core.permissions import public, role_required, signed_in
from ..core.urls import safe_next
from ..extensions import db, limiter
from . import services
from .forms import ROLE_LABELS, LoginForm, SetupForm, UserCreateForm, UserEditForm
from .models import Role, User

bp = Blueprint("auth", __name__)


def _login_email_key() -> str:
    return "login-email:" + services.normalise_email(request.form.get("email", ""))


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(_login_limit, methods=["POST"], key_func=_login_email_key)
@public
def login():
    if services.setup_needed():
        return redirect(url_for("auth.setup"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            flash(_("Wrong email or password."), "danger")
        else:
            db.session.commit()
            login_user(user, remember=form.remember.data)
            return redirect(safe_next(request.args.get("next"), url_for("programmes.plan")))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@signed_in
def logout():
    logout_user()
    flash(_("You have signed out."), "info")
    return redirect(url_for("main.index"))


@bp.route("/setup", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
@public
def setup():
    if not services.setup_needed():
        abort(404)
    form = SetupForm()
    if form.validate_on_submit():
        try:
            user = services.create_first_admin(
                email=form.email.data, full_name=form.full_name.data, password=form.password.data
            )
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "danger")
            return redirect(url_for("auth.login"))
        login_user(user)
        flash(_("Welcome! Your administrator account is ready."), "success")
        return redirect(url_for("programmes.plan"))
    return render_template("auth/setup.html", form=form)


@bp.get("/admin/users")
@role_required(Role.ADMIN)
def users():
    return render_template("auth/users.html", users=services.list_users(), role_labels=ROLE_LABELS)


@bp.route("/admin/users/new", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def create_user():
    form = UserCreateForm()
    if form.validate_on_submit():
        try:
            services.create_user(
                email=form.email.data, full_name=form.full_name.data,
                password=form.password.data, role=Role(form.role.data),
            )
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            form.email.errors.append(str(error))
        else:
            flash(_("The account has been created."), "success")
            return redirect(url_for("auth.users"))
    return render_template("auth/user_form.html", form=form, user=None)


@bp.route("/admin/users/<int:user_id>", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def edit_user(user_id: int):
    user = db.get_or_404(User, user_id)
    form = UserEditForm(obj=user, role=user.role.value)
    if form.validate_on_submit():
        try:
            services.update_user(
                user, actor=current_user, full_name=form.full_name.data,
                role=Role(form.role.data), active=form.active.data, password=form.password.data,
            )
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "danger")
        else:
            flash(_("The account has been saved."), "success")
            return redirect(url_for("auth.users"))
    return render_template("auth/user_form.html", form=form, user=user)
