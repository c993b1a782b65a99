"""Case management: the guidebook's checklist, in our words."""

from django.utils.translation import gettext_lazy as _

from reintegra.quality.standards.item import Item

ITEMS = (
    Item(
        "CAS-P-01",
        _("Each person's needs are assessed individually and revisited"),
        _(
            "Staff find out about each person's circumstances, needs and interests, shape the help "
            "offered to fit them, and go back over the assessment and adjust it as time goes on."
        ),
    ),
    Item(
        "CAS-P-02",
        _("Plans are made with the person and their progress reviewed together"),
        _(
            "The case manager and the person agree a plan that fits their needs and long-term aims. "
            "The person hears the options, risks and limits in full, can say yes or no to any part, "
            "and the two of them look at progress together at regular intervals."
        ),
    ),
    Item(
        "CAS-P-03",
        _("Case managers connect people and their families to the right services"),
        _(
            "The person is told about every provider that could help and is referred or helped to "
            "get access; the same is done for relatives whose unmet needs put the person's "
            "reintegration at risk."
        ),
    ),
    Item(
        "CAS-P-04",
        _("The organisation works to one clearly set-out case management system"),
        _(
            "There is a clear, agreed way of managing cases within the organisation, every case "
            "manager has been trained in it, and they all apply it in their work."
        ),
    ),
    Item(
        "CAS-P-05",
        _("Every case has a named case manager and proper supervision"),
        _(
            "One case manager is responsible for each case. A supervisor checks that the work is "
            "coordinated, monitored and meets minimum standards, and case managers receive "
            "supervision themselves."
        ),
    ),
    Item(
        "CAS-P-06",
        _("Resources are committed to following people up over the long term"),
        _("The programme sets aside the money and staff it needs to keep following up with people over a long period."),
    ),
    Item(
        "CAS-P-07",
        _("Follow-up happens only as and when the person agrees"),
        _(
            "Staff keep in touch only after agreeing it with the person, and in the manner and by "
            "the means the person prefers."
        ),
    ),
    Item(
        "CAS-P-08",
        _("People understand their plan in a language they use"),
        _(
            "Everything about the help on offer and the plan is explained in a language the person "
            "speaks, and they are asked for their views in that language, so that they understand "
            "all of it."
        ),
    ),
    Item(
        "CAS-C-01",
        _("Tracing a child's family is prompt but never puts anyone at risk"),
        _(
            "A child's family is looked for early, but never by means that could endanger the child "
            "or relatives. The child's best interests are assessed before any step, accepting that "
            "tracing is sometimes not possible or not right."
        ),
    ),
    Item(
        "CAS-C-02",
        _("Children take part in every stage of managing their case"),
        _(
            "Children help shape their own plan and put it into practice, through procedures that "
            "suit children, strengthen them and respect ethical standards."
        ),
    ),
    Item(
        "CAS-C-03",
        _("The child's family or guardian is involved in the child's case"),
        _(
            "Staff also work with the child's family or guardian, bearing in mind that individual "
            "relatives may see things differently and that their attitudes affect how well the "
            "child settles back."
        ),
    ),
    Item(
        "CAS-A-01",
        _("We press for strict ethics and rights-based training for all staff"),
        _(
            "The organisation argues that everyone who deals with trafficked persons, support staff "
            "included, should respect confidentiality and privacy, avoid judging or discriminating, "
            "and be trained in ethics and in a rights-based approach."
        ),
    ),
    Item(
        "CAS-A-02",
        _("We press for stronger social work and shared case management"),
        _(
            "The organisation calls for state social services, child protection units and NGOs to "
            "be strengthened, and for local public services and NGOs to coordinate long-term "
            "monitoring, managing cases together where that makes sense."
        ),
    ),
    Item(
        "CAS-A-03",
        _("We press for public budget lines that pay for case management"),
        _(
            "The organisation urges national and local government to set aside funds so that state "
            "social workers are able to manage cases."
        ),
    ),
    Item(
        "CAS-A-04",
        _("We press for referral systems that give long-term support at home"),
        _(
            "The organisation argues for better referral at national and local level, so that "
            "trafficked persons and their families receive support over the long term where they "
            "live, and children are brought into the local child protection system."
        ),
    ),
)
