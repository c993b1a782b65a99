"""Across all service areas: the guidebook's general checklist, in our words."""

from django.utils.translation import gettext_lazy as _

from reintegra.quality.standards.item import Item

ITEMS = (
    Item(
        "GEN-P-01",
        _("Services are shaped around each person's assessed needs"),
        _(
            "What is offered follows from an assessment of the individual that carries on over "
            "time, and there are services designed especially for children and young people."
        ),
    ),
    Item(
        "GEN-P-02",
        _("People can get the full range of services, directly or by referral"),
        _(
            "Every kind of support is available, from the organisation itself or through partners, "
            "so that care is unbroken; programmes meant for migrants, vulnerable groups and the "
            "wider public are drawn on as well."
        ),
    ),
    Item(
        "GEN-P-03",
        _("Good services reach every trafficked person, without exclusion"),
        _(
            "Anyone who has been trafficked, for any kind of exploitation, can receive good "
            "services for as long as reintegration lasts, regardless of their sex, age, ethnic "
            "group or nationality."
        ),
    ),
    Item(
        "GEN-P-04",
        _("People know what services exist and what they are entitled to"),
        _(
            "Each person is told what help is available, what they have a right to and how any "
            "programme works; children get this information in a way that fits their age, schooling "
            "and maturity."
        ),
    ),
    Item(
        "GEN-P-05",
        _("Taking up any service is always the person's choice"),
        _(
            "People can turn down any or all services, and change their mind later in either "
            "direction; staff check consent again at regular intervals rather than only once."
        ),
    ),
    Item(
        "GEN-P-06",
        _("Staff are qualified and keep training, including on children"),
        _(
            "Professionals hold the relevant accreditation and go on training throughout their "
            "work, including in how to work with children and young people."
        ),
    ),
    Item(
        "GEN-P-07",
        _("All staff understand the harm trafficking does"),
        _(
            "Everyone on the staff knows the psychological, physical and social damage trafficking "
            "can cause and has the skills to work with people who have been trafficked, children "
            "among them."
        ),
    ),
    Item(
        "GEN-P-08",
        _("Staff respect people's culture, origins and faith"),
        _(
            "Staff understand and show respect for each person's background, what they have been "
            "through, and their nationality, ethnic group and religion."
        ),
    ),
    Item(
        "GEN-P-09",
        _("Minimum standards of care exist and are checked"),
        _(
            "There are minimum standards that reintegration services must meet, and someone "
            "monitors whether they are actually met."
        ),
    ),
    Item(
        "GEN-P-10",
        _("Any provider, specialised or general, is vetted for quality and fit"),
        _(
            "Services can come from anti-trafficking organisations or from other bodies such as "
            "child protection agencies, provided their quality, staff training and suitability for "
            "the person are assured."
        ),
    ),
    Item(
        "GEN-P-11",
        _("Every case is assigned to someone and supervised"),
        _(
            "Supervision procedures cover everyone assisted, and each case has a case manager, so "
            "that the help given reaches minimum standards."
        ),
    ),
    Item(
        "GEN-P-12",
        _("Other organisations are brought in through referral"),
        _(
            "Because no one organisation can provide everything, staff refer people elsewhere so "
            "that they receive a full set of good services."
        ),
    ),
    Item(
        "GEN-P-13",
        _("People living at home or in the community get full services"),
        _(
            "Residential care is short term and only for those who need it; people who live with "
            "family or in the community receive the complete range of services."
        ),
    ),
    Item(
        "GEN-P-14",
        _("Services are given in a language the person understands"),
        _(
            "Help is provided in a language the person understands or, where that is not possible, "
            "through interpreters or cultural mediators trained for this work, so that the person "
            "can give informed consent."
        ),
    ),
    Item(
        "GEN-P-15",
        _("Providers answer to the people they serve"),
        _(
            "Services respond to people's questions, take responsibility for what they decide and "
            "its consequences, and give people a way to complain."
        ),
    ),
    Item(
        "GEN-P-16",
        _("Adults and children take part in shaping their plans"),
        _(
            "People of all ages help design their plan and put it into effect, and are told about "
            "their rights, their options and every decision taken."
        ),
    ),
    Item(
        "GEN-P-17",
        _("Support builds independence rather than dependence"),
        _(
            "Work with the person strengthens their ability to manage on their own and recover from "
            "setbacks, and avoids them coming to rely on services or particular staff."
        ),
    ),
    Item(
        "GEN-P-18",
        _("Staff follow ethical principles and professional codes"),
        _(
            "Staff keep information confidential, respect privacy and do not discriminate or pass "
            "judgement, and each profession's own code of conduct is observed."
        ),
    ),
    Item(
        "GEN-C-01",
        _("Children without suitable parental care have a legal guardian"),
        _(
            "A guardian is appointed for any child whose parents are unable or unwilling to care "
            "for them, or unfit to do so, whether for a time or permanently; the guardian is "
            "consulted and kept informed about every step in the child's case."
        ),
    ),
    Item(
        "GEN-C-02",
        _("Children receive specialised services designed for them"),
        _(
            "Services for children are adapted to each child, based on children's rights, and "
            "follow procedures drawn up specifically for children."
        ),
    ),
    Item(
        "GEN-C-03",
        _("Staff working with children are trained for it"),
        _(
            "Professionals who work with trafficked or vulnerable children have been trained and "
            "made aware of what these children need."
        ),
    ),
    Item(
        "GEN-C-04",
        _("A child protection policy is in place and followed by everyone"),
        _(
            "The organisation has a child protection policy, and every member of staff and every "
            "consultant, including administrative and support staff, is trained in it and keeps to "
            "it."
        ),
    ),
    Item(
        "GEN-C-05",
        _("Children take part in decisions about their reintegration"),
        _(
            "Children are kept informed and involved in every decision about their reintegration as "
            "circumstances change, and staff are trained in how to involve children."
        ),
    ),
    Item(
        "GEN-A-01",
        _("We work for trust between state and civil society providers"),
        _(
            "The organisation promotes trust and partnership between government and "
            "non-governmental service providers, locally and nationally, so that care continues "
            "without gaps."
        ),
    ),
    Item(
        "GEN-A-02",
        _("We press for a national referral mechanism"),
        _(
            "The organisation argues for a national referral mechanism or equivalent that gives "
            "people access to services with dignity, connects children to child protection "
            "services, and makes use of services for migrants, vulnerable groups and the general "
            "public."
        ),
    ),
    Item(
        "GEN-A-03",
        _("We press for cross-border referral between governments"),
        _(
            "The organisation urges the governments of destination and origin countries to "
            "coordinate referrals across borders, so that care is not interrupted when a person "
            "moves between them."
        ),
    ),
    Item(
        "GEN-A-04",
        _("We press for ethical guidelines and codes where none exist"),
        _(
            "Where there are no ethical guidelines or codes of conduct, the organisation calls for "
            "them to be written and put into practice."
        ),
    ),
    Item(
        "GEN-A-05",
        _("We press for policies and programmes that do not stigmatise"),
        _(
            "The organisation argues that programmes and policies must avoid stigmatising people, "
            "and works to identify and share what causes stigma for different groups of trafficked "
            "persons and different forms of trafficking."
        ),
    ),
    Item(
        "GEN-A-06",
        _("We press for public funding and staff for reintegration"),
        _(
            "The organisation calls on government to provide enough money and staff for "
            "reintegration services and case management."
        ),
    ),
)
