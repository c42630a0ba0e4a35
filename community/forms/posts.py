from django import forms
from django.utils.translation import gettext_lazy as _

from community.models import Group, Post
from community.models.posts import BODY_MAX_LENGTH
from community.posting import COMMENT_MAX_LENGTH
from community.uploads import PICTURE_SIDE, ImageUploadField


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("What would you like to share?"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Light formatting: **bold**, *italic*, lists; addresses become links."),
    )
    group = forms.ModelChoiceField(
        label=_("Post to"),
        queryset=Group.objects.none(),
        required=False,
        empty_label=_("Everyone (community-wide)"),
    )
    image = ImageUploadField(label=_("Image (optional)"), required=False, max_side=PICTURE_SIDE)

    def __init__(self, *args, groups=None, fixed_group=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_group = fixed_group
        if fixed_group is not None or groups is None:
            del self.fields["group"]
        else:
            self.fields["group"].queryset = groups

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write something first."))
        return body

    def chosen_group(self):
        return self.fixed_group if self.fixed_group is not None else self.cleaned_data.get("group")


class PostEditForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Your comment"), max_length=COMMENT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with it?"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class GroupProposalForm(forms.ModelForm):
    class Meta:
        model = Group
        fields = ["name", "kind", "description", "is_private", "proposal_reason"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "proposal_reason": forms.Textarea(attrs={"rows": 3}),
        }
