"""Economic empowerment: the guidebook's checklist, in our words."""

from django.utils.translation import gettext_lazy as _

from reintegra.quality.standards.item import Item

ITEMS = (
    Item(
        "ECO-P-01",
        _("Vocational training is chosen to fit the person and local jobs"),
        _(
            "Each person's training is of good quality and picked to suit their own skills, "
            "interests and hopes, as well as what employers in the area need."
        ),
    ),
    Item(
        "ECO-P-02",
        _("Training is thorough enough to get people into actual jobs"),
        _(
            "Courses run for as long, and to as high a standard, as it takes for trainees to be "
            "employable in their local job market."
        ),
    ),
    Item(
        "ECO-P-03",
        _("Specialist trainers or institutions run vocational and business courses"),
        _(
            "Trade and business training is given by professionals or institutions that "
            "specialise in it, so that people have a range of options that match what the market "
            "wants."
        ),
    ),
    Item(
        "ECO-P-04",
        _("A small-business specialist mentors and follows up each enterprise"),
        _(
            "Someone with small-business expertise guides and checks on each business both as it "
            "starts and once it is running, so that further needs are noticed early."
        ),
    ),
    Item(
        "ECO-P-05",
        _("Local labour markets are assessed, and reassessed regularly"),
        _(
            "We study the local economy and use what we find to adjust job placements and "
            "business support. The assessment is repeated at regular intervals."
        ),
    ),
    Item(
        "ECO-P-06",
        _("People staying abroad for a long time can work there legally"),
        _(
            "When someone must remain in another country for a long period, often because of a "
            "court case, we help them find a job there and get the papers that let them work "
            "lawfully."
        ),
    ),
    Item(
        "ECO-P-07",
        _("Training schedules fit around family and work commitments"),
        _(
            "Course times and the hours asked of trainees are arranged so that people can still "
            "look after dependants and keep any job they already have."
        ),
    ),
    Item(
        "ECO-P-08",
        _("Other needs that could derail economic plans are assessed"),
        _(
            "Alongside the economic plan, we look at family needs and tensions, health, "
            "motivation, and any lack of experience or self-confidence that could stand in the "
            "way of success."
        ),
    ),
    Item(
        "ECO-P-09",
        _("Safe, lawful migration is supported when home offers no livelihood"),
        _(
            "If someone cannot make a living where they are, we help them move, within the "
            "country or abroad, in a safe way, through trustworthy companies and labour exchange "
            "schemes."
        ),
    ),
    Item(
        "ECO-C-01",
        _("Economic help for a child or their parents serves the child"),
        _(
            "Support given to a child or to their parents has to leave the child better off, "
            "never worse. Getting this right means knowing the family's situation and bringing "
            "the child into the discussion."
        ),
    ),
    Item(
        "ECO-A-01",
        _("We argue for livelihood programmes designed by experts, with proven steps"),
        _(
            "We press for programmes built by specialists using steps known to work: a final "
            "exam at the end of training, apprenticeships, preparation for work, testing skills "
            "before a business is funded, and training in running a business and handling money."
        ),
    ),
)
