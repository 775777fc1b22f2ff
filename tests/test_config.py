"""Configuration comes from the environment; mistakes give one clear line, not a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from config import ConfigError, ProductionConfig, normalise_database_url

from .conftest import ROOT


def _flask(*args, **env):
    environment = {key: value for key, value in os.environ.items() if not key.startswith("FLASK_")}
    environment.update(env)
    return subprocess.run([sys.executable, "-m", "flask", *args], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("url", ["nonsense", "mysql://user@host/db", "postgresql+nodriver://x/y"])
def test_a_bad_database_url_gives_one_clear_line(url, tmp_path):
    result = _flask("programme", "summary", DATABASE_URL=url, UMID_INSTANCE_PATH=str(tmp_path))
    assert result.returncode != 0
    assert "Configuration error: DATABASE_URL is not a usable database address" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_refuses_to_start_without_an_explicit_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        ProductionConfig.from_env()
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    assert ProductionConfig.from_env()["SECRET_KEY"] == "x" * 40


def test_development_keeps_a_generated_secret_key_under_instance(tmp_path):
    from config import load_or_create_secret_key

    first = load_or_create_secret_key(tmp_path)
    assert len(first) >= 32
    assert load_or_create_secret_key(tmp_path) == first
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"


def test_postgres_urls_use_the_installed_driver():
    assert normalise_database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_database_url("sqlite:///x.db") == "sqlite:///x.db"
