"""Legal assistance: the guidebook's checklist, in our words."""

from django.utils.translation import gettext_lazy as _

from reintegra.quality.standards.item import Item

ITEMS = (
    Item(
        "LEG-P-01",
        _("Consent to take part is sought only after full information, and revisited"),
        _(
            "Before asking for consent, we give complete and accurate information covering the "
            "whole process from investigation to the end of the case, including other routes "
            "such as mediation or a labour court. Consent is checked again as the case moves on."
        ),
    ),
    Item(
        "LEG-P-02",
        _("Police and prosecutors have set channels for keeping victims informed"),
        _(
            "Police and prosecutors are bound, by their terms of reference or standard operating "
            "procedures, to tell victims and the organisations helping them what is happening, "
            "by routes everyone knows. Trained staff explain things to children in a way that "
            "suits their age."
        ),
    ),
    Item(
        "LEG-P-03",
        _("A lawyer represents the person at every stage of the case"),
        _(
            "The person has a lawyer from start to finish and beyond, who explains referrals and "
            "how long things will take, passes on all case information, attends criminal or "
            "labour hearings with them, handles the authorities, advises throughout, tells them "
            "the result and keeps them informed once the case is over."
        ),
    ),
    Item(
        "LEG-P-04",
        _("A support person stays alongside the person during proceedings"),
        _(
            "A social worker, psychologist or victim advocate, or a guardian in the case of a "
            "child, supports the person through legal proceedings, which may involve aggressive "
            "questioning."
        ),
    ),
    Item(
        "LEG-P-05",
        _("Giving evidence does not mean a long wait in a shelter"),
        _(
            "Options such as giving evidence in advance, coming back later to testify, or "
            "testifying by video are used. While waiting, the person has a legal basis to stay "
            "in the country and earn a living."
        ),
    ),
    Item(
        "LEG-P-06",
        _("Victim-witnesses abroad can move freely and work during the case"),
        _(
            "People waiting on proceedings in another country are free to come and go and to "
            "take work, so they can earn money and get ready to return home."
        ),
    ),
    Item(
        "LEG-P-07",
        _("Victim-witnesses are never held in jails or detention centres"),
        _(
            "People taking part in a case live in proper accommodation with security suited to "
            "their situation, never in detention or prison."
        ),
    ),
    Item(
        "LEG-P-08",
        _("One named official per case prevents needless repeat interviews"),
        _(
            "There are guidelines on how victim-witnesses are involved, and an official is named "
            "for each case to manage it and avoid interviews that are not necessary."
        ),
    ),
    Item(
        "LEG-P-09",
        _("People get regular, accurate updates on their case"),
        _(
            "From investigation to the final outcome, the person receives correct information "
            "about where the case stands and how it is progressing."
        ),
    ),
    Item(
        "LEG-P-10",
        _("Witnesses at risk are protected, now and in the longer term"),
        _(
            "Anyone in danger because of the case gets witness protection or other safety "
            "measures, planned with risks far in the future in mind as well as immediate ones."
        ),
    ),
    Item(
        "LEG-P-11",
        _("Compensation is paid promptly, including after return home"),
        _(
            "Agreed procedures make sure compensation reaches the person quickly, also when they "
            "have already gone back home."
        ),
    ),
    Item(
        "LEG-P-12",
        _("A fund covers the costs of taking part in a case"),
        _(
            "Money is available for accommodation, food, childcare and lost earnings, so that "
            "taking part remains a free choice."
        ),
    ),
    Item(
        "LEG-P-13",
        _("Trained, impartial interpreters are present at every step"),
        _(
            "No meeting or hearing takes place without an interpreter. Each one has been "
            "trained, works with care for victims, is neutral and has no link to the accused, "
            "and checks that the person follows everything, including their right to say no."
        ),
    ),
    Item(
        "LEG-C-01",
        _("A child's best interests decide whether they take part in a case"),
        _(
            "Before a child is involved, the authorities assess what is best for that child. "
            "Separated children have a guardian who makes sure their views are heard and gives "
            "them advice."
        ),
    ),
    Item(
        "LEG-C-02",
        _("Every child witness has a lawyer experienced with children"),
        _(
            "Each child witness is represented by a lawyer who is skilled at acting for "
            "children, sensitive to gender and familiar with the ways children in particular are "
            "exploited."
        ),
    ),
    Item(
        "LEG-C-03",
        _("Police and courts use child-friendly procedures"),
        _(
            "At police stations and in court, children are prepared before giving evidence, "
            "supported by an advocate and offered counselling afterwards, and hearings are held "
            "in private or evidence is given by video."
        ),
    ),
    Item(
        "LEG-C-04",
        _("Child witnesses' particular vulnerability is recognised"),
        _(
            "Staff and officials take account of the fact that children face intimidation and "
            "reprisals, trauma, and limits in what they can understand and agree to."
        ),
    ),
    Item(
        "LEG-C-05",
        _("Children keep in touch with family during legal proceedings"),
        _(
            "Where appropriate, children have regular contact with their family, and options for "
            "reuniting them are looked into while the case is still going on."
        ),
    ),
    Item(
        "LEG-C-06",
        _("Children are cared for properly during the case and never detained"),
        _(
            "Throughout any legal process, children have suitable care and placement. This calls "
            "for specific protocols for child witnesses and for officials who have been trained "
            "and made aware of children's needs."
        ),
    ),
    Item(
        "LEG-A-01",
        _("We press for compensation to be paid without delay"),
        _(
            "We argue for prompt payment because going home with money lessens the stigma "
            "attached to having been trafficked or to migration seen as a failure."
        ),
    ),
    Item(
        "LEG-A-02",
        _("We argue for trafficking cases to be dealt with faster"),
        _(
            "We push for trafficking cases to be given priority in the courts, and for judges to "
            "bear in mind how much waiting hurts victims."
        ),
    ),
    Item(
        "LEG-A-03",
        _("We argue for police and court staff to be trained on trauma"),
        _(
            "We press for police and court officers to learn how violence and trauma affect "
            "people, so that victims are not mistreated and feel less stress."
        ),
    ),
)
