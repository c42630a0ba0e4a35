"""`{% submit_once_field %}`: the hidden token that makes a form's submit count once (community/submissions.py)."""

from django import template
from django.utils.html import format_html

from community.submissions import FIELD, new_token

register = template.Library()


@register.simple_tag
def submit_once_field():
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())
