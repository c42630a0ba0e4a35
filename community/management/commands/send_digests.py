"""`manage.py send_digests`: queue this week's digest e-mail for every member now (Celery beat does it on Mondays).

Safe to run again: a member gets one digest per week.
"""

from django.core.management.base import BaseCommand

from community.tasks import send_weekly_digests


class Command(BaseCommand):
    help = (
        "Queue this week's digest e-mail for every member who has something in it (one per member and week)."
    )

    def handle(self, *args, **options):
        queued = send_weekly_digests()
        self.stdout.write(f"{queued} digest(s) queued.")
