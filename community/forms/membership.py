from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.audiences import MemberKind
from community.models import Application


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = [
            "kind",
            "full_name",
            "name_kana",
            "name_romaji",
            "former_surname",
            "joined_year",
            "left_year",
            "departments",
            "sites",
            "employee_number",
            "referee",
            "organisation",
            "job_title",
            "message",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "departments": forms.Textarea(attrs={"rows": 2}),
            "sites": forms.Textarea(attrs={"rows": 2}),
            "message": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "full_name": _("As the company knew you, e.g. 山田 花子."),
            "name_kana": _("e.g. やまだ はなこ"),
            "departments": _("As you remember them, e.g. 商品開発部, 東京営業所."),
            "employee_number": _(
                "Helps the secretariat verify you quickly. Give it or a referee, or neither."
            ),
        }

    def clean(self):
        data = super().clean()
        joined, left = data.get("joined_year"), data.get("left_year")
        this_year = timezone.localdate().year
        if joined and joined > this_year:
            self.add_error("joined_year", _("The joining year cannot be in the future."))
        if left and joined and left < joined:
            self.add_error("left_year", _("The leaving year cannot be before the joining year."))
        if left and left > this_year:
            self.add_error("left_year", _("The leaving year cannot be in the future."))
        if data.get("kind") == MemberKind.ALUMNI and not left:
            self.add_error("left_year", _("Alumni: please give the year you left."))
        if data.get("kind") == MemberKind.EMPLOYEE and left:
            self.add_error("left_year", _("Current employees have no leaving year."))
        return data
