"""Safety and security: the guidebook's checklist, in our words."""

from django.utils.translation import gettext_lazy as _

from reintegra.quality.standards.item import Item

ITEMS = (
    Item(
        "SAF-P-01",
        _("Risks of going home to family are weighed for each person, and again later"),
        _(
            "Before a return to relatives becomes part of someone's plan, a social worker or case "
            "manager looks at what dangers living with that family could bring for this particular "
            "person, and looks again whenever their situation changes."
        ),
    ),
    Item(
        "SAF-P-02",
        _("Police assess each person's safety, and update it over time"),
        _(
            "Law enforcement examines the dangers each individual faces, both from the people who "
            "trafficked them and from the community around them, and revisits that view as time "
            "passes."
        ),
    ),
    Item(
        "SAF-P-03",
        _("The person's own view shapes every risk assessment"),
        _(
            "Whoever assesses family or safety risks asks the person, a child included, what they "
            "think and fear; an assessment made without hearing from them is treated as unfinished."
        ),
    ),
    Item(
        "SAF-P-04",
        _("Risk is kept under review for as long as the case is open"),
        _(
            "Because danger can arise at any point in reintegration, case managers keep asking "
            "whether the person is safe throughout their work on the case, not only at the start."
        ),
    ),
    Item(
        "SAF-P-05",
        _("Emergency plans are ready before any threat arises"),
        _(
            "There are worked-out steps to take if someone comes under threat, settled in advance "
            "with the authorities concerned, so that staff can act straight away."
        ),
    ),
    Item(
        "SAF-P-06",
        _("Protection is coordinated with the police once a risk is found"),
        _(
            "When a risk to someone comes to light, staff work together with law enforcement and "
            "other authorities to keep that person protected."
        ),
    ),
    Item(
        "SAF-P-07",
        _("People in serious danger hear about witness protection and similar help"),
        _(
            "Anyone facing grave risk is told about witness protection schemes and any other "
            "protective measures that could be open to them."
        ),
    ),
    Item(
        "SAF-C-01",
        _("Children and their carers are asked for their views on risks"),
        _(
            "When a child's safety is being assessed, both the child and a parent or guardian are "
            "consulted, using methods that suit children."
        ),
    ),
    Item(
        "SAF-C-02",
        _("Children are told early about risks to them, and kept up to date"),
        _(
            "Trained staff explain to each child, in a way that fits their age, what dangers they "
            "may face and how they will be kept safe; they do this without delay and go over it "
            "again as things change."
        ),
    ),
    Item(
        "SAF-C-03",
        _("A child's safety is central to every best-interests decision"),
        _(
            "Whenever a best-interests determination is made about a lasting solution for a child, "
            "and above all for a child separated from their family, the risks to the child's safety "
            "carry real weight in it."
        ),
    ),
    Item(
        "SAF-A-01",
        _("We press for shared tools linking social work and police risk assessments"),
        _(
            "The organisation argues for common assessment tools and agreed ways of working "
            "together, so that a social worker's assessment of the family and the police's "
            "assessment of security complement each other."
        ),
    ),
)
