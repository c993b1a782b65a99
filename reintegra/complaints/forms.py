from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from reintegra.complaints.models import Channel, ComplaintKind
from reintegra.core.forms import Form
from reintegra.orgs.models import Organisation

TEXT_LIMIT = 5000


class ComplaintForm(Form):
    organisation = forms.ModelChoiceField(
        label=_("Which organisation is it about?"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose one"),
    )
    kind = forms.ChoiceField(
        label=_("What would you like to send?"), choices=ComplaintKind.choices, widget=forms.RadioSelect
    )
    about = forms.CharField(
        label=_("What happened, or what would you like to tell us?"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Write in your own words, in any language. You do not have to give names."),
    )
    filer_name = forms.CharField(label=_("Your name (you may leave this empty)"), max_length=200, required=False)
    contact = forms.CharField(
        label=_("How may we answer you? (you may leave this empty)"),
        max_length=500,
        required=False,
        help_text=_(
            "A phone number, an email, or a person we may pass the answer to. If you leave it empty, "
            "follow your complaint with the code you get next."
        ),
    )
    language = forms.ChoiceField(label=_("Language of the answer"), choices=settings.LANGUAGES)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["organisation"].queryset = Organisation.objects.filter(holds_cases=True).order_by("name")  # type: ignore[attr-defined]


class RecordedComplaintForm(ComplaintForm):
    """Taken down by staff: the organisation is theirs, and they say how it came in and when."""

    channel = forms.ChoiceField(label=_("How it came in"), choices=[c for c in Channel.choices if c[0] != Channel.WEB])
    received_on = forms.DateField(label=_("Received on"), widget=forms.DateInput(attrs={"type": "date"}))

    field_order = ["channel", "received_on", "kind", "about", "filer_name", "contact", "language"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["organisation"]


class FollowUpForm(Form):
    reference = forms.CharField(
        label=_("Your reference code"),
        max_length=30,
        help_text=_("As you were given it, for example K7QM-4TZX-B9HD."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class _OwnIds(Form):
    """Several forms on one page each have a "note": each gets ids of its own, so every label
    points at its own field."""

    ID_PREFIX = ""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("auto_id", f"id_{self.ID_PREFIX}_%s")
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


class NoteForm(_OwnIds):
    ID_PREFIX = "history"
    note = forms.CharField(label=_("Note"), max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 3}))


class AcknowledgeForm(_OwnIds):
    ID_PREFIX = "acknowledge"
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For the file: who you spoke to, what you will look into."),
    )


class AnswerForm(Form):
    answer = forms.CharField(
        label=_("Answer"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Whoever holds the reference code reads this answer on the public page. Write it for them, "
            "and name nobody they did not name."
        ),
    )


class CloseForm(_OwnIds):
    ID_PREFIX = "close"
    note = forms.CharField(
        label=_("Why it can be closed"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: the answer was passed on and nothing more was asked."),
    )
