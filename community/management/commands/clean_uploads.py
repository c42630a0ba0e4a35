"""`manage.py clean_uploads`: delete member uploads (post images, group covers, profile photos) that no row uses.

Files are deleted when a row lets go of them, after its transaction commits (community/upload_files.py). This
sweeps up what that cannot see: uploads whose transaction rolled back, rows changed without signals, a crash
between commit and deletion. Files younger than the grace period are kept, so an upload whose row is not yet
committed is never taken. Celery beat runs it weekly; safe to run at any time, and again.
"""

from django.core.management.base import BaseCommand, CommandError

from community.upload_files import GRACE_HOURS, sweep_uploads


class Command(BaseCommand):
    help = (
        "Delete member uploads under posts/, groups/ and profiles/ that no row uses and that are older than "
        f"the grace period ({GRACE_HOURS} hours unless --older-than says otherwise)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=float,
            default=GRACE_HOURS,
            metavar="HOURS",
            help=f"Keep unused files modified less than this many hours ago (default {GRACE_HOURS}).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="List the files that would be deleted; delete nothing."
        )

    def handle(self, *args, older_than, dry_run, **options):
        if older_than < 0:
            raise CommandError("--older-than cannot be negative.")
        verb = "would delete" if dry_run else "deleted"

        def progress(folder, sweep):
            self.stdout.write(f"{folder}/: {sweep.checked} file(s) checked so far")

        sweep = sweep_uploads(older_than_hours=older_than, dry_run=dry_run, progress=progress)
        if dry_run:
            for name in sweep.orphans:
                self.stdout.write(name)
        self.stdout.write(
            f"{sweep.checked} file(s) checked: {sweep.in_use} in use, {sweep.recent} unused but newer than "
            f"{older_than:g} hours, {len(sweep.orphans)} unused {verb}."
        )
