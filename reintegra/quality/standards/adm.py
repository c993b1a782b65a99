"""Administrative support and documents: the guidebook's checklist, in our words."""

from django.utils.translation import gettext_lazy as _

from reintegra.quality.standards.item import Item

ITEMS = (
    Item(
        "ADM-P-01",
        _("Identity papers and civil registration cost victims nothing"),
        _(
            "Anyone can get identity documents and civil registration without charge, and "
            "victims of trafficking are exempt from court and administrative fees."
        ),
    ),
    Item(
        "ADM-P-02",
        _("Staff in government offices are trained to treat people with respect"),
        _(
            "People working in public offices deal respectfully with those in vulnerable "
            "situations, and victims know how to complain if officials mistreat them."
        ),
    ),
    Item(
        "ADM-P-03",
        _("Distance and cost are planned for, e.g. postal or proxy applications"),
        _(
            "The authorities foresee that offices may be far away and procedures costly, and "
            "provide ways round this, for example applying by post or sending a representative "
            "on the person's behalf."
        ),
    ),
    Item(
        "ADM-P-04",
        _("Plain, step-by-step guidance on getting documents is available"),
        _(
            "People can find out what each step requires to obtain documents or register a "
            "birth, written in every language needed and suited to the reader's age and "
            "schooling."
        ),
    ),
    Item(
        "ADM-P-05",
        _("Staff go with people through procedures at first, then step back"),
        _(
            "Early on, we accompany people through administrative processes, while showing them "
            "how to deal with the next one by themselves."
        ),
    ),
    Item(
        "ADM-C-01",
        _("Children are helped to get birth registration and identity papers"),
        _(
            "Together with their family or guardian, children receive help to have their birth "
            "and legal status registered and to obtain identity documents."
        ),
    ),
    Item(
        "ADM-C-02",
        _("Children receive the full range of administrative support"),
        _(
            "Children get everything they need on the paperwork side: information, the "
            "appointment of a guardian, identity papers, civil registration and related help."
        ),
    ),
    Item(
        "ADM-C-03",
        _("Children without parental care get a legal guardian straight away"),
        _(
            "Children lacking parental care, for a time or for good, are spotted quickly. The "
            "child welfare authorities are brought in at once and a legal guardian is appointed "
            "to advise the child and stand up for their rights."
        ),
    ),
    Item(
        "ADM-A-01",
        _("We argue for simpler procedures giving victims quick, free access to papers"),
        _(
            "We press for streamlined rules, exemptions or guidance so that victims can get "
            "documents and legal help straight away and without cost."
        ),
    ),
    Item(
        "ADM-A-02",
        _("We argue for separated child victims' right to stay lawfully"),
        _(
            "We press for a separated child who is a victim to be allowed to live legally in the "
            "host country from the moment they are identified until a lasting solution has been "
            "put into effect."
        ),
    ),
)
