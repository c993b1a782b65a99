"""Medical assistance: the guidebook's checklist, in our words."""

from django.utils.translation import gettext_lazy as _

from reintegra.quality.standards.item import Item

ITEMS = (
    Item(
        "MED-P-01",
        _("Urgent and ongoing medical care are both covered"),
        _(
            "People get emergency treatment from the moment they are identified, and afterwards we "
            "provide or arrange continuing care for things like long-term illness, infections and "
            "disability."
        ),
    ),
    Item(
        "MED-P-02",
        _("Family members' health is considered too"),
        _(
            "We think about how the person's illness may affect the people close to them, such as "
            "the risk of passing on TB or HIV, and we look for and respond to health problems the "
            "relatives have themselves."
        ),
    ),
    Item(
        "MED-P-03",
        _("Health services are mapped and referral agreements are in place"),
        _(
            "We keep a list of health services run by the state, NGOs and international "
            "organisations, specialists included, and have agreed referral arrangements with them "
            "so people are passed on without delay."
        ),
    ),
    Item(
        "MED-P-04",
        _("All health needs are treated, whatever the cause or cost"),
        _(
            "Whether through public or private providers, people get the treatment they need; lack "
            "of money never leaves anyone without care, and a condition is treated even if it has "
            "nothing to do with the trafficking."
        ),
    ),
    Item(
        "MED-P-05",
        _("People know their health rights and their own condition"),
        _(
            "We explain clearly what care people are entitled to and how to get it, and tell them "
            "about their state of health, including any chance they were exposed to HIV, hepatitis "
            "or TB while exploited."
        ),
    ),
    Item(
        "MED-P-06",
        _("Tests and treatment happen only with informed consent"),
        _(
            "Nobody is tested, whether for HIV, sexually transmitted infections or anything else, "
            "or treated unless they have agreed after the risks were explained to them clearly."
        ),
    ),
    Item(
        "MED-P-07",
        _("People get help with the paperwork and fees for health care"),
        _(
            "We explain which documents, payments and steps are needed to receive care, and help "
            "people to fill in forms and complete each step."
        ),
    ),
    Item(
        "MED-P-08",
        _("Health staff are trained in respectful care for trafficked people"),
        _(
            "Doctors and nurses, and also reception and admin staff who handle health applications, "
            "learn how trafficking affects health and how to treat victims with respect and "
            "professionalism."
        ),
    ),
    Item(
        "MED-P-09",
        _("Transport to medical appointments is paid for or arranged"),
        _(
            "We cover or organise travel so people can reach health services, ideally as part of "
            "the care provided by the state."
        ),
    ),
    Item(
        "MED-P-10",
        _("Health workers can spot signs of trafficking"),
        _(
            "Health workers are trained to notice signs that a patient may be a victim, whether "
            "they are still being exploited or got out but were never formally identified."
        ),
    ),
    Item(
        "MED-P-11",
        _("Medical care follows ethical practice"),
        _(
            "Care is given in private, kept confidential, offered without discrimination or "
            "judgement, and complies fully with the law."
        ),
    ),
    Item(
        "MED-P-12",
        _("There is a way to report poor treatment in health care"),
        _(
            "Both trafficked patients and health providers have an established channel for "
            "reporting discrimination, mistreatment or negligence in care."
        ),
    ),
    Item(
        "MED-P-13",
        _("Health and access to care are reviewed over time"),
        _(
            "Because medical needs shift during reintegration, case managers check the person's "
            "health and their ability to get care at regular points."
        ),
    ),
    Item(
        "MED-C-01",
        _("Every child can get medical care, at home or abroad"),
        _(
            "Children receive preventive, curative and emergency care in their home country, and "
            "when abroad they have the same access as children who live there."
        ),
    ),
    Item(
        "MED-C-02",
        _("Medical staff are trained to treat trafficked children"),
        _(
            "Those treating children have training in caring for trafficked children, especially "
            "children who have been severely traumatised or abused."
        ),
    ),
    Item(
        "MED-C-03",
        _("Medical protocols are adapted for children"),
        _(
            "Procedures and protocols designed for children who have been exploited are in place "
            "and used by medical staff."
        ),
    ),
    Item(
        "MED-C-04",
        _("Children and their carers understand and help decide on treatment"),
        _(
            "The child, along with their parents or guardian, is told about the child's health in a "
            "way they understand and takes part in decisions on treatment."
        ),
    ),
    Item(
        "MED-C-05",
        _("Medical staff follow a child protection policy"),
        _(
            "Every doctor, nurse and administrator who deals with a child has signed up to and "
            "follows a child protection policy, with supervision, checks that it is applied, and "
            "sanctions for breaches."
        ),
    ),
    Item(
        "MED-A-01",
        _("We push for long-term health care throughout reintegration"),
        _(
            "We urge public and private health providers to cover continuing needs such as chronic "
            "illness and disability for as long as reintegration lasts."
        ),
    ),
    Item(
        "MED-A-02",
        _("We campaign for free health care where access is lacking"),
        _(
            "Where people cannot get care, we press for it to be free of charge, record the "
            "obstacles they meet, and ask administrators and policy makers to change them."
        ),
    ),
    Item(
        "MED-A-03",
        _("We push for cross-border medical cooperation"),
        _(
            "We argue for agreed procedures for referrals between countries, including ethical "
            "handling when physical and mental health records are passed across borders."
        ),
    ),
)
