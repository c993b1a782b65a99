"""Family assistance, mediation and counselling: the guidebook's checklist, in our words."""

from django.utils.translation import gettext_lazy as _

from reintegra.quality.standards.item import Item

ITEMS = (
    Item(
        "FAM-P-01",
        _("Relatives harmed by the trafficking get help in their own right"),
        _(
            "Family members affected by what happened can receive support themselves, such as "
            "counselling, help resolving conflict, work, health care and school for the person's "
            "children; what the organisation cannot yet offer, it builds up or arranges through "
            "referral."
        ),
    ),
    Item(
        "FAM-P-02",
        _("People are helped to reach their family before they come home"),
        _(
            "While someone is still being assisted abroad, staff help them get in touch with "
            "relatives, as an early step towards repairing those relationships."
        ),
    ),
    Item(
        "FAM-P-03",
        _("Staff mediate with families to ease the way home"),
        _(
            "Staff work with the family directly, helping its members talk through what stands in "
            "the way of a return or makes it risky, such as shame or tension, and learn to "
            "communicate with each other in a healthy way."
        ),
    ),
    Item(
        "FAM-P-04",
        _("Alternatives are explored when the family is not safe or supportive"),
        _(
            "If going back to the family would be unsafe or unhelpful, staff look with the person "
            "at other arrangements, such as staying with other relatives or living independently."
        ),
    ),
    Item(
        "FAM-P-05",
        _("Work plans and budgets include money for relatives' needs"),
        _(
            "The organisation sets aside funds for family members when it plans its work and "
            "budgets, and presses donors and government to allow for this too."
        ),
    ),
    Item(
        "FAM-C-01",
        _("Tracing a child's family starts early, discreetly and with consent"),
        _(
            "The search for a child's family, and first contact with it, begins as soon as "
            "possible, is kept confidential, and goes ahead only once the child understands it and "
            "agrees."
        ),
    ),
    Item(
        "FAM-C-02",
        _("Before a child goes home, the family's fitness to care is assessed"),
        _(
            "Staff examine whether the parents are able and willing to have the child back and keep "
            "them safe; this family assessment forms part of the child's best-interests assessment."
        ),
    ),
    Item(
        "FAM-C-03",
        _("Children living apart from family are helped to stay in contact"),
        _(
            "While a child is separated from their family, staff support them to keep in touch, "
            "except where contact would be unsafe or unsuitable for the child or for a relative."
        ),
    ),
    Item(
        "FAM-C-04",
        _("Parents get help to care for and provide for their child"),
        _(
            "Where it fits the situation, parents are offered training in parenting, advice on "
            "handling difficult behaviour the child developed through exploitation, and support to "
            "earn a living."
        ),
    ),
    Item(
        "FAM-C-05",
        _("Plans take account of trafficked persons' own children"),
        _(
            "Every plan considers the needs of the children of a trafficked parent, who may be "
            "affected by the exploitation or by a long separation, including any child born as a "
            "result of trafficking."
        ),
    ),
    Item(
        "FAM-A-01",
        _("We argue for reintegration that looks at the whole family"),
        _(
            "The organisation presses government and donors to treat relatives and the family's "
            "situation as part of reintegration, and to adopt sound procedures for tracing "
            "children's families."
        ),
    ),
    Item(
        "FAM-A-02",
        _("We argue for referral mechanisms that serve relatives too"),
        _(
            "The organisation calls for referral systems to take in the needs of family members, "
            "not only those of the trafficked person."
        ),
    ),
    Item(
        "FAM-A-03",
        _("We argue for family support to be built into policy and programmes"),
        _(
            "The organisation urges that policies and programmes be designed with the family "
            "setting in mind and make provision for helping families."
        ),
    ),
)
