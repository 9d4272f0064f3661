"""Celery application: `celery -A esante worker` and `celery -A esante beat`."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "esante.settings")

app = Celery("esante")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
