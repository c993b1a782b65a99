"""The demo network's service directory, as plain data: about forty services in Vietnam and
Thailand, from the network's own organisations and from mainstream providers that do not use
Reintegra. Every name, place and number is invented; telephone numbers use ranges reserved for
fiction where a country has one, and otherwise repeat digits no one is given."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PlaceSpec:
    name: str
    district: str
    province: str
    country: str
    city: str = ""
    address: str = ""
    postal_code: str = ""
    confidential: bool = False


@dataclass(frozen=True)
class ServiceSpec:
    name: str
    areas: tuple[str, ...]
    description: str
    trafficking_specific: bool = False
    serves_children: bool = True
    serves_adults: bool = True
    minimum_age: int | None = None
    maximum_age: int | None = None
    genders: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    legal_status: str = "none"
    exploitation_types: tuple[str, ...] = ()
    languages: tuple[str, ...] = ("vi",)
    free_of_charge: bool = True
    fees: str = ""
    capacity: int | None = None
    waiting_days: int | None = None
    hours: str = "Monday to Friday, 08:00-17:00"
    status: str = "active"
    places: tuple[int, ...] = (0,)  # indexes into the provider's places


@dataclass(frozen=True)
class ProviderSpec:
    name: str
    country: str
    description: str
    places: tuple[PlaceSpec, ...]
    services: tuple[ServiceSpec, ...] = field(default_factory=tuple)
    member_code: str = ""  # the demo organisation it is, when it uses this installation
    phone: str = ""
    website: str = ""


HCM = ("Ho Chi Minh City", "VN")
BKK = ("Bangkok", "TH")

PROVIDERS: tuple[ProviderSpec, ...] = (
    ProviderSpec(
        "Safe Harbour Shelter",
        "VN",
        "Residential care and case management for women and girls returning after trafficking.",
        (
            PlaceSpec("Shelter house", "Thủ Đức", *HCM, confidential=True),
            PlaceSpec("Day office", "District 3", *HCM, city="Ho Chi Minh City", address="12 Lane 4, Võ Văn Tần"),
        ),
        (
            ServiceSpec(
                "Short-stay shelter for women and girls",
                ("HOU", "CAS"),
                "Safe accommodation for up to six months, with meals and a key worker.",
                trafficking_specific=True,
                genders=("Feminine", "TransgenderFeminine"),
                capacity=24,
                waiting_days=2,
                hours="Open day and night",
            ),
            ServiceSpec(
                "Counselling at the shelter",
                ("PSY",),
                "Individual counselling with a trained counsellor, weekly.",
                trafficking_specific=True,
                waiting_days=7,
                places=(0, 1),
            ),
            ServiceSpec(
                "Life-skills group",
                ("EDU",),
                "A twelve-week group on budgeting, rights and daily living.",
                trafficking_specific=True,
                minimum_age=14,
                waiting_days=21,
                places=(1,),
            ),
        ),
        member_code="shelter",
    ),
    ProviderSpec(
        "Provincial Department of Social Services",
        "VN",
        "The state's social services: benefits, documents and child protection.",
        (PlaceSpec("Provincial office", "District 1", *HCM, city="Ho Chi Minh City", address="45 Lê Lợi Street"),),
        (
            ServiceSpec(
                "Return and reintegration allowance",
                ("ECO",),
                "A one-off allowance for returnees identified as trafficked.",
                legal_status="formally_identified",
                serves_children=False,
                waiting_days=30,
            ),
            ServiceSpec(
                "Civil documents desk",
                ("ADM",),
                "Help to replace identity cards and birth certificates.",
                waiting_days=10,
            ),
            ServiceSpec(
                "Child protection unit",
                ("FAM", "SAF", "CAS"),
                "Guardianship, family assessment and alternative care for children.",
                serves_adults=False,
                maximum_age=17,
                waiting_days=1,
            ),
        ),
        member_code="dss",
    ),
    ProviderSpec(
        "Justice Access Legal Aid",
        "VN",
        "Free legal advice and representation for victims of crime.",
        (PlaceSpec("Legal aid office", "Bình Thạnh", *HCM, city="Ho Chi Minh City", address="8 Điện Biên Phủ"),),
        (
            ServiceSpec(
                "Legal advice for victims",
                ("LEG",),
                "Advice on rights, compensation and testifying.",
                trafficking_specific=True,
                languages=("vi", "en"),
                waiting_days=5,
            ),
            ServiceSpec(
                "Court accompaniment",
                ("LEG", "SAF"),
                "A lawyer at every hearing, and a safe waiting room.",
                trafficking_specific=True,
                waiting_days=14,
            ),
            ServiceSpec(
                "Compensation claims",
                ("LEG", "ECO"),
                "Preparing and following claims for compensation from offenders.",
                serves_children=False,
                waiting_days=30,
            ),
        ),
        member_code="legal",
    ),
    ProviderSpec(
        "Riverside Health Clinic",
        "VN",
        "A community clinic with a women's health service.",
        (PlaceSpec("Clinic", "District 7", *HCM, city="Ho Chi Minh City", address="101 Nguyễn Thị Thập"),),
        (
            ServiceSpec(
                "General health check",
                ("MED",),
                "Examination, tests and referral to hospital where needed.",
                waiting_days=3,
            ),
            ServiceSpec(
                "Sexual and reproductive health",
                ("MED",),
                "Confidential testing, treatment and counselling.",
                minimum_age=12,
                waiting_days=3,
            ),
            ServiceSpec(
                "Trauma-informed psychiatric care",
                ("PSY", "MED"),
                "Assessment and treatment by a psychiatrist.",
                serves_children=False,
                waiting_days=20,
                free_of_charge=False,
                fees="A small fee, waived on referral from the network.",
            ),
        ),
        member_code="clinic",
    ),
    ProviderSpec(
        "New Skills Vocational Centre",
        "VN",
        "Vocational training with job placement.",
        (PlaceSpec("Training centre", "Gò Vấp", *HCM, city="Ho Chi Minh City", address="3 Quang Trung"),),
        (
            ServiceSpec(
                "Tailoring course",
                ("ECO", "EDU"),
                "Six months of training with a monthly stipend.",
                minimum_age=16,
                capacity=30,
                waiting_days=45,
            ),
            ServiceSpec(
                "Hairdressing course",
                ("ECO", "EDU"),
                "Four months of training and a starter kit.",
                minimum_age=16,
                capacity=20,
                waiting_days=60,
            ),
            ServiceSpec(
                "Job placement",
                ("ECO",),
                "Matching graduates with employers who have been checked.",
                serves_children=False,
                waiting_days=30,
            ),
        ),
        member_code="skills",
    ),
    ProviderSpec(
        "Bangkok Partner Outreach",
        "TH",
        "Outreach, case management and return preparation for migrants in Thailand.",
        (PlaceSpec("Drop-in centre", "Bang Rak", *BKK, city="Bangkok", address="77 Soi Charoen Krung 40"),),
        (
            ServiceSpec(
                "Return preparation",
                ("CAS", "ADM"),
                "Travel documents, family contact and a plan before return.",
                trafficking_specific=True,
                languages=("th", "vi", "my", "km"),
                waiting_days=3,
            ),
            ServiceSpec(
                "Interpreting for migrants",
                ("CAS",),
                "Interpreters in Vietnamese, Burmese and Khmer.",
                languages=("th", "vi", "my", "km"),
                waiting_days=2,
            ),
        ),
        member_code="bkk",
    ),
    ProviderSpec(
        "District General Hospital",
        "VN",
        "The public hospital of the district.",
        (PlaceSpec("Hospital", "Thủ Đức", *HCM, city="Ho Chi Minh City", address="29 Lê Văn Chí"),),
        (
            ServiceSpec(
                "Emergency and inpatient care",
                ("MED",),
                "Emergency department open day and night.",
                hours="Open day and night",
                free_of_charge=False,
                fees="Covered by health insurance where the person has it.",
            ),
            ServiceSpec(
                "Maternity care",
                ("MED",),
                "Antenatal care and delivery.",
                genders=("Feminine", "TransgenderMasculine"),
                minimum_age=12,
            ),
        ),
    ),
    ProviderSpec(
        "Women's Union of the Province",
        "VN",
        "A mass organisation with groups in every commune.",
        (
            PlaceSpec("Provincial branch", "District 5", *HCM, city="Ho Chi Minh City", address="60 Trần Hưng Đạo"),
            PlaceSpec("Long An branch", "Tân An", "Long An", "VN"),
        ),
        (
            ServiceSpec(
                "Small loans for women",
                ("ECO",),
                "Loans at low interest with a savings group.",
                genders=("Feminine", "TransgenderFeminine"),
                serves_children=False,
                waiting_days=60,
                places=(0, 1),
            ),
            ServiceSpec(
                "Community reintegration groups",
                ("FAM", "PSY"),
                "Peer groups that welcome returnees back into the commune.",
                places=(0, 1),
            ),
            ServiceSpec(
                "Family mediation", ("FAM",), "Helping families talk through a return.", waiting_days=14, places=(1,)
            ),
        ),
    ),
    ProviderSpec(
        "Commune Primary and Secondary Schools",
        "VN",
        "Public schools: re-enrolment and catch-up classes.",
        (PlaceSpec("District education office", "Gò Vấp", *HCM, city="Ho Chi Minh City"),),
        (
            ServiceSpec(
                "School re-enrolment",
                ("EDU",),
                "Placement back in school mid-year, with catch-up lessons.",
                serves_adults=False,
                minimum_age=6,
                maximum_age=18,
                waiting_days=14,
            ),
            ServiceSpec(
                "Evening literacy classes",
                ("EDU",),
                "Reading and writing for adults who missed school.",
                serves_children=False,
                hours="Monday to Thursday, 18:00-20:00",
            ),
        ),
    ),
    ProviderSpec(
        "Employment Service Centre",
        "VN",
        "The public employment service.",
        (
            PlaceSpec("Centre", "District 10", *HCM, city="Ho Chi Minh City", address="153 Ba Tháng Hai"),
            PlaceSpec("Long An office", "Tân An", "Long An", "VN"),
        ),
        (
            ServiceSpec(
                "Job counselling and listings",
                ("ECO",),
                "Advice on work and a list of vacancies.",
                serves_children=False,
                minimum_age=15,
                places=(0, 1),
            ),
            ServiceSpec(
                "Safe migration advice",
                ("ECO", "SAF"),
                "How to check a recruiter and a contract before migrating again.",
                minimum_age=15,
                places=(0, 1),
            ),
            ServiceSpec(
                "Unemployment insurance",
                ("ECO", "ADM"),
                "Benefits for people who paid in before.",
                serves_children=False,
                legal_status="legal_residence",
                waiting_days=20,
                status="temporarily closed",
            ),
        ),
    ),
    ProviderSpec(
        "Hope Counselling Line",
        "VN",
        "A free telephone line for support and referral.",
        (PlaceSpec("Telephone line", "District 3", *HCM, confidential=True),),
        (
            ServiceSpec(
                "Telephone counselling",
                ("PSY", "SAF"),
                "Anonymous support by telephone, day and night.",
                hours="Open day and night",
                languages=("vi", "en"),
            ),
        ),
        phone="1800 0000",
    ),
    ProviderSpec(
        "Long An Child and Family Centre",
        "VN",
        "Foster care and family support for children.",
        (PlaceSpec("Centre", "Tân An", "Long An", "VN", confidential=True),),
        (
            ServiceSpec(
                "Foster and kinship care",
                ("HOU", "FAM"),
                "Placement with trained foster or kin carers, reviewed every six months.",
                serves_adults=False,
                maximum_age=17,
                waiting_days=10,
                capacity=15,
            ),
            ServiceSpec(
                "Family tracing",
                ("FAM",),
                "Finding and assessing family, with the child's agreement.",
                serves_adults=False,
                maximum_age=17,
                waiting_days=20,
            ),
        ),
    ),
    ProviderSpec(
        "Thai Shelter for Women and Children",
        "TH",
        "A government shelter for trafficked women and children.",
        (PlaceSpec("Shelter", "Pathum Thani", "Pathum Thani", "TH", confidential=True),),
        (
            ServiceSpec(
                "Shelter and protection",
                ("HOU", "SAF"),
                "Care and protection while the case is heard.",
                trafficking_specific=True,
                genders=("Feminine",),
                legal_status="formally_identified",
                languages=("th", "my"),
                capacity=80,
                waiting_days=1,
                hours="Open day and night",
            ),
            ServiceSpec(
                "Vocational training at the shelter",
                ("ECO", "EDU"),
                "Sewing, cooking and computer classes for residents.",
                trafficking_specific=True,
                minimum_age=15,
                languages=("th",),
                waiting_days=30,
            ),
        ),
    ),
    ProviderSpec(
        "Migrant Workers' Legal Clinic",
        "TH",
        "Advice for migrant workers on wages, permits and claims.",
        (
            PlaceSpec(
                "Clinic", "Mueang Samut Sakhon", "Samut Sakhon", "TH", city="Samut Sakhon", address="22 Ekachai Road"
            ),
        ),
        (
            ServiceSpec(
                "Unpaid wages claims",
                ("LEG", "ECO"),
                "Claims for wages owed, at the labour court.",
                serves_children=False,
                exploitation_types=("ForcedLabour", "Servitude"),
                languages=("th", "my", "km"),
                waiting_days=7,
            ),
            ServiceSpec(
                "Work permit advice",
                ("ADM", "LEG"),
                "Regularising status and changing employer.",
                serves_children=False,
                nationalities=("MM", "KH", "LA"),
                languages=("th", "my", "km", "lo"),
                waiting_days=7,
            ),
        ),
    ),
    ProviderSpec(
        "Bangkok Metropolitan Hospital",
        "TH",
        "A public hospital with an interpreter service.",
        (PlaceSpec("Hospital", "Pathum Wan", *BKK, city="Bangkok", address="1873 Rama IV Road"),),
        (
            ServiceSpec(
                "Medical care with interpreters",
                ("MED",),
                "Outpatient and inpatient care; interpreters on request.",
                languages=("th", "en", "my"),
                free_of_charge=False,
                fees="Free for identified victims; others pay the public rate.",
            ),
            ServiceSpec(
                "One-stop crisis centre",
                ("MED", "SAF", "PSY"),
                "Care after violence, with police and social workers on site.",
                languages=("th", "en"),
                hours="Open day and night",
            ),
        ),
    ),
    ProviderSpec(
        "Embassy Consular Section",
        "TH",
        "Consular help for nationals of the origin country.",
        (PlaceSpec("Consular section", "Pathum Wan", *BKK, city="Bangkok", address="83/1 Wireless Road"),),
        (
            ServiceSpec(
                "Emergency travel documents",
                ("ADM",),
                "Travel documents for nationals without a passport.",
                nationalities=("VN",),
                waiting_days=5,
            ),
        ),
    ),
)
