"""Settings shared by every environment.

Everything external comes from the environment (twelve-factor). With nothing set the site runs on its
embedded default: SQLite, eager Celery, e-mails written to files, Wagtail's database search backend.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(environ.Env().str("TSUNAGARI_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded default keeps its database, media and mail here

SECRET_KEY = env.str("SECRET_KEY", default="insecure-embedded-default-key-change-me")
DEBUG = False  # dev.py turns it on for `make run`; production never
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "home",
    "stories",
    "community",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    "django_comments_xtd",
    "django_comments",
    "django.contrib.admin",
    "django.contrib.auth",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.sites",
    "django.contrib.humanize",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "home.page_cache.PageCacheMiddleware",  # after the language is known, outside whatever sets cookies
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.security_headers.SecurityHeadersMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "community.admin_mfa.AdminSecondFactorMiddleware",
]
# Benchmarks only (bench/load.py; never on a real site): the bare view /bench/bare/ and an X-Queries header
# with the number of SQL statements of each request (portal/bench.py).
BENCH_VIEWS = env.bool("BENCH_VIEWS", default=False)
if BENCH_VIEWS:
    MIDDLEWARE = ["portal.bench.QueryCountMiddleware", *MIDDLEWARE]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_chrome",
                "community.context_processors.unread_counts",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# A connection that died (a restarted PostgreSQL) is replaced at the next request: the site recovers itself.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "community.User"
WAGTAILIMAGES_IMAGE_MODEL = "home.PortalImage"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "tsunagari",
            # A cache outage must not take reading and posting down with it.
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2},
        }
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tsunagari"}
    }
# Sessions live in the database only: one primary-key read per request, and a log-out made while Redis is down
# cannot come back from a stale cached copy when Redis returns (docs/configuration.md).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Anonymous visitors' pages (home, stories) are kept whole in the cache until anything shown on them changes
# (home/page_cache.py). Only with a cache every process shares (Redis): with a per-process cache, a publish in
# one process would leave the others serving the old page. PAGE_CACHE_MAX_AGE: what browsers and proxies keep.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600 if REDIS_URL else 0)
PAGE_CACHE_MAX_AGE = env.int("PAGE_CACHE_MAX_AGE", default=30)
# The member directory's filter choices per audience (search/directory.py) and member searches per audience and
# query (search/service.py); 0 finds them on every visit.
DIRECTORY_CACHE_SECONDS = env.int("DIRECTORY_CACHE_SECONDS", default=600 if REDIS_URL else 0)
# The header's unread badges per member (community/unread.py); 0 counts them on every page.
UNREAD_CACHE_SECONDS = env.int("UNREAD_CACHE_SECONDS", default=60 if REDIS_URL else 0)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Accounts (django-allauth: sign-up, e-mail verification, log-in, password reset, rate limits) ---------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "join"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "community.accounts.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[つながり] "
# Rates per address ("ip"), per account ("key") or per logged-in user; over a limit, allauth answers 429 with
# templates/429.html or a form error. Failed log-ins: "key" is the account *and* address (community/accounts.py),
# so guessing one account's password is slowed without locking its owner out from elsewhere; spraying one
# password over many accounts is slowed by the per-address rates. The same "login_failed" rates slow guessing
# the second factor's code (keyed on the account alone: whoever guesses it already has the password).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,60/h/ip,5/5m/key",
    "signup": "10/m/ip,30/h/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "10/m/ip,3/5m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
# Behind the reverse proxy every request comes from the proxy's address: count the X-Forwarded-For entry the
# proxy appends instead (1 behind one nginx; docs/production.md). 0 = REMOTE_ADDR (no proxy).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Two-step log-in (allauth.mfa): any member may add an authenticator app; the admin requires one
# (community/admin_mfa.py). Recovery codes are made with it. One 30-second step of clock drift is accepted.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Tsunagari"
MFA_TOTP_TOLERANCE = 1
# Wagtail's own log-in forms check a password only: both doors lead to allauth's (portal/urls.py).
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"

# --- Security headers (production.py adds HSTS and Secure cookies; docs/production.md, section 12) ----------
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"  # embedded players need the origin, nothing more
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No script reads the CSRF cookie: forms carry the token and htmx sends it from <body hx-headers>.
CSRF_COOKIE_HTTPONLY = True
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
# Origins media is served from when it lives on object storage (e.g. https://media.example.org).
MEDIA_ORIGINS = env.list("MEDIA_ORIGINS", default=[])
# Players that story embeds may show (Wagtail's oEmbed finders).
EMBED_FRAME_ORIGINS = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
# django-csp: on the site, scripts and styles come only from our own files (no inline code, no style=).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "media-src": [SELF, *MEDIA_ORIGINS],
        "frame-src": [SELF, *EMBED_FRAME_ORIGINS],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin (/admin/ and page previews, portal/security_headers.py) runs Wagtail's own code: its form
# widgets write inline <script>s and inline styles (wagtail/wagtail#1288), image uploads preview as blob: URLs,
# and the page editor frames its preview. Everything else stays as strict as the site.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [*CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"], "blob:"],
        "frame-ancestors": [SELF],
    }
}

# --- Language ---------------------------------------------------------------------------------------------
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

# --- Files ------------------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    # Media on S3-compatible object storage (install the "s3" extra); credentials come from the usual AWS_* vars.
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default=None)
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
# Members' images (posts/, groups/, profiles/) are served by community/views/media.py after a permission check.
# Behind nginx, set MEDIA_ACCEL_REDIRECT_PREFIX to the internal location that maps to MEDIA_ROOT (for example
# /_member_media/): Django then answers with X-Accel-Redirect and nginx sends the file (docs/production.md).
MEDIA_ACCEL_REDIRECT_PREFIX = env.str("MEDIA_ACCEL_REDIRECT_PREFIX", default="")
# How long the viewer's own browser may keep such an image (Cache-Control: private); never a shared cache.
MEMBER_MEDIA_MAX_AGE = env.int("MEMBER_MEDIA_MAX_AGE", default=600)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- E-mail -----------------------------------------------------------------------------------------------
EMAIL_FILE_PATH = VAR_DIR / "mail"
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_TIMEOUT = 30  # seconds: a hanging mail server fails the attempt, which is retried
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Tsunagari <noreply@tsunagari.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Tasks ------------------------------------------------------------------------------------------------
# Ours go through Celery; eager (in-process) unless a broker is configured.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TIMEZONE = TIME_ZONE
# E-mail deliveries wait in their own queue, so a 10,000-member fan-out is not stuck behind its own e-mails.
# Workers consume both: `celery -A portal worker -Q celery,email`.
CELERY_TASK_ROUTES = {"community.tasks.deliver_email": {"queue": "email"}}
CELERY_BEAT_SCHEDULE = {
    "weekly-digest": {
        "task": "community.tasks.send_weekly_digests",
        "schedule": crontab(hour=8, minute=0, day_of_week="mon"),
    },
    "sweep-outbox": {"task": "community.tasks.sweep_outbox", "schedule": 300.0},
    "sweep-fan-outs": {"task": "community.tasks.sweep_fan_outs", "schedule": 300.0},
    "forget-old-submissions": {"task": "community.tasks.forget_old_submissions", "schedule": 3600.0},
    "event-reminders": {"task": "community.tasks.send_event_reminders", "schedule": crontab(minute=5)},
    "draw-lotteries": {"task": "community.tasks.draw_due_lotteries", "schedule": 300.0},
    "publish-announcements": {"task": "community.tasks.publish_due_announcements", "schedule": 60.0},
    # Member uploads no row uses (most are deleted on commit already; this catches the rest).
    "clean-uploads": {
        "task": "community.tasks.clean_uploads",
        "schedule": crontab(hour=4, minute=30, day_of_week="sun"),
    },
}
# Wagtail's own background work (search index, reference index) stays on django_tasks' immediate backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Search -----------------------------------------------------------------------------------------------
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
ELASTICSEARCH_INDEX = env.str("ELASTICSEARCH_INDEX", default="tsunagari")
# Wagtail's own backend stays the database one (the admin's page search, and our SearchEntry rows in the
# embedded default). With ELASTICSEARCH_URL set, site and directory search go to Elasticsearch through
# search/elastic.py (elasticsearch-dsl), fed by Celery tasks; see docs/production.md.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# --- Wagtail ----------------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Tsunagari"
# Passwords are reset through allauth's form (rate-limited, ACCOUNT_RATE_LIMITS), never Wagtail's own.
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# Editors' uploads (docs/production.md#uploads-and-media): formats whose metadata home/image_metadata.py
# can remove without re-encoding (no AVIF or HEIC); 10 MB and 40 Mpx, well above any photo a story needs.
# Documents are served by Wagtail's view, as attachments (PDF inline) with nosniff and a CSP that runs nothing.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "txt", "csv"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No hash of staff e-mail addresses goes to Gravatar, and the admin shows no third-party images.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ALLOW_UNICODE_SLUGS = True

SITE_ID = 1

# --- Comments (django-comments-xtd; its views are mounted in the community issue) --------------------------
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MAX_THREAD_LEVEL = 2
COMMENTS_XTD_CONFIRM_EMAIL = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
