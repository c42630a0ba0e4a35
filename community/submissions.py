"""One write per form render: a double click, or a resend after a timeout, creates nothing twice.

Each form that creates something (a post, a comment, a message) carries a random token in a hidden field,
rendered by `{% submit_once_field %}`. The view claims the token with `submit_once(request)` in the same
transaction as its write. `FormSubmission`'s unique constraint on (user, token) lets only one claim commit:
a second submit of the same render, even one arriving at the same moment, waits for the first to commit and
is then sent to the page the first one went to, without writing anything. A submit that wrote nothing (an
invalid form, a rate limit) gives its token back, so correcting the form and sending it again works.
"""

import re
import uuid
from contextlib import contextmanager
from datetime import timedelta

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community.models import FormSubmission

FIELD = "submit_token"
TOKEN = re.compile(r"[0-9a-f]{32}")
KEEP = timedelta(days=2)  # long enough for any resend of a page left open


def new_token():
    """A fresh token for one render of a form."""
    return uuid.uuid4().hex


class Submission:
    """What `submit_once` knows about this submit: `repeated` (and `url`) when the form was already sent."""

    def __init__(self):
        self.repeated = False
        self.url = None

    def done(self, url):
        """Record where the write led, so a repeat goes there too; returns `url`."""
        self.url = str(url)
        return self.url


@contextmanager
def submit_once(request):
    """Claim this submit's form token for the write done inside the block.

    If `.repeated` is set, the same render was already submitted successfully: redirect to `.url` and write
    nothing. Otherwise write, and call `.done(url)` with the page to go to; if the block ends without it
    (or raises), the claim is withdrawn with everything else written inside the block. A POST without a
    well-formed token (an old page, a script) is handled as before, without protection.
    """
    submission = Submission()
    token = request.POST.get(FIELD, "")
    if not TOKEN.fullmatch(token):
        yield submission
        return
    with transaction.atomic():
        try:
            with transaction.atomic():
                claim = FormSubmission.objects.create(user=request.user, token=token)
        except IntegrityError:
            # Read after the conflict: on PostgreSQL the insert waited for the first submit's commit.
            submission.repeated = True
            submission.url = FormSubmission.objects.get(user=request.user, token=token).result_url
            # Said, not silent: a page restored from the browser's history carries its old token too.
            messages.info(request, _("This form had already been sent: it was saved once."))
            yield submission
            return
        yield submission
        if submission.url is None:
            claim.delete()
        else:
            FormSubmission.objects.filter(pk=claim.pk).update(result_url=submission.url[:500])


def forget_old_submissions(now=None):
    """Delete claims older than `KEEP`; returns how many. A form rendered before then is not protected."""
    deleted, _per_model = FormSubmission.objects.filter(
        created_at__lt=(now or timezone.now()) - KEEP
    ).delete()
    return deleted
