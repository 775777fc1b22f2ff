"""Which queue the configuration gives, and the `flask worker` command."""

from __future__ import annotations

import pytest
from huey import MemoryHuey, RedisHuey, SqliteHuey

from config import Config, ConfigError, TestingConfig
from umid_events.notifications.tasks import build_huey


def test_sqlite_under_the_instance_folder_by_default_and_redis_when_redis_url_is_set(
        monkeypatch, tmp_path):
    for name in ("REDIS_URL", "HUEY_BACKEND", "HUEY_SQLITE_PATH"):
        monkeypatch.delenv(name, raising=False)
    settings = Config.from_env()
    assert settings["HUEY_BACKEND"] == "sqlite"
    assert settings["HUEY_SQLITE_PATH"].endswith("huey.sqlite3")

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/15")
    assert Config.from_env()["HUEY_BACKEND"] == "redis"
    assert TestingConfig.from_env()["HUEY_BACKEND"] == "memory"  # tests bring their own

    monkeypatch.setenv("HUEY_BACKEND", "rabbit")
    with pytest.raises(ConfigError, match="HUEY_BACKEND must be sqlite, redis or memory"):
        Config.from_env()


def test_the_huey_instance_follows_the_settings(tmp_path):
    sqlite = build_huey({"HUEY_BACKEND": "sqlite", "HUEY_SQLITE_PATH": str(tmp_path / "q" / "h.db")})
    assert isinstance(sqlite, SqliteHuey) and (tmp_path / "q" / "h.db").exists()
    redis = build_huey({"HUEY_BACKEND": "redis", "REDIS_URL": "redis://127.0.0.1:6379/15",
                        "HUEY_NAME": "umid-test-config"})
    assert isinstance(redis, RedisHuey) and redis.name == "umid-test-config"
    assert isinstance(build_huey({"HUEY_BACKEND": "memory"}), MemoryHuey)
    assert build_huey({"HUEY_BACKEND": "memory", "HUEY_IMMEDIATE": True}).immediate


def test_flask_worker_is_a_command_and_refuses_immediate_mode(make_mail_app):
    mail_app = make_mail_app(backend="memory", HUEY_IMMEDIATE=True)
    result = mail_app.test_cli_runner().invoke(args=["worker"])
    assert result.exit_code != 0
    assert "HUEY_IMMEDIATE is on" in result.output
    help_text = mail_app.test_cli_runner().invoke(args=["worker", "--help"]).output
    assert "--workers" in help_text and "--no-periodic" in help_text
