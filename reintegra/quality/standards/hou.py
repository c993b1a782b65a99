"""Housing and care: the guidebook's checklist, in our words."""

from django.utils.translation import gettext_lazy as _

from reintegra.quality.standards.item import Item

ITEMS = (
    Item(
        "HOU-P-01",
        _("Urgent accommodation is available to all who need it"),
        _(
            "A person with nowhere safe to sleep is offered a place straight away, no matter their "
            "sex, age or nationality, and that place meets at least the minimum living standard set "
            "nationally."
        ),
    ),
    Item(
        "HOU-P-02",
        _("Longer-term housing can be arranged for those without a home"),
        _(
            "When someone has no home that is safe, decent and within their means, we help them "
            "into a lasting housing arrangement that meets at least the national minimum standard."
        ),
    ),
    Item(
        "HOU-P-03",
        _("Other housing is found when living with family is not an option"),
        _(
            "Where moving back in with relatives would be unsafe or unwise, we look for somewhere "
            "else to live, for example through anti-trafficking programmes, state housing help for "
            "vulnerable people or comparable schemes."
        ),
    ),
    Item(
        "HOU-P-04",
        _("Shelter stays rest on consent, asked again over time"),
        _(
            "Nobody is kept in a shelter against their wishes: each resident agrees on an informed "
            "basis when they arrive, and we check at set intervals that they still want to stay."
        ),
    ),
    Item(
        "HOU-P-05",
        _("Family and community risks are checked before a move home"),
        _(
            "Before someone goes back to live with relatives, we look at whether this is wise, "
            "including dangers within the household and in the local community, and we repeat this "
            "check through case management when things change."
        ),
    ),
    Item(
        "HOU-P-06",
        _("Housing is reviewed throughout reintegration"),
        _(
            "Because a person's housing situation can get better or worse, case managers look at it "
            "again at regular points rather than treating it as settled."
        ),
    ),
    Item(
        "HOU-C-01",
        _("Children live with family when safe; residential care is a last resort"),
        _(
            "A child goes back to their family whenever this is possible and safe. Shelters and "
            "residential homes are used only as a short-term last option, and family and risk "
            "assessments feed into a formal decision on what is best for the child."
        ),
    ),
    Item(
        "HOU-C-02",
        _("A range of alternative care is available for children"),
        _(
            "When a child cannot go home, or not yet, we can arrange kinship or foster care, small "
            "group homes and similar options suited to the child's age, maturity and past, and we "
            "avoid moving the child between placements more than necessary."
        ),
    ),
    Item(
        "HOU-C-03",
        _("Children help decide where they live"),
        _(
            "The child, together with their parents or guardian, has a say in choosing their care "
            "arrangement, both at the start and each time their needs change."
        ),
    ),
    Item(
        "HOU-A-01",
        _("We argue for housing as a standard part of reintegration support"),
        _(
            "We press government and donors to treat suitable, affordable housing as a core service "
            "for every trafficked person, covering longer-term help and alternatives as well as "
            "short shelter stays."
        ),
    ),
)
