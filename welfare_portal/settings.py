"""Settings for the welfare portal, read from the environment (12-factor).

Every value has a safe production default except SECRET_KEY, which must be
given. `make run` writes a local `.env` for a first run on one machine; see
README.md for the full list of settings.
"""

import datetime
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if env.bool("DJANGO_READ_DOT_ENV", default=True):
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # The admin with this portal's own site: two-factor, role-limited filters.
    "welfare_portal.admin_apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "welfare_portal",
    "consultations",
    "ibasho",
    "participation",
    "food_support",
]

MIDDLEWARE = [
    "welfare_portal.middleware.HealthCheckMiddleware",
    "welfare_portal.middleware.RejectNulMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "welfare_portal.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff: idle and absolute session limits, then the second factor, then no-store.
    "welfare_portal.middleware.StaffSessionMiddleware",
    "welfare_portal.middleware.StaffTwoFactorMiddleware",
    "welfare_portal.middleware.StaffNoStoreMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "welfare_portal.urls"
WSGI_APPLICATION = "welfare_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "welfare_portal.context_processors.portal",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
# SQLite in the project folder is the embedded default for a first run;
# production is PostgreSQL (psycopg 3), e.g. postgres://user:pw@host:5432/name
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at the start of each transaction, so two
    # bookings for the last place are serialised instead of both succeeding.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    # Tests use a file, not memory, so threads and the live server see one database.
    DATABASES["default"].setdefault("TEST", {"NAME": str(BASE_DIR / "test_db.sqlite3")})
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Sessions live in the database so several app servers can share them.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Messages can name a person: keep them server-side, not in a readable cookie.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
CACHES = {"default": env.cache("CACHE_URL", default="dbcache://django_cache")}

# --- Auth -------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "staff-home"
# django-axes checks every login first: too many wrong passwords lock the account.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = env.list(
    "PASSWORD_HASHERS",
    default=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    ],
)

# --- Language and time -------------------------------------------------------
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
# Our date style for Japanese (welfare_portal/formats/ja/formats.py): 2026年12月4日(金).
FORMAT_MODULE_PATH = ["welfare_portal.formats"]
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files -----------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
# On several app servers MEDIA_ROOT must be shared storage (NFS or similar).
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Email -------------------------------------------------------------------
# Console backend by default: development prints mail instead of sending it.
# e.g. EMAIL_URL=smtp+tls://user:password@smtp.example.jp:587
_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
if EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend":
    # The console backend prints booking links: ours masks their tokens.
    EMAIL_BACKEND = "welfare_portal.log_privacy.MaskingConsoleEmailBackend"
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="no-reply@localhost")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# The public address of the site, used in emails and QR codes.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# --- Security ----------------------------------------------------------------
# Safe defaults for production behind a TLS-terminating proxy; `make run` and
# the tests turn the HTTPS-only parts off in their own environment.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies (load balancers) stand in front of the app servers and append
# to X-Forwarded-For; the rate limit of the public forms counts the address
# that the last trusted proxy saw. 0 means: use the TCP peer address.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# Joining the browsers' HSTS preload list is a decision for the owner of the
# whole domain (often the city), not for this app: don't warn about it.
# axes.W006 asks to lock out by address too; we lock by login name on purpose
# (see AXES_LOCKOUT_PARAMETERS below), which rotating addresses cannot get around.
SILENCED_SYSTEM_CHECKS = env.list("SILENCED_SYSTEM_CHECKS", default=["security.W021", "axes.W006"])
SECURE_CONTENT_TYPE_NOSNIFF = True
CSRF_FAILURE_VIEW = "welfare_portal.views.csrf_failure"
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
# Staff sessions end after this many minutes without activity, and in any case
# SESSION_COOKIE_AGE seconds after logging in (a working day).
STAFF_IDLE_MINUTES = env.int("STAFF_IDLE_MINUTES", default=30)
if STAFF_IDLE_MINUTES < 1:
    raise ImproperlyConfigured("STAFF_IDLE_MINUTES must be at least 1.")

# --- Staff sign-in: lockout and the second factor ----------------------------------
# django-axes: after AXES_FAILURE_LIMIT wrong passwords for one login name the
# account is locked for AXES_COOLOFF_MINUTES (a 管理者 can unlock it sooner in
# the admin). Locking by name, not by address: a council office shares one
# address, and one person's typos must not lock out the whole office. The
# address is still recorded, as the load balancer reports it.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "welfare_portal.network.client_address"
AXES_LOCKOUT_CALLABLE = "welfare_portal.account_views.locked_out"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False
# Two-factor sign-in (TOTP, django-otp) is required for staff who can open case
# records ("case_records", the default) or for every staff user ("all"). Staff
# who have enrolled a device are always asked for a code.
TWO_FACTOR_REQUIRED_FOR = env.str("TWO_FACTOR_REQUIRED_FOR", default="case_records")
if TWO_FACTOR_REQUIRED_FOR not in ("case_records", "all"):
    raise ImproperlyConfigured('TWO_FACTOR_REQUIRED_FOR must be "case_records" or "all".')
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="")  # defaults to COUNCIL_NAME below
# Reverting to a past version would write around the services (and their rules).
SIMPLE_HISTORY_REVERT_DISABLED = True

# Browser features no page here uses.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# A strict Content Security Policy: no inline script or style, nothing from
# other sites. Templates use static files only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# --- Logging -----------------------------------------------------------------
# Request lines carry no personal data: no personal data goes in URLs.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"mask_secrets": {"()": "welfare_portal.log_privacy.MaskSecretsFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["mask_secrets"]}
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Lockouts and repeated failures are warnings; every successful login is not news.
        "axes": {"level": "WARNING"},
    },
}

# --- Case work -------------------------------------------------------------------
# An open case with no contact for this many days is "stalled" on lists and the staff home.
STALLED_CASE_DAYS = env.int("STALLED_CASE_DAYS", default=30)
# An assessment older than this many days falls due again (on the staff home, the
# case list and the meeting agenda).
ASSESSMENT_DUE_DAYS = env.int("ASSESSMENT_DUE_DAYS", default=180)
if STALLED_CASE_DAYS < 1 or ASSESSMENT_DUE_DAYS < 1:
    raise ImproperlyConfigured("STALLED_CASE_DAYS and ASSESSMENT_DUE_DAYS must be at least 1.")

# --- Forms -------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- The council that runs this portal ----------------------------------------
# Another council deploys the portal by setting these; the defaults are the
# Tama council's public details (seed 000), used as demo data.
COUNCIL = {
    "name": env.str("COUNCIL_NAME", default="多摩市社会福祉協議会"),
    "department": env.str("COUNCIL_DEPARTMENT", default="地域福祉推進課 まちづくり推進担当"),
    "phone": env.str("COUNCIL_PHONE", default="042-373-5616"),
    "fax": env.str("COUNCIL_FAX", default="042-373-6629"),
    "email": env.str("COUNCIL_EMAIL", default=""),
    "postal_code": env.str("COUNCIL_POSTAL_CODE", default="206-0011"),
    "address": env.str("COUNCIL_ADDRESS", default="東京都多摩市関戸4-72"),
    "building": env.str(
        "COUNCIL_BUILDING",
        default="ヴィータ・コミューネ7階 多摩ボランティア・市民活動支援センター内",
    ),
    # Not on the source page: demo wording, set the real ones when deploying.
    "hours": env.str("COUNCIL_HOURS", default="月曜日〜金曜日 8時30分〜17時(祝日・年末年始を除く)"),
    "access": env.str("COUNCIL_ACCESS", default=""),
}
OTP_TOTP_ISSUER = OTP_TOTP_ISSUER or COUNCIL["name"]
