"""Ümid Events: the application factory."""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from config import ConfigError, config_for


def create_app(config_name: str | None = None, overrides: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder="../templates",
        static_folder="../static",
        instance_relative_config=True,
    )
    app.config.update(config_for(config_name).from_env())
    app.config.update(overrides or {})

    _init_extensions(app)
    _register_blueprints(app)

    from . import cli, errors, i18n
    from .audit import cli as audit_cli
    from .backup import cli as backup_cli
    from .core import clean_requests, security_headers
    from .dashboard import cli as dashboard_cli
    from .documents import cli as documents_cli
    from .documents import letterhead
    from .notifications import cli as notifications_cli
    from .notifications import tasks as notifications_tasks

    errors.init_app(app)
    clean_requests.init_app(app)
    security_headers.init_app(app)
    i18n.init_app(app)
    letterhead.init_app(app)
    cli.init_app(app)
    notifications_cli.init_app(app)
    documents_cli.init_app(app)
    dashboard_cli.init_app(app)
    backup_cli.init_app(app)
    audit_cli.init_app(app)
    notifications_tasks.init_app(app)

    proxies = int(app.config.get("PROXY_COUNT") or 0)
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    return app


def _init_extensions(app: Flask) -> None:
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    from . import models  # noqa: F401  (registers every table on the metadata)
    from .core import compression, database

    database.init_app(app)
    from .auth.services import load_user
    from .extensions import babel, csrf, db, limiter, login_manager, mail, migrate
    from .i18n import select_locale

    try:
        db.init_app(app)
    except (ArgumentError, NoSuchModuleError, ModuleNotFoundError, ValueError) as exc:
        url = app.config["SQLALCHEMY_DATABASE_URI"]
        raise ConfigError(f"DATABASE_URL is not a usable database address ({url!r}): {exc}") from exc
    migrate.init_app(app, db, directory=str(app.config.get("MIGRATIONS_DIR", "migrations")))
    csrf.init_app(app)
    mail.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "warning"
    login_manager.user_loader(load_user)
    compression.init_app(app)  # early: Flask runs after_request hooks in reverse, so it runs late

    from flask_babel import lazy_gettext

    login_manager.login_message = lazy_gettext("Please sign in to open this page.")


def _register_blueprints(app: Flask) -> None:
    from .attendance.public import bp as check_in_bp
    from .attendance.views import bp as attendance_bp
    from .audit.views import bp as audit_bp
    from .auth.views import bp as auth_bp
    from .certificates.public import bp as certificates_public_bp
    from .certificates.views import bp as certificates_bp
    from .contacts.views import bp as contacts_bp
    from .dashboard.views import bp as dashboard_bp
    from .directory.views import bp as directory_bp
    from .documents.views import bp as documents_bp
    from .events.public import bp as public_bp
    from .events.views import bp as events_bp
    from .ical.views import bp as ical_bp
    from .invitations.views import bp as invitations_bp
    from .invitations.views import replies_bp
    from .main.views import bp as main_bp
    from .notifications.public import bp as unsubscribe_bp
    from .notifications.views import bp as notifications_bp
    from .outcomes.public import bp as knowledge_public_bp
    from .outcomes.views import bp as outcomes_bp
    from .programmes.views import bp as programmes_bp
    from .proposals.live import bp as proposals_live_bp
    from .proposals.public import bp as proposals_public_bp
    from .proposals.views import bp as proposals_bp
    from .registrations.public import bp as registrations_bp
    from .registrations.views import bp as event_registrations_bp

    for blueprint in (main_bp, auth_bp, directory_bp, programmes_bp, events_bp, public_bp, ical_bp,
                      registrations_bp, event_registrations_bp, invitations_bp, notifications_bp, attendance_bp,
                      check_in_bp, proposals_bp, proposals_live_bp, proposals_public_bp,
                      outcomes_bp, knowledge_public_bp, dashboard_bp,
                      contacts_bp, certificates_bp, certificates_public_bp, documents_bp, unsubscribe_bp, replies_bp,
                      audit_bp):
        app.register_blueprint(blueprint)
