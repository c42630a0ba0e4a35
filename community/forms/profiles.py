from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from taggit.forms import TagField

from community.audiences import OpenTo
from community.models import OrgUnit, Profile
from community.models.profiles import PRIVACY_PARTS
from community.uploads import PHOTO_SIDE, ImageUploadField

MAX_LINKS = 5
AUDIENCE_FIELDS = [f"{part}_audience" for part in PRIVACY_PARTS]


class ProfileForm(forms.ModelForm):
    photo = ImageUploadField(label=_("Photo"), required=False, max_side=PHOTO_SIDE)
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)
    expertise = TagField(
        label=_("Expertise"),
        required=False,
        help_text=_("Separate with commas, e.g. 商品開発, マーケティング, 品質管理"),
    )
    open_to = forms.MultipleChoiceField(
        label=_("Open to"), choices=OpenTo.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    links = forms.CharField(
        label=_("Links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One address per line (at most five)."),
    )
    departments = forms.ModelMultipleChoiceField(
        label=_("Departments"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        queryset=OrgUnit.objects.filter(kind=OrgUnit.DEPARTMENT),
    )
    sites = forms.ModelMultipleChoiceField(
        label=_("Sites"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        queryset=OrgUnit.objects.filter(kind=OrgUnit.SITE),
    )

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "name_kana",
            "name_romaji",
            "former_surname",
            "joined_year",
            "left_year",
            "departments",
            "sites",
            "organisation",
            "job_title",
            "location",
            "bio",
            "expertise",
            "open_to",
            "links",
            "hidden_from_directory",
            "public_card",
            "public_headline",
            "is_supporter",
            "messages_from",
            *AUDIENCE_FIELDS,
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["links"] = "\n".join(self.instance.links or [])
            self.initial["open_to"] = self.instance.open_to or []

    def audience_field_for(self, part):
        return self[f"{part}_audience"]

    def clean_links(self):
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        if len(lines) > MAX_LINKS:
            raise ValidationError(_("At most five links."))
        validate = URLValidator(schemes=["http", "https"])
        for line in lines:
            try:
                validate(line)
            except ValidationError as exc:
                raise ValidationError(
                    _("%(link)s is not a web address (http:// or https://).") % {"link": line}
                ) from exc
        return lines

    def clean(self):
        data = super().clean()
        joined, left = data.get("joined_year"), data.get("left_year")
        if joined and left and left < joined:
            self.add_error("left_year", _("The leaving year cannot be before the joining year."))
        return data

    def save(self, commit=True):
        profile = super().save(commit=False)
        photo = self.cleaned_data.get("photo")
        if self.cleaned_data.get("remove_photo"):
            profile.photo = ""  # the file goes once the save commits (community/upload_files.py)
        elif photo is not None:
            profile.photo.save(photo.name, photo, save=False)
        if commit:
            profile.save()
            self.save_m2m()
        return profile


class DeleteAccountForm(forms.Form):
    confirm = forms.CharField(label=_("Type DELETE to confirm"), max_length=10)
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput)

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_confirm(self):
        if self.cleaned_data["confirm"].strip().upper() != "DELETE":
            raise ValidationError(_("Type DELETE (in capital letters) to confirm."))
        return self.cleaned_data["confirm"]

    def clean_password(self):
        if not self.user.check_password(self.cleaned_data["password"]):
            raise ValidationError(_("The password is not correct."))
        return self.cleaned_data["password"]
