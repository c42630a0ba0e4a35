"""Production: secrets and hosts must come from the environment; hardened cookies and headers."""

from django.core.exceptions import ImproperlyConfigured

from .base import *

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY or SECRET_KEY.startswith("insecure"):
    raise ImproperlyConfigured("Set SECRET_KEY in the environment for production.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# HSTS: subdomains and preload only when every subdomain of the host really serves HTTPS (docs/production.md).
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
# The other headers and cookie flags (SameSite, HttpOnly, CSP) are in base.py, the same in every environment.
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# New dicts, never base.py's edited in place: a process that also reads production.py (a test, a tool) keeps
# the settings it runs with.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # psycopg 3's built-in connection pool; persistent connections are off when pooling. With CONN_HEALTH_CHECKS
    # (base.py) Django gives the pool a check, so a connection is tested before it is handed out.
    pool = {
        "min_size": env.int("DB_POOL_MIN", default=2),
        "max_size": env.int("DB_POOL_MAX", default=10),
        "timeout": 10,
    }
    default = DATABASES["default"]
    DATABASES = {
        **DATABASES,
        "default": {**default, "CONN_MAX_AGE": 0, "OPTIONS": {**default.get("OPTIONS", {}), "pool": pool}},
    }

LOGGING = {**LOGGING, "root": {**LOGGING["root"], "level": env.str("LOG_LEVEL", default="INFO")}}
