"""Form submissions already handled: one row per form render whose submit wrote something."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FormSubmission(models.Model):
    """The token of one rendered form, claimed by the submit that used it (see community/submissions.py).

    The unique constraint is what lets a double click or a resend after a timeout through only once, even
    when both arrive at the same moment; the repeat is sent to `result_url`, where the first one went.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=32)
    result_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "token"], name="one_submit_per_form_render")]
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self):
        return self.token
