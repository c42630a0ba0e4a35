"""Rendering and sending e-mails in the recipient's language, as plain text with an HTML alternative.

Outbox rows hold only ids; what an e-mail says is loaded when it is sent, so it is current and checked against
what the recipient may see at that moment.
"""

import hashlib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


class NothingToSend(Exception):
    """The e-mail lost its reason to exist (the content was removed or the recipient may no longer see it)."""


def _application(recipient, context):
    from .models import Application

    return {"application": Application.objects.get(pk=context["application_id"], user=recipient)}


def _notification(recipient, context):
    from . import permissions
    from .models import Notification
    from .notifications import unsubscribe_url

    notification = (
        Notification.objects.select_related("post__group")
        .filter(pk=context["notification_id"], recipient=recipient)
        .first()
    )
    if notification is None or (
        notification.post and not permissions.can_read_post(recipient, notification.post)
    ):
        raise NothingToSend
    return {"notification": notification, "unsubscribe_path": unsubscribe_url(recipient, notification.kind)}


def _digest(recipient, context):
    from .digest import digest_context

    return digest_context(recipient, context)


CONTEXT_LOADERS = {
    "community/emails/application_decision": _application,
    "community/emails/notification": _notification,
    "community/emails/digest": _digest,
}


def send_templated_email(template_prefix, recipient, context, message_id_key=None):
    """Render `<prefix>_subject.txt`, `<prefix>.txt` and `<prefix>.html` in the recipient's language and send.

    `message_id_key` gives the message a stable Message-ID, so a resend after a crash is recognisably the same.
    Raises NothingToSend when there is no longer anything the recipient may read.
    """
    language = getattr(recipient, "language", None) or settings.LANGUAGE_CODE
    site_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    with translation.override(language):
        loaded = (
            CONTEXT_LOADERS[template_prefix](recipient, context) if template_prefix in CONTEXT_LOADERS else {}
        )
        full_context = {"recipient": recipient, "site_url": site_url, **context, **loaded}
        subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", full_context).split())
        text = render_to_string(f"{template_prefix}.txt", full_context)
        html = render_to_string(f"{template_prefix}.html", full_context)
    headers = {}
    if message_id_key:
        headers["Message-ID"] = f"<{hashlib.sha256(message_id_key.encode()).hexdigest()[:32]}@tsunagari>"
    if "unsubscribe_path" in full_context:
        headers["List-Unsubscribe"] = f"<{site_url}{full_context['unsubscribe_path']}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [recipient.email], headers=headers
    )
    message.attach_alternative(html, "text/html")
    message.send()
