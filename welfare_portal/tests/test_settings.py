import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]


def _check(env_overrides, *args):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_missing_secret_key_stops_start_up():
    result = _check({"DJANGO_READ_DOT_ENV": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_bad_setting_value_stops_start_up():
    result = _check({"SECRET_KEY": "k", "DJANGO_READ_DOT_ENV": "0", "SECURE_HSTS_SECONDS": "a year"})
    assert result.returncode != 0


def test_production_settings_pass_check_deploy():
    result = _check(
        {
            "SECRET_KEY": "x" * 20 + "production-like-secret-key-for-check-deploy-0123456789",
            "DEBUG": "false",
            "ALLOWED_HOSTS": "portal.example.jp",
            "SECURE_SSL_REDIRECT": "true",
            "SESSION_COOKIE_SECURE": "true",
            "CSRF_COOKIE_SECURE": "true",
            "SECURE_HSTS_SECONDS": "31536000",
            "DATABASE_URL": "sqlite:////tmp/check-deploy.sqlite3",
            "DJANGO_READ_DOT_ENV": "0",
            "SITE_URL": "https://portal.example.jp",
        },
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_warns_about_a_local_site_url():
    result = _check(
        {
            "SECRET_KEY": "x" * 20 + "production-like-secret-key-for-check-deploy-0123456789",
            "ALLOWED_HOSTS": "portal.example.jp",
            "SECURE_SSL_REDIRECT": "true",
            "SESSION_COOKIE_SECURE": "true",
            "CSRF_COOKIE_SECURE": "true",
            "SECURE_HSTS_SECONDS": "31536000",
            "DATABASE_URL": "sqlite:////tmp/check-deploy.sqlite3",
            "DJANGO_READ_DOT_ENV": "0",
            "SITE_URL": "http://127.0.0.1:8000",
        },
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode != 0
    assert "welfare_portal.W001" in result.stdout + result.stderr
