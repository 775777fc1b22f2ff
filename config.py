"""Configuration classes; every value comes from the environment with a documented default.

Nothing here touches the database or the network: values are read when ``create_app`` asks for
them (``Config.from_env``), never at import time.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("UMID_INSTANCE_PATH", BASE_DIR / "instance"))


class ConfigError(RuntimeError):
    """A setting is missing or unusable; the message is one line meant for the operator."""


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, not {value!r}") from exc


def normalise_database_url(url: str) -> str:
    """Point bare ``postgres://``/``postgresql://`` URLs at psycopg 3, the driver we install."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def load_or_create_secret_key(instance_dir: Path) -> str:
    """Read ``instance/secret_key``, creating it (mode 0600) with a random value the first time."""
    path = instance_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


class Config:
    """Settings shared by every environment (documented in README.md)."""

    ENV_NAME = "base"
    TESTING = False
    DEBUG = False

    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    DATABASE_PING_AFTER_IDLE_SECONDS = 10  # a pooled connection idle this long is checked first
    COMMUNITY_OPTIONS_CACHE_SECONDS = 60  # public forms keep the list of communities this long

    MAX_CONTENT_LENGTH = 10 * 1024 * 1024
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = 8 * 3600

    BABEL_DEFAULT_LOCALE = "az"
    LANGUAGES = ("az", "en")
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "umid_events" / "translations")

    # One counter per address and window: a single Redis round trip per submission (the moving
    # window and the X-RateLimit headers cost two more), at the price of allowing up to twice the
    # limit across the boundary of two windows.
    RATELIMIT_HEADERS_ENABLED = False
    RATELIMIT_STRATEGY = "fixed-window"

    HUEY_BACKEND: str | None = None  # None: "redis" when REDIS_URL is set, else "sqlite"

    # Security headers (umid_events/core/security_headers.py), on every response.
    # The Content-Security-Policy: everything from this site, nothing inline (no 'unsafe-inline',
    # no 'unsafe-eval', so an injected <script> or style="" does nothing); images may be data:
    # URIs (Bootstrap's icons, QR codes); no plugins, no <base>, forms post here only, and no
    # other site may frame a page. The mail previews set a policy of their own.
    CONTENT_SECURITY_POLICY = {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
        "base-uri": "'none'",
        "object-src": "'none'",
    }
    # Personal pages carry their secret token in the path and link to video platforms and
    # calendars: no Referer leaves for another site. Within the site the Referer stays, so
    # Flask-WTF's check on HTTPS that a form was posted from this site keeps working.
    REFERRER_POLICY = "same-origin"
    # Browser features no page uses, turned off for this site and anything it might embed.
    PERMISSIONS_POLICY_OFF = ("accelerometer", "camera", "geolocation", "gyroscope",
                              "magnetometer", "microphone", "payment", "usb")
    # Strict-Transport-Security: on in production only (HSTS_ENABLED, from the environment);
    # development and the tests run on http://127.0.0.1. One year, subdomains included.
    HSTS_MAX_AGE_SECONDS = 365 * 24 * 3600
    HSTS_INCLUDE_SUBDOMAINS = True

    @classmethod
    def from_env(cls) -> dict:
        """Return this class's settings, completed from the environment."""
        settings = {key: getattr(cls, key) for key in dir(cls) if key.isupper()}
        database_url = os.environ.get("DATABASE_URL") or cls.default_database_url()
        redis_url = os.environ.get("REDIS_URL") or None
        settings.update(
            SQLALCHEMY_DATABASE_URI=normalise_database_url(database_url),
            SECRET_KEY=cls.secret_key(),
            REDIS_URL=redis_url,
            RATELIMIT_STORAGE_URI=redis_url or "memory://",
            DISPLAY_TIMEZONE=os.environ.get("DISPLAY_TIMEZONE", "Asia/Baku"),
            BABEL_DEFAULT_LOCALE=os.environ.get("DEFAULT_LANGUAGE", cls.BABEL_DEFAULT_LOCALE),
            BABEL_DEFAULT_TIMEZONE=os.environ.get("DISPLAY_TIMEZONE", "Asia/Baku"),
            MAIL_SERVER=os.environ.get("MAIL_SERVER", "") or None,
            MAIL_PORT=_int("MAIL_PORT", 25),
            MAIL_USE_TLS=_bool("MAIL_USE_TLS", False),
            MAIL_USE_SSL=_bool("MAIL_USE_SSL", False),
            MAIL_USERNAME=os.environ.get("MAIL_USERNAME") or None,
            MAIL_PASSWORD=os.environ.get("MAIL_PASSWORD") or None,
            MAIL_DEFAULT_SENDER=os.environ.get("MAIL_DEFAULT_SENDER", "umid-events@localhost"),
            MAIL_SUPPRESS_SEND=_bool("MAIL_SUPPRESS_SEND", cls.TESTING),
            # The outbox (umid_events/notifications): retries double from MAIL_RETRY_SECONDS up to
            # MAIL_RETRY_MAX_SECONDS; a message still refused after MAIL_MAX_ATTEMPTS is "failed".
            MAIL_MAX_ATTEMPTS=_int("MAIL_MAX_ATTEMPTS", 10),
            MAIL_RETRY_SECONDS=_int("MAIL_RETRY_SECONDS", 60),
            MAIL_RETRY_MAX_SECONDS=_int("MAIL_RETRY_MAX_SECONDS", 4 * 3600),
            MAIL_SENDING_TIMEOUT_SECONDS=_int("MAIL_SENDING_TIMEOUT_SECONDS", 900),
            MAIL_BATCH_SIZE=_int("MAIL_BATCH_SIZE", 50),
            MAIL_RETENTION_DAYS=_int("MAIL_RETENTION_DAYS", 180),
            # The audit log (umid_events/audit): entries older than this are deleted by the worker
            # and by `flask audit purge`; 0 keeps them without a limit.
            AUDIT_RETENTION_DAYS=_int("AUDIT_RETENTION_DAYS", 730),
            # SMS (umid_events/notifications/sms.py): "smpp" (SMPP 3.4, what Azerbaijani SMS
            # aggregators offer) or "http" (a JSON gateway); unset, SMS are held in the outbox.
            SMS_BACKEND=(os.environ.get("SMS_BACKEND") or "").strip().lower() or None,
            SMS_SUPPRESS_SEND=_bool("SMS_SUPPRESS_SEND", cls.TESTING),
            SMS_SENDER=os.environ.get("SMS_SENDER", "UMID"),
            SMS_SMPP_HOST=os.environ.get("SMS_SMPP_HOST", "127.0.0.1"),
            SMS_SMPP_PORT=_int("SMS_SMPP_PORT", 2775),
            SMS_SMPP_SYSTEM_ID=os.environ.get("SMS_SMPP_SYSTEM_ID", ""),
            SMS_SMPP_PASSWORD=os.environ.get("SMS_SMPP_PASSWORD", ""),
            SMS_SMPP_SYSTEM_TYPE=os.environ.get("SMS_SMPP_SYSTEM_TYPE", ""),
            SMS_HTTP_URL=os.environ.get("SMS_HTTP_URL") or None,
            SMS_HTTP_TOKEN=os.environ.get("SMS_HTTP_TOKEN") or None,
            SMS_TIMEOUT_SECONDS=_int("SMS_TIMEOUT_SECONDS", 10),
            # Calendar replies (umid_events/invitations/rsvp.py): invitations name RSVP_ADDRESS as
            # their organiser, and the worker reads that mailbox over IMAP every minute, so that
            # "Yes" in Outlook, Gmail or Thunderbird registers the invitee. Unset: invitations
            # carry a calendar without Yes / No buttons and the mail's own button registers.
            RSVP_ADDRESS=(os.environ.get("RSVP_ADDRESS") or "").strip() or None,
            RSVP_IMAP_HOST=(os.environ.get("RSVP_IMAP_HOST") or "").strip() or None,
            RSVP_IMAP_PORT=_int("RSVP_IMAP_PORT", 993),
            RSVP_IMAP_SECURITY=(os.environ.get("RSVP_IMAP_SECURITY") or "ssl").strip().lower(),
            RSVP_IMAP_USER=os.environ.get("RSVP_IMAP_USER", ""),
            RSVP_IMAP_PASSWORD=os.environ.get("RSVP_IMAP_PASSWORD", ""),
            RSVP_IMAP_FOLDER=os.environ.get("RSVP_IMAP_FOLDER", "INBOX"),
            RSVP_IMAP_TIMEOUT_SECONDS=_int("RSVP_IMAP_TIMEOUT_SECONDS", 30),
            # The job queue (Huey): SQLite file by default, Redis when REDIS_URL is set.
            HUEY_BACKEND=(os.environ.get("HUEY_BACKEND") or cls.HUEY_BACKEND
                          or ("redis" if redis_url else "sqlite")),
            HUEY_NAME=os.environ.get("HUEY_NAME", "umid-events"),
            HUEY_SQLITE_PATH=os.environ.get("HUEY_SQLITE_PATH") or str(INSTANCE_DIR / "huey.sqlite3"),
            HUEY_WORKERS=_int("HUEY_WORKERS", 2),
            HUEY_IMMEDIATE=_bool("HUEY_IMMEDIATE", False),
            SESSION_COOKIE_SECURE=_bool("SESSION_COOKIE_SECURE", cls.ENV_NAME == "production"),
            HSTS_ENABLED=_bool("HSTS_ENABLED", cls.ENV_NAME == "production"),
            LOGIN_RATE_LIMIT=os.environ.get("LOGIN_RATE_LIMIT", "10 per minute;50 per hour"),
            PUBLIC_FORM_RATE_LIMIT=os.environ.get("PUBLIC_FORM_RATE_LIMIT",
                                                  "30 per minute;300 per hour"),
            # "Send me my link again" per address, on top of PUBLIC_FORM_RATE_LIMIT: each request
            # may send an SMS, which costs money and can pester the phone's owner.
            LINK_RECOVERY_RATE_LIMIT=os.environ.get("LINK_RECOVERY_RATE_LIMIT",
                                                    "5 per 10 minutes;20 per day"),
            JITSI_SERVER=os.environ.get("JITSI_SERVER", "https://meet.jit.si").rstrip("/"),
            # Where people reach the service; links in mail written outside a request use it.
            PUBLIC_BASE_URL=os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000").rstrip("/"),
        )
        if settings["BABEL_DEFAULT_LOCALE"] not in cls.LANGUAGES:
            raise ConfigError(
                f"DEFAULT_LANGUAGE must be one of {', '.join(cls.LANGUAGES)}, "
                f"not {settings['BABEL_DEFAULT_LOCALE']!r}"
            )
        if settings["SMS_BACKEND"] not in (None, "smpp", "http"):
            raise ConfigError(f"SMS_BACKEND must be smpp or http, not {settings['SMS_BACKEND']!r}")
        if settings["SMS_BACKEND"] == "http" and not settings["SMS_HTTP_URL"]:
            raise ConfigError("SMS_BACKEND=http needs SMS_HTTP_URL")
        if settings["RSVP_IMAP_SECURITY"] not in ("ssl", "starttls", "none"):
            raise ConfigError(f"RSVP_IMAP_SECURITY must be ssl, starttls or none, "
                              f"not {settings['RSVP_IMAP_SECURITY']!r}")
        if bool(settings["RSVP_ADDRESS"]) != bool(settings["RSVP_IMAP_HOST"]):
            raise ConfigError("RSVP_ADDRESS and RSVP_IMAP_HOST go together: replies sent to the "
                              "address are read from that mailbox")
        if settings["HUEY_BACKEND"] not in ("sqlite", "redis", "memory"):
            raise ConfigError(f"HUEY_BACKEND must be sqlite, redis or memory, "
                              f"not {settings['HUEY_BACKEND']!r}")
        if settings["HUEY_BACKEND"] == "redis" and not redis_url:
            raise ConfigError("HUEY_BACKEND=redis needs REDIS_URL")
        return settings

    @staticmethod
    def default_database_url() -> str:
        return f"sqlite:///{INSTANCE_DIR / 'umid-events.sqlite3'}"

    @staticmethod
    def secret_key() -> str:
        return os.environ.get("SECRET_KEY") or load_or_create_secret_key(INSTANCE_DIR)


class DevelopmentConfig(Config):
    ENV_NAME = "development"
    DEBUG = True


class TestingConfig(Config):
    ENV_NAME = "testing"
    TESTING = True
    WTF_CSRF_ENABLED = True  # the tests send real tokens, as browsers do
    RATELIMIT_STORAGE_URI = "memory://"
    HUEY_BACKEND = "memory"  # tests that deliver mail start their own queue and worker

    @staticmethod
    def secret_key() -> str:
        return os.environ.get("SECRET_KEY") or "testing-secret-key-not-for-production-use"


class ProductionConfig(Config):
    ENV_NAME = "production"

    @staticmethod
    def secret_key() -> str:
        key = os.environ.get("SECRET_KEY", "")
        if len(key) < 32:
            raise ConfigError(
                "SECRET_KEY must be set to a random value of at least 32 characters in production"
            )
        return key


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_for(name: str | None) -> type[Config]:
    name = name or os.environ.get("UMID_ENV", "development")
    try:
        return CONFIGS[name]
    except KeyError as exc:
        raise ConfigError(f"UMID_ENV must be one of {', '.join(CONFIGS)}, not {name!r}") from exc
