"""How django-allauth fits our site: the user's language is remembered for e-mails; redirects stay on-site."""

from django.utils.translation import get_language

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        language = (get_language() or "ja").split("-")[0]
        user.language = language if language in {"ja", "en"} else "ja"
        if commit:
            user.save()
        return user
