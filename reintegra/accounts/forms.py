from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import ORGANISATION_ROLES, TOKEN_LIFETIME, TokenScope
from reintegra.core.forms import Form


class AcceptInvitationForm(Form):
    password = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters. A few unrelated words make a good one."),
    )
    password_again = forms.CharField(
        label=_("Type the password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("password") and data.get("password_again") and data["password"] != data["password_again"]:
            self.add_error("password_again", _("The two passwords differ."))
        return data


class ApiTokenForm(Form):
    label = forms.CharField(
        label=_("What the token is for"),
        max_length=100,
        help_text=_("For example the name of the program that will use it."),
    )
    scope = forms.ChoiceField(label=_("It may"), choices=TokenScope.choices, initial=TokenScope.READ)
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=TOKEN_LIFETIME.days,
        initial=30,
        help_text=_("At most %(days)d days. Issue a new one when it runs out.") % {"days": TOKEN_LIFETIME.days},
    )


class StaffRolesForm(Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=[(role.value, role.label) for role in ORGANISATION_ROLES],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What the account may do. Case workers and supervisors hold cases; the others open none."),
    )


class InviteStaffForm(StaffRolesForm):
    first_name = forms.CharField(label=_("Given name"), max_length=150)
    last_name = forms.CharField(label=_("Family name"), max_length=150, required=False)
    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        help_text=_("What they type to sign in: letters, digits and @ . + - _ only."),
        widget=forms.TextInput(attrs={"autocapitalize": "none", "autocomplete": "off"}),
    )
    email = forms.EmailField(label=_("Email"), required=False)

    field_order = ["first_name", "last_name", "username", "email", "roles"]


class ReasonForm(Form):
    reason = forms.CharField(
        label=_("Why"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the audit trail. For example: left the organisation; phone stolen."),
    )
