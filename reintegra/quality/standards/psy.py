"""Psychological support and counselling: the guidebook's checklist, in our words."""

from django.utils.translation import gettext_lazy as _

from reintegra.quality.standards.item import Item

ITEMS = (
    Item(
        "PSY-P-01",
        _("Professional counselling is available to anyone who wants it"),
        _(
            "Anyone who asks can see a counsellor, whether our own or a public or private "
            "practitioner, and counselling is only ever given by trained professionals with trauma "
            "expertise."
        ),
    ),
    Item(
        "PSY-P-02",
        _("Counsellors are qualified, licensed and supervised"),
        _(
            "Our counsellors hold proper qualifications and have trafficking-specific training for "
            "work with adults and children; the state licenses and oversees them, and all "
            "counselling work is supervised."
        ),
    ),
    Item(
        "PSY-P-03",
        _("We network with mental health providers and have referral agreements"),
        _(
            "We keep in regular contact with other mental health providers, have mapped state, NGO "
            "and international services, and use agreed procedures for referring people between "
            "them."
        ),
    ),
    Item(
        "PSY-P-04",
        _("Alternative forms of support are offered"),
        _(
            "People, children included, can try other approaches such as mindfulness meditation, "
            "yoga, dance or art therapy, matched to what suits each individual."
        ),
    ),
    Item(
        "PSY-P-05",
        _("Victim-witnesses have counselling support during legal cases"),
        _(
            "Trained counsellors stay alongside people from start to finish of legal proceedings, "
            "helping them cope with the stress, fear and anxiety involved."
        ),
    ),
    Item(
        "PSY-P-06",
        _("Support fits the person's culture, sex, age and experience"),
        _(
            "Psychological support is adjusted to the person's cultural background, sex and age, "
            "and to the kind of exploitation they went through."
        ),
    ),
    Item(
        "PSY-P-07",
        _("Frontline staff can recognise trauma and refer on"),
        _(
            "Social workers and other frontline staff are trained to notice signs of trauma and "
            "psychological difficulty, and to refer the person to a professional when that is "
            "needed and the person wants it."
        ),
    ),
    Item(
        "PSY-P-08",
        _("Limits are set for emotional support by non-professionals"),
        _(
            "Written terms of reference and standards spell out what staff without counselling "
            "training may and may not do when giving emotional support."
        ),
    ),
    Item(
        "PSY-P-09",
        _("Cases are supervised against minimum standards"),
        _(
            "A named supervisor coordinates and monitors cases to check that minimum standards are "
            "met, which also helps staff develop their skills."
        ),
    ),
    Item(
        "PSY-P-10",
        _("Travel to counselling is subsidised and remote sessions are considered"),
        _(
            "When help is not available locally, we pay towards transport, and we look at offering "
            "sessions by phone or online."
        ),
    ),
    Item(
        "PSY-P-11",
        _("Families can join counselling with the person's consent"),
        _(
            "Where the trafficked person agrees on an informed basis, relatives take part in "
            "counselling or mediation so that family members can support one another."
        ),
    ),
    Item(
        "PSY-P-12",
        _("People learn ways to cope with stress"),
        _("People are helped to build practical ways of coping and managing stress that they can use day to day."),
    ),
    Item(
        "PSY-P-13",
        _("Counselling follows ethical and professional codes"),
        _(
            "Counselling is confidential, private, free of discrimination and judgement, and "
            "follows professional codes of conduct; where no such code exists, one is drawn up."
        ),
    ),
    Item(
        "PSY-P-14",
        _("Assessment tools are specific to trafficking"),
        _(
            "Psychological assessments use specialised instruments adapted to the type of "
            "trafficking and to the person's profile."
        ),
    ),
    Item(
        "PSY-P-15",
        _("Mental health is reviewed over time"),
        _(
            "Because psychological needs change, case managers look at them again at regular points "
            "during reintegration."
        ),
    ),
    Item(
        "PSY-C-01",
        _("Children's counsellors are trained for trafficked children"),
        _(
            "Whoever counsels children has training in working with children who have been "
            "trafficked, severely traumatised or abused."
        ),
    ),
    Item(
        "PSY-C-02",
        _("Children are helped to build coping skills"),
        _("Children get help learning to deal with stress, anger and conflict."),
    ),
    Item(
        "PSY-C-03",
        _("Psychological protocols are adapted for children"),
        _(
            "Psychological staff working with children follow child-friendly procedures that are in "
            "line with international standards."
        ),
    ),
    Item(
        "PSY-C-04",
        _("Children and carers understand and share in mental health decisions"),
        _(
            "The child, and their parents or guardian, are told about the child's mental health in "
            "a way they understand and are involved in choosing treatment."
        ),
    ),
    Item(
        "PSY-C-05",
        _("Counsellors follow a child protection policy"),
        _(
            "Every psychologist and counsellor has accepted and follows a child protection policy, "
            "which is properly introduced, checked for compliance and backed by sanctions."
        ),
    ),
    Item(
        "PSY-A-01",
        _("We press for removal of barriers to psychological care"),
        _(
            "We identify what stops people getting psychological support and ask authorities for "
            "administrative or legal changes to remove those obstacles."
        ),
    ),
    Item(
        "PSY-A-02",
        _("We advocate for a more professional counselling field"),
        _(
            "We call for more education, training and technical support for psychologists and "
            "counsellors working with trafficked people during reintegration."
        ),
    ),
    Item(
        "PSY-A-03",
        _("We push for professional codes and ethics guidelines"),
        _(
            "Where no code of conduct or ethical guidelines exist for psychological work, we argue "
            "for them to be created."
        ),
    ),
)
