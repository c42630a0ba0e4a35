"""How django-allauth fits our site: the user's language is remembered for e-mails; redirects stay on-site;
failed log-ins are counted per account *and address*, so a guesser never locks the real member out."""

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

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth's "key" limit on failed log-ins is per account from anywhere: someone guessing one account's
        # password would lock its owner out everywhere. Counted per account and address instead, the guesser
        # is slowed (and spraying one password over many accounts is slowed by the per-address limits) while
        # the owner, elsewhere, still gets in (ACCOUNT_RATE_LIMITS, docs/configuration.md).
        from .ratelimit import client_ip

        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}:{client_ip(request)}"
