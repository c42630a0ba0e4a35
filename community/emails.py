"""Rendering and sending e-mails in the recipient's language, as plain text with an HTML alternative."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def send_templated_email(template_prefix, recipient, context):
    """Render `<prefix>_subject.txt`, `<prefix>.txt` and `<prefix>.html` in the recipient's language and send."""
    language = getattr(recipient, "language", None) or settings.LANGUAGE_CODE
    context = {"recipient": recipient, "site_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/"), **context}
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
        text = render_to_string(f"{template_prefix}.txt", context)
        html = render_to_string(f"{template_prefix}.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [recipient.email])
    message.attach_alternative(html, "text/html")
    message.send()
