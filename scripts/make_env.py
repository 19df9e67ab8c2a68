"""Print a .env for running the portal on this machine (see `make run`)."""

import secrets

print(f"""# Local settings written by `make run`. Not committed; delete to regenerate.
SECRET_KEY={secrets.token_urlsafe(50)}
DEBUG=false
ALLOWED_HOSTS=127.0.0.1,localhost
# Plain HTTP on this machine only; production keeps the secure defaults.
SECURE_SSL_REDIRECT=false
SESSION_COOKIE_SECURE=false
CSRF_COOKIE_SECURE=false
SECURE_HSTS_SECONDS=0
SITE_URL=http://127.0.0.1:8000
DEMO_PASSWORD={secrets.token_urlsafe(12)}
""")
