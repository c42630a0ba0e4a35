"""An e-mail backend whose server refuses everything, for the outbox's failure path."""

from smtplib import SMTPException

from django.core.mail.backends.base import BaseEmailBackend


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise SMTPException("mail server refused the connection")
