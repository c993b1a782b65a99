"""Education and life skills: the guidebook's checklist, in our words."""

from django.utils.translation import gettext_lazy as _

from reintegra.quality.standards.item import Item

ITEMS = (
    Item(
        "EDU-P-01",
        _("People can learn at any stage of recovery, wherever they live"),
        _(
            "School, non-formal classes and informal learning are available at every point of "
            "reintegration, not only to shelter residents but also to people back in their home "
            "communities. Where it makes sense, adults get help to complete their schooling."
        ),
    ),
    Item(
        "EDU-P-02",
        _("Getting back into school is the aim, with help that goes on after enrolment"),
        _(
            "We help people return to formal education, using bridging courses and, for older "
            "children and adults, evening, part-time or distance study. Once someone is "
            "enrolled, the help carries on: tutoring, homework support and meeting basic needs."
        ),
    ),
    Item(
        "EDU-P-03",
        _("Trade training never replaces schooling; reading and maths come with it"),
        _(
            "Learning a trade does not take the place of education. People on a training course "
            "are also offered basic reading, writing and arithmetic, in shelters and in the "
            "community alike, whatever their age or background."
        ),
    ),
    Item(
        "EDU-P-04",
        _("Life-skills sessions are offered, pitched to each age group"),
        _(
            "Adults and children alike can join life-skills sessions suited to their age, which "
            "equip them to get on well at home and in the community around them."
        ),
    ),
    Item(
        "EDU-P-05",
        _("The extra costs of going to school are met"),
        _(
            "We pay for, or hand out, what schooling needs beyond the lessons, such as travel, "
            "books and uniforms. Over time, the aim is for the state to meet these costs."
        ),
    ),
    Item(
        "EDU-C-01",
        _("Every trafficked child who wants to learn can get an education"),
        _("Any child who has been trafficked and wishes to study can get into formal schooling or informal learning."),
    ),
    Item(
        "EDU-C-02",
        _("Families are helped to keep their children in school"),
        _(
            "We talk with the child and their family about why school matters and build the "
            "family's backing for it. If a child might leave school to earn money, we look at "
            "helping the family raise its income instead."
        ),
    ),
    Item(
        "EDU-A-01",
        _("We press schools and officials to clear children's enrolment obstacles"),
        _(
            "We work with the authorities and with schools to overcome registration problems, "
            "make sure children hold identity papers, and argue for schools to take in any child "
            "who applies."
        ),
    ),
    Item(
        "EDU-A-02",
        _("We work with schools so that trafficked children can settle in"),
        _(
            "We push for support programmes inside schools, and work alongside teachers on "
            "children's particular needs, such as mental or learning disabilities and behaviour, "
            "and on keeping their history private."
        ),
    ),
    Item(
        "EDU-A-03",
        _("We argue for state-backed evening, part-time and distance learning"),
        _(
            "We press for night classes, part-time school and distance courses, provided or "
            "recognised by the state, so that older children and adults can still complete their "
            "education."
        ),
    ),
    Item(
        "EDU-A-04",
        _("We push schools to tackle stigma and bullying of trafficked pupils"),
        _(
            "Together with teachers and school managers, we act against discrimination, violence "
            "between pupils and bullying aimed at children and young people who have been "
            "trafficked."
        ),
    ),
    Item(
        "EDU-A-05",
        _("We argue for teachers to be trained on trafficking and trauma"),
        _(
            "We press for teachers and other school staff to learn about trafficking, abuse and "
            "trauma, and about how to refer a pupil who needs help."
        ),
    ),
)
