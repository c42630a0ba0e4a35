from django import forms
from django.utils.translation import gettext_lazy as _

from community.models import Idea


class IdeaForm(forms.ModelForm):
    """Proposing or rewriting an idea (community.ideas.propose_idea / edit_idea save it)."""

    class Meta:
        model = Idea
        fields = ["title", "kind", "body"]
        labels = {"title": _("Title"), "kind": _("What kind of idea is it?"), "body": _("Your idea")}
        help_texts = {
            "title": _("One line that says what you propose, e.g. “A summer barbecue for Kansai alumni”."),
            "body": _(
                "What would happen, who is it for, and how could you help? Light formatting: **bold**, lists, links."
            ),
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Give your idea a title."))
        return title

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write a few words about your idea."))
        return body


class IdeaStatusForm(forms.Form):
    """The secretariat's answer to an idea."""

    status = forms.ChoiceField(label=_("Status"), choices=Idea.Status.choices)
    note = forms.CharField(
        label=_("Public note"),
        required=False,
        max_length=Idea._meta.get_field("status_note").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Every member sees it under the idea: what happens next, or why not."),
    )
