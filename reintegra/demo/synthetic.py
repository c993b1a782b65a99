"""Deterministic fictional persons and case histories, for the demo and for benchmarks.

Everything is drawn from one `random.Random(seed)`, and dates are anchored to a fixed horizon
instead of today, so the same seed always yields the same people and histories. Names come
from small hand-written lists covering the region (Vietnamese, Thai, Khmer, Lao, Burmese,
Chinese), some written with diacritics, in upper case or in their own script, so that the data
exercises name normalisation and aliases. None of these persons exists.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import TypeVar

from reintegra.cases.actions import CaseDetails, PersonDetails
from reintegra.cases.vocabularies import (
    TRANSITIONS,
    AgeBand,
    CaseStatus,
    ClosureReason,
    DocumentType,
    ExploitationType,
    Gender,
    IdentificationStatus,
    IdentifyingAuthorityType,
    RecruitmentMethod,
)

T = TypeVar("T")

FIRST_OPENING = date(2019, 1, 1)
LAST_OPENING = date(2026, 10, 31)
# Nothing happens at or after this moment, whatever today's date is.
HORIZON = datetime(2026, 11, 1, tzinfo=UTC)

FICTIONAL_NOTE = "Fictional person created for the Reintegra demonstration. Not a real individual."
_RESPELLED_NOTE = " May be the same person as an earlier registration spelled differently."


# --- Name lists ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class People:
    """One population the organisations work with: names, phones, documents, routes."""

    key: str
    nationality: str
    languages: tuple[str, ...]
    family_names: tuple[str, ...]
    female_given: tuple[str, ...]
    male_given: tuple[str, ...]
    nicknames: tuple[str, ...]
    # Latin token -> the same name in the people's own script. Used only when every token of a
    # name has a native spelling.
    native: dict[str, str]
    native_joiner: str
    native_share: float
    destinations: dict[str, int]
    phone: Callable[[random.Random], str]
    document: Callable[[random.Random], dict[str, str]]


def _digits(rng: random.Random, count: int) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(count))


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _phrases(text: str) -> tuple[str, ...]:
    """Comma-separated names, for names of several words."""
    return tuple(name.strip() for name in text.split(","))


def _pairs(text: str) -> dict[str, str]:
    """Space-separated pairs written latin=native."""
    return dict(pair.split("=") for pair in text.split())


_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def _vn_phone(rng: random.Random) -> str:
    prefix = rng.choice(("91", "98", "97", "86", "90", "33", "35", "70", "77", "88"))
    rest = _digits(rng, 7)
    return rng.choice(
        (
            f"+84 {prefix[0]}{prefix[1]}{rest[0]} {rest[1:4]} {rest[4:]}",
            f"0{prefix}{rest[0]} {rest[1:4]} {rest[4:]}",
            f"0{prefix}{rest}",
        )
    )


def _th_phone(rng: random.Random) -> str:
    prefix = rng.choice(("81", "82", "86", "89", "92", "95", "61", "62"))
    rest = _digits(rng, 7)
    style = rng.random()
    if style < 0.1:
        # Written with Thai digits, as a Thai-speaking case worker might copy it from a note.
        return f"0{prefix}-{rest[:3]}-{rest[3:]}".translate(_THAI_DIGITS)
    if style < 0.55:
        return f"+66 {prefix} {rest[:3]} {rest[3:]}"
    return f"0{prefix}-{rest[:3]}-{rest[3:]}"


def _kh_phone(rng: random.Random) -> str:
    prefix = rng.choice(("12", "17", "96", "97", "78", "85"))
    rest = _digits(rng, 6)
    return rng.choice((f"+855 {prefix} {rest[:3]} {rest[3:]}", f"0{prefix} {rest[:3]} {rest[3:]}"))


def _la_phone(rng: random.Random) -> str:
    rest = rng.choice("579") + _digits(rng, 7)
    return rng.choice((f"+856 20 {rest[:4]} {rest[4:]}", f"020 {rest[:4]} {rest[4:]}"))


def _mm_phone(rng: random.Random) -> str:
    rest = _digits(rng, 9)
    return rng.choice((f"+95 9 {rest[:3]} {rest[3:6]} {rest[6:]}", f"09 {rest[:3]} {rest[3:6]} {rest[6:]}"))


def _cn_phone(rng: random.Random) -> str:
    rest = rng.choice("3456789") + _digits(rng, 9)
    return f"+86 1{rest[:2]} {rest[2:6]} {rest[6:]}"


def _passport(letter: str, digits: int) -> Callable[[random.Random], dict[str, str]]:
    def make(rng: random.Random) -> dict[str, str]:
        return {"type": DocumentType.PASSPORT, "number": letter + _digits(rng, digits)}

    return make


def _vn_document(rng: random.Random) -> dict[str, str]:
    if rng.random() < 0.6:
        return {"type": DocumentType.NATIONAL_ID, "number": "0" + _digits(rng, 11)}
    return _passport("C", 7)(rng)


def _th_document(rng: random.Random) -> dict[str, str]:
    d = _digits(rng, 12)
    return {"type": DocumentType.NATIONAL_ID, "number": f"1-{d[:4]}-{d[4:9]}-{d[9:11]}-{d[11]}"}


def _mm_document(rng: random.Random) -> dict[str, str]:
    if rng.random() < 0.5:
        township = rng.choice(("MaYaKa", "KaMaYa", "ThaGaKa", "LaMaTa"))
        return {"type": DocumentType.NATIONAL_ID, "number": f"{rng.randint(1, 14)}/{township}(N){_digits(rng, 6)}"}
    return _passport("M", 7)(rng)


PEOPLES: dict[str, People] = {
    "vn": People(
        key="vn",
        nationality="VN",
        languages=("vi",),
        family_names=_words("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý"),
        female_given=_phrases(
            "Thị Lan, Thị Hương, Thị Mai, Ngọc Anh, Thu Trang, Thị Hoa, Minh Thư, Thị Nga, Bích Ngọc, "
            "Thị Thảo, Thị Hằng, Kim Chi"
        ),
        male_given=_phrases(
            "Văn Nam, Văn Hùng, Minh Tuấn, Đức Anh, Quốc Bảo, Văn Long, Hoàng Phúc, Văn Dũng, Thành Công, "
            "Hữu Nghĩa, Văn Tài, Công Minh"
        ),
        nicknames=("Bé", "Út", "Tí", "Cún", "Mít"),
        native={},
        native_joiner=" ",
        native_share=0.0,
        destinations={"CN": 35, "MY": 20, "TH": 15, "KH": 10, "VN": 20},
        phone=_vn_phone,
        document=_vn_document,
    ),
    "th": People(
        key="th",
        nationality="TH",
        languages=("th",),
        family_names=("Boonmee", "Srisuk", "Wongsawat", "Kaewkla", "Phromma", "Saelim", "Sukprasert"),
        female_given=("Malee", "Siriporn", "Nittaya", "Kanya", "Ratana", "Wanida", "Sunisa", "Pranee"),
        male_given=("Somchai", "Anan", "Prasert", "Wichai", "Chaiwat", "Narong", "Sombat", "Kittisak"),
        nicknames=("Noi", "Lek", "Som", "Nok", "Joy"),
        native=_pairs(
            "Malee=มาลี Siriporn=ศิริพร Nittaya=นิตยา Kanya=กัญญา Ratana=รัตนา Wanida=วนิดา Sunisa=สุนิสา "
            "Pranee=ปราณี Somchai=สมชาย Anan=อนันต์ Prasert=ประเสริฐ Wichai=วิชัย Chaiwat=ชัยวัฒน์ "
            "Narong=ณรงค์ Sombat=สมบัติ Kittisak=กิตติศักดิ์ Boonmee=บุญมี Srisuk=ศรีสุข "
            "Wongsawat=วงศ์สวัสดิ์ Kaewkla=แก้วกล้า Phromma=พรหมมา Saelim=แซ่ลิ้ม Sukprasert=สุขประเสริฐ"
        ),
        native_joiner=" ",
        native_share=0.45,
        destinations={"MY": 40, "TH": 45, "CN": 15},
        phone=_th_phone,
        document=_th_document,
    ),
    "kh": People(
        key="kh",
        nationality="KH",
        languages=("km",),
        family_names=("Sok", "Chan", "Kim", "Heng", "Meas", "Chea", "Keo", "Pich", "Ly"),
        female_given=("Sophea", "Sokha", "Bopha", "Dara", "Channary", "Sreymom", "Kanha", "Sreyleak"),
        male_given=("Vuthy", "Rithy", "Piseth", "Visal", "Borey", "Sokhom", "Dara", "Virak"),
        nicknames=("Srey", "Pov", "Mab", "Toch"),
        native=_pairs(
            "Sok=សុខ Chan=ចាន់ Kim=គីម Heng=ហេង Meas=មាស Chea=ជា Keo=កែវ Sophea=សុភា Sokha=សុខា "
            "Bopha=បុប្ផា Dara=ដារា Channary=ចាន់ណារី Sreymom=ស្រីមុំ Vuthy=វុទ្ធី Rithy=រិទ្ធី "
            "Piseth=ពិសិដ្ឋ Visal=វិសាល Borey=បូរី Sokhom=សុខុម"
        ),
        native_joiner=" ",
        native_share=0.25,
        destinations={"TH": 60, "MY": 25, "CN": 10, "KH": 5},
        phone=_kh_phone,
        document=_passport("N", 7),
    ),
    "la": People(
        key="la",
        nationality="LA",
        # Lao has no entry in the application's language list; many Lao speakers also read Thai.
        languages=("th",),
        family_names=("Phommachanh", "Keomany", "Sisouphanh", "Vongsa", "Inthavong", "Souvannavong", "Chanthavong"),
        female_given=("Noy", "Keo", "Manivanh", "Vilayvanh", "Phonesavanh", "Souksavanh", "Malayvanh"),
        male_given=("Somsak", "Khamphone", "Bounmy", "Phouvong", "Sengphet", "Kham", "Thongsavath"),
        nicknames=("Noi", "Tou", "Kaew"),
        native={"Somsak": "ສົມສັກ", "Kham": "ຄຳ", "Noy": "ນ້ອຍ", "Keo": "ແກ້ວ", "Vongsa": "ວົງສາ"},
        native_joiner=" ",
        native_share=0.3,
        destinations={"TH": 70, "CN": 25, "LA": 5},
        phone=_la_phone,
        document=_passport("P", 7),
    ),
    "mm": People(
        key="mm",
        nationality="MM",
        languages=("my",),
        # Burmese names have no family name: the whole name goes in the given name.
        family_names=(),
        female_given=_phrases(
            "Aye Aye Mon, Khin Mar Win, Thandar Aung, Nilar Htwe, Su Su Hlaing, May Thu, Khin Aye, Aye Myo Win"
        ),
        male_given=("Kyaw Zaw", "Aung Ko Ko", "Min Thu", "Zaw Lin", "Htet Naing", "Thura Aung", "Myo Min", "Aung Kyaw"),
        nicknames=("Ma Ma", "Ko Ko", "Nyi Nyi"),
        native=_pairs(
            "Aung=အောင် Kyaw=ကျော် Zaw=ဇော် Min=မင်း Thu=သူ Su=စု Hlaing=လှိုင် Aye=အေး Mon=မွန် Khin=ခင် Win=ဝင်း Myo=မျိုး"
        ),
        native_joiner="",
        native_share=0.35,
        destinations={"TH": 55, "MY": 25, "CN": 20},
        phone=_mm_phone,
        document=_mm_document,
    ),
    "cn": People(
        key="cn",
        nationality="CN",
        languages=(),
        family_names=("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao"),
        female_given=("Fang", "Na", "Min", "Jing", "Li", "Yan", "Xiuying"),
        male_given=("Wei", "Qiang", "Lei", "Jun", "Yong", "Jie", "Tao"),
        nicknames=("Xiao", "Ah"),
        native=_pairs(
            "Wang=王 Li=李 Zhang=张 Liu=刘 Chen=陈 Yang=杨 Huang=黄 Zhao=赵 Fang=芳 Na=娜 Min=敏 Jing=静 Yan=艳 "
            "Xiuying=秀英 Wei=伟 Qiang=强 Lei=磊 Jun=军 Yong=勇 Jie=杰 Tao=涛"
        ),
        native_joiner="",
        native_share=0.5,
        destinations={"MY": 40, "TH": 35, "KH": 25},
        phone=_cn_phone,
        document=_passport("E", 8),
    ),
}

# Which populations each kind of organisation mostly sees (weights).
PROFILES: dict[str, dict[str, int]] = {
    "VN": {"vn": 80, "kh": 7, "la": 6, "cn": 4, "mm": 3},
    "TH": {"mm": 35, "la": 20, "kh": 20, "vn": 10, "th": 10, "cn": 5},
    "mixed": {"vn": 35, "mm": 15, "kh": 15, "la": 12, "th": 13, "cn": 10},
}

_PROVINCES = ("Riverside Province", "Green Hills Province", "Lotus Lake Province", "Example Coast Province")
_AUTHORITIES: dict[str, tuple[str, ...]] = {
    IdentifyingAuthorityType.POLICE: ("Provincial Police, Anti-Trafficking Unit", "Border Guard Command (fictional)"),
    IdentifyingAuthorityType.COURT: ("People's Court of Riverside District", "Provincial Prosecutor's Office"),
    IdentifyingAuthorityType.OTHER_GOVERNMENT: ("Provincial Department of Social Services", "Ministry Liaison Office"),
    IdentifyingAuthorityType.NGO: ("Safe Harbour Shelter", "Bangkok Partner Outreach"),
}


# --- Generated records --------------------------------------------------------------------------


@dataclass(frozen=True)
class StatusStep:
    to_status: str
    closure_reason: str
    at: datetime


@dataclass
class SyntheticCase:
    person: PersonDetails
    case: CaseDetails
    opened_on: date
    # The whole path, starting with intake; datetimes strictly increase and stay before HORIZON.
    history: list[StatusStep] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.history[-1].to_status

    @property
    def closure_reason(self) -> str:
        return self.history[-1].closure_reason

    @property
    def status_changed_at(self) -> datetime:
        return self.history[-1].at


def _weighted(rng: random.Random, weights: Mapping[T, int]) -> T:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _pick(rng: random.Random, items: Sequence[T]) -> T:
    return items[rng.randrange(len(items))]


def ascii_fold(value: str) -> str:
    """Drop accents, as someone typing on a keyboard without Vietnamese input would."""
    value = value.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def _age_band(age: int) -> str:
    for band, upper in (
        (AgeBand.UNDER_12, 11),
        (AgeBand.FROM_12, 14),
        (AgeBand.FROM_15, 17),
        (AgeBand.FROM_18, 24),
        (AgeBand.FROM_25, 34),
        (AgeBand.FROM_35, 49),
    ):
        if age <= upper:
            return band
    return AgeBand.FROM_50


class SyntheticGenerator:
    """Yields fictional cases one after another; the n-th case depends only on the seed."""

    def __init__(self, seed: int, profile: str = "mixed") -> None:
        self.rng = random.Random(seed)
        self.profile = PROFILES[profile]
        # Recent persons per population, so a few can come back under another spelling.
        self._recent: dict[str, list[PersonDetails]] = {}

    def next_case(self, profile: str | None = None) -> SyntheticCase:
        weights = PROFILES[profile] if profile else self.profile
        people = PEOPLES[_weighted(self.rng, weights)]
        opened_on = self._opening_day()
        person, age = self._person(people, opened_on)
        case = self._case_details(people, opened_on, age, profile)
        return SyntheticCase(person=person, case=case, opened_on=opened_on, history=self._history(opened_on))

    def cases(self, count: int, profile: str | None = None) -> list[SyntheticCase]:
        return [self.next_case(profile) for _ in range(count)]

    # Persons -------------------------------------------------------------------------------

    def _opening_day(self) -> date:
        # Skewed towards recent years: caseloads grow as an organisation becomes known.
        span = (LAST_OPENING - FIRST_OPENING).days
        return FIRST_OPENING + timedelta(days=int((self.rng.random() ** 0.6) * span))

    def _gender(self, child: bool) -> str:
        r = self.rng.random()
        if child:
            return Gender.FEMININE if r < 0.6 else Gender.MASCULINE if r < 0.97 else Gender.UNKNOWN
        for value, upper in (
            (Gender.FEMININE, 0.6),
            (Gender.MASCULINE, 0.92),
            (Gender.TRANSGENDER_FEMININE, 0.95),
            (Gender.TRANSGENDER_MASCULINE, 0.96),
            (Gender.NON_CONFORMING, 0.97),
        ):
            if r < upper:
                return value
        return Gender.UNKNOWN

    def _person(self, people: People, opened_on: date) -> tuple[PersonDetails, int]:
        recent = self._recent.setdefault(people.key, [])
        if recent and self.rng.random() < 0.04:
            return self._respelled(_pick(self.rng, recent), people), -1
        child = self.rng.random() < 0.2
        age = (
            self.rng.choice((9, 12, 13, 14, 15, 15, 16, 16, 17, 17))
            if child
            else 18 + int(self.rng.random() ** 1.8 * 38)
        )
        gender = self._gender(child)
        given, family, aliases = self._names(people, gender)
        person = PersonDetails(
            given_name=given,
            family_name=family,
            other_names=aliases,
            gender=gender,
            nationalities=self._nationalities(people),
            languages=list(people.languages) + (["en"] if self.rng.random() < 0.15 else []),
            phones=self._phones(people),
            emails=self._emails(given, family, aliases),
            addresses=self._addresses(),
            identity_documents=self._documents(people, child),
            notes=FICTIONAL_NOTE,
        )
        self._set_age(person, opened_on, age, child)
        recent.append(person)
        del recent[:-50]
        return person, age

    def _names(self, people: People, gender: str) -> tuple[str, str, list[str]]:
        pool = people.male_given if gender in (Gender.MASCULINE, Gender.TRANSGENDER_MASCULINE) else people.female_given
        given = _pick(self.rng, pool)
        family = _pick(self.rng, people.family_names) if people.family_names else ""
        aliases: list[str] = []
        if self.rng.random() < 0.12:
            aliases.append(f"{_pick(self.rng, people.nicknames)} {given.split()[-1]}")
        native = self._in_native_script(people, given, family)
        if native is not None:
            # Recorded in the person's own script; the Latin spelling is kept as an alias.
            aliases.insert(0, " ".join(p for p in (given, family) if p))
            given, family = native
        elif people.key == "vn":
            given, family = self._vietnamese_spelling(given, family)
        return given, family, aliases

    def _in_native_script(self, people: People, given: str, family: str) -> tuple[str, str] | None:
        if self.rng.random() >= people.native_share:
            return None
        tokens = [*given.split(), *family.split()]
        if not all(token in people.native for token in tokens):
            return None
        join = people.native_joiner.join
        return join(people.native[t] for t in given.split()), join(people.native[t] for t in family.split())

    def _vietnamese_spelling(self, given: str, family: str) -> tuple[str, str]:
        r = self.rng.random()
        if r < 0.15:
            return ascii_fold(given), ascii_fold(family)
        if r < 0.22:
            return given.upper(), family.upper()
        return given, family

    def _respelled(self, earlier: PersonDetails, people: People) -> PersonDetails:
        """The same (fictional) person registered again, typed differently: a duplicate warning."""
        given, family = ascii_fold(earlier.given_name), ascii_fold(earlier.family_name)
        if (given, family) == (earlier.given_name, earlier.family_name):
            given, family = given.lower(), family.upper()
        return PersonDetails(
            given_name=given,
            family_name=family,
            birth_date=earlier.birth_date,
            estimated_birth_year=earlier.estimated_birth_year,
            age_band=earlier.age_band,
            gender=earlier.gender,
            nationalities=list(earlier.nationalities),
            languages=list(earlier.languages),
            phones=[people.phone(self.rng)] if self.rng.random() < 0.5 else list(earlier.phones),
            notes=FICTIONAL_NOTE + _RESPELLED_NOTE,
        )

    def _set_age(self, person: PersonDetails, opened_on: date, age: int, child: bool) -> None:
        r = self.rng.random()
        born = opened_on - timedelta(days=age * 365 + self.rng.randrange(365))
        if r < 0.55:
            person.birth_date = born
        elif r < 0.8:
            person.estimated_birth_year = born.year
        elif r < 0.95:
            person.age_band = _age_band(age)
        person.age_disputed = self.rng.random() < (0.15 if child else 0.04)

    def _nationalities(self, people: People) -> list[str]:
        r = self.rng.random()
        if r < 0.03:
            return []  # undocumented or unknown
        return [people.nationality]

    def _phones(self, people: People) -> list[str]:
        r = self.rng.random()
        if r < 0.25:
            return []
        count = 2 if r > 0.9 else 1
        return [people.phone(self.rng) for _ in range(count)]

    def _emails(self, given: str, family: str, aliases: list[str]) -> list[str]:
        if self.rng.random() >= 0.15:
            return []
        latin = aliases[0] if aliases and not given.isascii() else f"{given} {family}"
        local = ".".join(ascii_fold(latin).lower().split())
        if not local.isascii() or not local:
            return []
        return [f"{local}{self.rng.randrange(10, 99)}@example.org"]

    def _addresses(self) -> list[str]:
        if self.rng.random() >= 0.5:
            return []
        province = _pick(self.rng, _PROVINCES)
        return [f"House {self.rng.randint(1, 240)}, Hamlet {self.rng.randint(1, 12)}, Example Commune, {province}"]

    def _documents(self, people: People, child: bool) -> list[dict[str, str]]:
        r = self.rng.random()
        if child and r < 0.3:
            return [{"type": DocumentType.BIRTH_CERTIFICATE, "number": f"BC-{_digits(self.rng, 8)}"}]
        if r < 0.4:
            return [people.document(self.rng)]
        return []

    # Cases ---------------------------------------------------------------------------------

    def _case_details(self, people: People, opened_on: date, age: int, profile: str | None) -> CaseDetails:
        details = CaseDetails(
            exploitation_types=self._exploitation_types(age),
            origin_countries=[people.nationality],
            exploitation_countries=self._destinations(people, profile),
            recruitment_methods=self._recruitment(),
            at_risk=self.rng.random() < 0.1,
            restricted=self.rng.random() < 0.05,
        )
        self._set_exploitation_period(details, opened_on, age)
        self._set_identification(details, opened_on)
        return details

    def _exploitation_types(self, age: int) -> list[str]:
        if 0 <= age < 18:
            weights = {
                ExploitationType.CHILD_LABOUR: 35,
                ExploitationType.SEXUAL: 30,
                ExploitationType.FORCED_BEGGING: 15,
                ExploitationType.FORCED_MARRIAGE: 15,
                ExploitationType.OTHER: 5,
            }
        else:
            weights = {
                ExploitationType.FORCED_LABOUR: 40,
                ExploitationType.SEXUAL: 28,
                ExploitationType.FORCED_MARRIAGE: 12,
                ExploitationType.SERVITUDE: 10,
                ExploitationType.SURROGACY: 2,
                ExploitationType.FORCED_BEGGING: 3,
                ExploitationType.OTHER: 5,
            }
        first = _weighted(self.rng, weights)
        if self.rng.random() < 0.2:
            second = _weighted(self.rng, weights)
            if second != first:
                return [first, second]
        return [first]

    def _destinations(self, people: People, profile: str | None) -> list[str]:
        if (profile or "") == "TH" and self.rng.random() < 0.85:
            return ["TH"]
        first = _weighted(self.rng, people.destinations)
        if self.rng.random() < 0.1:
            second = _weighted(self.rng, people.destinations)
            if second != first:
                return [first, second]
        return [first]

    def _recruitment(self) -> list[str]:
        weights = {
            RecruitmentMethod.FRIENDS: 30,
            RecruitmentMethod.FAMILY: 20,
            RecruitmentMethod.ONLINE_SOCIAL: 22,
            RecruitmentMethod.ONLINE_ADVERT: 10,
            RecruitmentMethod.AT_WORK: 8,
            RecruitmentMethod.PLACE_OF_BUSINESS: 4,
            RecruitmentMethod.EDUCATIONAL_INSTITUTION: 2,
            RecruitmentMethod.OTHER: 4,
        }
        if self.rng.random() < 0.1:
            return []
        methods: list[str] = [_weighted(self.rng, weights)]
        if self.rng.random() < 0.2:
            extra = _weighted(self.rng, weights)
            if extra not in methods:
                methods.append(extra)
        return methods

    def _set_exploitation_period(self, details: CaseDetails, opened_on: date, age: int) -> None:
        if self.rng.random() < 0.1:
            return  # not known yet
        ended = opened_on - timedelta(days=self.rng.randrange(0, 120))
        # A child's exploitation cannot have begun before early childhood.
        longest = 1800 if age < 0 or age >= 18 else max(30, (age - 6) * 365)
        details.exploitation_began = ended - timedelta(days=self.rng.randint(14, longest))
        if self.rng.random() >= 0.08:
            details.exploitation_ended = ended

    def _set_identification(self, details: CaseDetails, opened_on: date) -> None:
        r = self.rng.random()
        if r < 0.45:
            return
        if r < 0.75:
            details.identification_status = IdentificationStatus.INFORMAL
            details.identifying_authority_type = IdentifyingAuthorityType.NGO
            if self.rng.random() < 0.6:
                details.identifying_authority = _pick(self.rng, _AUTHORITIES[IdentifyingAuthorityType.NGO])
                details.identified_on = self._day_near(opened_on)
            return
        kind = _pick(
            self.rng,
            (
                IdentifyingAuthorityType.POLICE,
                IdentifyingAuthorityType.COURT,
                IdentifyingAuthorityType.OTHER_GOVERNMENT,
            ),
        )
        details.identification_status = IdentificationStatus.FORMAL
        details.identifying_authority_type = kind
        details.identifying_authority = _pick(self.rng, _AUTHORITIES[kind])
        details.identified_on = self._day_near(opened_on)

    def _day_near(self, opened_on: date) -> date:
        day = opened_on + timedelta(days=self.rng.randint(-60, 120))
        return min(day, LAST_OPENING)

    # Status history ------------------------------------------------------------------------

    def _moment(self, day: date) -> datetime:
        # Office hours in Indochina time (UTC+7): 01:30 to 10:30 UTC.
        minutes = 90 + self.rng.randrange(9 * 60)
        return datetime.combine(day, time(0, 0), tzinfo=UTC) + timedelta(minutes=minutes)

    def _history(self, opened_on: date) -> list[StatusStep]:
        at = self._moment(opened_on)
        steps = [StatusStep(CaseStatus.INTAKE, "", at)]
        reopenings = 0
        while len(steps) < 14:
            move = self._next_move(steps[-1].to_status, reopenings)
            if move is None:
                break
            to_status, reason, gap_days = move
            later = max(self._moment(at.date() + timedelta(days=gap_days)), at + timedelta(minutes=5))
            if later >= HORIZON:
                break  # the next step lies in the future: the case stays where it is
            assert to_status in TRANSITIONS[steps[-1].to_status]
            if steps[-1].to_status == CaseStatus.CLOSED:
                reopenings += 1
            steps.append(StatusStep(to_status, reason, later))
            at = later
        return steps

    def _next_move(self, status: str, reopenings: int) -> tuple[str, str, int] | None:
        """The next status, closure reason and days until it, or None if the case stays put."""
        r = self.rng.random()
        rand = self.rng.randint
        if status == CaseStatus.CLOSED:
            if r >= (0.15 if reopenings == 0 else 0.05):
                return None
            reopened_as = _weighted(self.rng, {CaseStatus.ASSESSMENT: 6, CaseStatus.ACTIVE: 3, CaseStatus.INTAKE: 1})
            return reopened_as, "", rand(60, 900)
        if r < 0.03:
            return None  # stalled: waiting on something outside the organisation's hands
        if status == CaseStatus.INTAKE:
            if r < 0.85:
                return CaseStatus.ASSESSMENT, "", rand(1, 14)
            if r < 0.93:
                return CaseStatus.ACTIVE, "", rand(0, 7)
            return CaseStatus.CLOSED, self._reason(early=True), rand(1, 30)
        if status == CaseStatus.ASSESSMENT:
            if r < 0.9:
                return CaseStatus.ACTIVE, "", rand(5, 60)
            return CaseStatus.CLOSED, self._reason(early=True), rand(5, 90)
        if status == CaseStatus.ACTIVE:
            if r < 0.75:
                return CaseStatus.FOLLOW_UP, "", rand(90, 540)
            if r < 0.95:
                return CaseStatus.CLOSED, self._reason(early=False), rand(30, 400)
            return CaseStatus.ASSESSMENT, "", rand(30, 180)
        # Follow-up.
        if r < 0.8:
            reason = ClosureReason.REINTEGRATED if self.rng.random() < 0.8 else self._reason(early=False)
            return CaseStatus.CLOSED, reason, rand(180, 720)
        if r < 0.92:
            return CaseStatus.ACTIVE, "", rand(30, 200)
        return CaseStatus.ASSESSMENT, "", rand(30, 200)

    def _reason(self, *, early: bool) -> str:
        if early:
            weights = {
                ClosureReason.DECLINED: 40,
                ClosureReason.LOST_CONTACT: 30,
                ClosureReason.TRANSFERRED: 20,
                ClosureReason.OTHER: 10,
            }
        else:
            weights = {
                ClosureReason.LOST_CONTACT: 30,
                ClosureReason.MOVED_AWAY: 25,
                ClosureReason.TRANSFERRED: 20,
                ClosureReason.DECLINED: 15,
                ClosureReason.DECEASED: 2,
                ClosureReason.OTHER: 8,
            }
        return _weighted(self.rng, weights)
