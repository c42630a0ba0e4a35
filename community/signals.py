"""Signals sent after a write has committed, for notifications (see receivers.py)."""

from django.dispatch import Signal

message_sent = Signal()  # sender=Message, message
