"""Production settings: `renstra check --deploy` is clean with the documented production
environment (docs/production.env), the app refuses to start there without a secret key, and a
one-machine install without a key gets its own random key, never a public one."""

import os
import stat
import subprocess
import sys
from pathlib import Path

ENV_FILE = Path(__file__).resolve().parents[2] / "docs" / "production.env"


def _documented() -> dict:
    values = {}
    for line in ENV_FILE.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key] = value
    return values


def _run(env, *args):
    # Nothing of the test run's own environment (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE,
    # which `check --deploy` rightly refuses).
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("RENSTRA_", "DATABASE_", "DJANGO_"))
    }
    return subprocess.run(
        [sys.executable, "-m", "renstra.cli", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _production(tmp_path) -> dict:
    env = _documented()
    env.update(
        RENSTRA_SECRET_KEY="k" * 20 + "-production-test-key-with-enough-entropy-0123456789",
        RENSTRA_ALLOWED_HOSTS="renstra.bontangkota.go.id",
        RENSTRA_CSRF_TRUSTED_ORIGINS="https://renstra.bontangkota.go.id",
        DATABASE_URL="sqlite:///{}".format(tmp_path / "prod.sqlite3"),
        RENSTRA_MEDIA_ROOT=str(tmp_path / "media"),
        RENSTRA_VAR_DIR=str(tmp_path),
    )
    assert not [k for k, v in env.items() if v.startswith("<")]
    return env


def test_check_deploy_is_clean_with_the_documented_environment(tmp_path):
    result = _run(_production(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = _production(tmp_path)
    del env["RENSTRA_SECRET_KEY"]
    result = _run(env, "check")
    assert result.returncode != 0
    assert "RENSTRA_SECRET_KEY belum diisi" in result.stderr


def test_one_machine_gets_its_own_random_key_once(tmp_path):
    env = {"RENSTRA_VAR_DIR": str(tmp_path), "DATABASE_URL": "sqlite:///{}".format(tmp_path / "a")}
    assert _run(env, "check").returncode == 0
    key_file = tmp_path / "secret_key"
    key = key_file.read_text()
    assert len(key) >= 50 and "demo" not in key
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert _run(env, "check").returncode == 0
    assert key_file.read_text() == key
