"""The Celery application: eager in the embedded default, a real worker when REDIS_URL is set."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="portal.ping")
def ping():
    """Answer "pong": lets health checks and CI prove a worker is consuming the queue."""
    return "pong"
