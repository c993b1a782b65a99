"""The fictional demonstration network, as plain data: who exists, not how they are created.

Two countries: an origin country (Vietnam) with a local government department, a shelter and
three organisations that only provide services on referral, and a destination country
(Thailand) with one outreach partner. Every name here is invented.
"""

from __future__ import annotations

from dataclasses import dataclass

from reintegra.accounts.models import Role
from reintegra.orgs.models import OrganisationType


@dataclass(frozen=True)
class OrganisationSpec:
    code: str
    name: str
    org_type: str
    country: str
    holds_cases: bool


@dataclass(frozen=True)
class UserSpec:
    username: str
    organisation_code: str
    role: str
    first_name: str
    last_name: str
    also: tuple[str, ...] = ()  # roles held besides `role`


ORGANISATIONS: tuple[OrganisationSpec, ...] = (
    OrganisationSpec("dss", "Provincial Department of Social Services", OrganisationType.LOCAL_GOVERNMENT, "VN", True),
    OrganisationSpec("shelter", "Safe Harbour Shelter", OrganisationType.NGO, "VN", True),
    OrganisationSpec("legal", "Justice Access Legal Aid", OrganisationType.LEGAL, "VN", False),
    OrganisationSpec("clinic", "Riverside Health Clinic", OrganisationType.HEALTH_SERVICE, "VN", False),
    OrganisationSpec("skills", "New Skills Vocational Centre", OrganisationType.SCHOOL, "VN", False),
    OrganisationSpec("bkk", "Bangkok Partner Outreach", OrganisationType.NGO, "TH", True),
)

# Username suffix for each role. "worker2" is a second case worker who joins only some teams,
# so the demo can show a colleague who cannot see every case of their own organisation.
ROLE_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("worker", Role.CASE_WORKER),
    ("worker2", Role.CASE_WORKER),
    ("supervisor", Role.SUPERVISOR),
    ("admin", Role.ORG_ADMIN),
    ("provider", Role.SERVICE_PROVIDER),
    ("analyst", Role.ANALYST),
    ("coordinator", Role.COORDINATOR),
    ("complaints", Role.COMPLAINTS_OFFICER),
)

# "worker2" is also the organisation's counsellor: the one who opens the clinical section.
EXTRA_ROLES: dict[str, tuple[str, ...]] = {"worker2": (Role.CLINICIAN,)}

# Invented staff names, in the order of ROLE_SUFFIXES (service-only organisations use the first).
_STAFF_NAMES: dict[str, tuple[tuple[str, str], ...]] = {
    "dss": (
        ("Lan", "Đỗ"),
        ("Quang", "Vũ"),
        ("Hạnh", "Trịnh"),
        ("Khoa", "Lương"),
        ("Thảo", "Mai"),
        ("Bình", "Tạ"),
        ("Yến", "Kiều"),
        ("Sơn", "Hà"),
    ),
    "shelter": (
        ("Mai", "Phùng"),
        ("Tùng", "Cao"),
        ("Ngân", "Lại"),
        ("Phong", "Đinh"),
        ("Vy", "Quách"),
        ("Hiếu", "Tôn"),
        ("Linh", "Giáp"),
        ("Thu", "Âu"),
    ),
    "bkk": (
        ("Ploy", "Sukjai"),
        ("Nat", "Thongdee"),
        ("Fah", "Rungruang"),
        ("Beam", "Chaimongkol"),
        ("Mint", "Sawangwong"),
        ("Tee", "Jaidee"),
        ("Kwan", "Pholsiri"),
        ("Nok", "Saelim"),
    ),
    "legal": (("Hải", "Bạch"),),
    "clinic": (("Dung", "Ông"),),
    "skills": (("Trí", "Khúc"),),
}


def _users() -> tuple[UserSpec, ...]:
    users: list[UserSpec] = []
    for org in ORGANISATIONS:
        names = _STAFF_NAMES[org.code]
        if org.holds_cases:
            for (suffix, role), (first, last) in zip(ROLE_SUFFIXES, names, strict=True):
                users.append(
                    UserSpec(f"{org.code}.{suffix}", org.code, role, first, last, also=EXTRA_ROLES.get(suffix, ()))
                )
        else:
            first, last = names[0]
            users.append(UserSpec(f"{org.code}.provider", org.code, Role.SERVICE_PROVIDER, first, last))
    return tuple(users)


USERS: tuple[UserSpec, ...] = _users()


def case_holding_codes() -> tuple[str, ...]:
    return tuple(org.code for org in ORGANISATIONS if org.holds_cases)


def organisation(code: str) -> OrganisationSpec:
    return next(org for org in ORGANISATIONS if org.code == code)
