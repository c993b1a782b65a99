"""The fictional populations of the demo and the synthetic data: names in Latin letters and in
their own scripts, nicknames, phone numbers and identity documents as each country writes them,
and the routes people were trafficked along. Tables only; the generator is synthetic.py. None of
these persons exists.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from reintegra.cases.vocabularies import DocumentType, IdentifyingAuthorityType

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


def digits(rng: random.Random, count: int) -> str:
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
    rest = digits(rng, 7)
    return rng.choice(
        (
            f"+84 {prefix[0]}{prefix[1]}{rest[0]} {rest[1:4]} {rest[4:]}",
            f"0{prefix}{rest[0]} {rest[1:4]} {rest[4:]}",
            f"0{prefix}{rest}",
        )
    )


def _th_phone(rng: random.Random) -> str:
    prefix = rng.choice(("81", "82", "86", "89", "92", "95", "61", "62"))
    rest = digits(rng, 7)
    style = rng.random()
    if style < 0.1:
        # Written with Thai digits, as a Thai-speaking case worker might copy it from a note.
        return f"0{prefix}-{rest[:3]}-{rest[3:]}".translate(_THAI_DIGITS)
    if style < 0.55:
        return f"+66 {prefix} {rest[:3]} {rest[3:]}"
    return f"0{prefix}-{rest[:3]}-{rest[3:]}"


def _kh_phone(rng: random.Random) -> str:
    prefix = rng.choice(("12", "17", "96", "97", "78", "85"))
    rest = digits(rng, 6)
    return rng.choice((f"+855 {prefix} {rest[:3]} {rest[3:]}", f"0{prefix} {rest[:3]} {rest[3:]}"))


def _la_phone(rng: random.Random) -> str:
    rest = rng.choice("579") + digits(rng, 7)
    return rng.choice((f"+856 20 {rest[:4]} {rest[4:]}", f"020 {rest[:4]} {rest[4:]}"))


def _mm_phone(rng: random.Random) -> str:
    rest = digits(rng, 9)
    return rng.choice((f"+95 9 {rest[:3]} {rest[3:6]} {rest[6:]}", f"09 {rest[:3]} {rest[3:6]} {rest[6:]}"))


def _cn_phone(rng: random.Random) -> str:
    rest = rng.choice("3456789") + digits(rng, 9)
    return f"+86 1{rest[:2]} {rest[2:6]} {rest[6:]}"


def _passport(letter: str, length: int) -> Callable[[random.Random], dict[str, str]]:
    def make(rng: random.Random) -> dict[str, str]:
        return {"type": DocumentType.PASSPORT, "number": letter + digits(rng, length)}

    return make


def _vn_document(rng: random.Random) -> dict[str, str]:
    if rng.random() < 0.6:
        return {"type": DocumentType.NATIONAL_ID, "number": "0" + digits(rng, 11)}
    return _passport("C", 7)(rng)


def _th_document(rng: random.Random) -> dict[str, str]:
    d = digits(rng, 12)
    return {"type": DocumentType.NATIONAL_ID, "number": f"1-{d[:4]}-{d[4:9]}-{d[9:11]}-{d[11]}"}


def _mm_document(rng: random.Random) -> dict[str, str]:
    if rng.random() < 0.5:
        township = rng.choice(("MaYaKa", "KaMaYa", "ThaGaKa", "LaMaTa"))
        return {"type": DocumentType.NATIONAL_ID, "number": f"{rng.randint(1, 14)}/{township}(N){digits(rng, 6)}"}
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

PROVINCES = ("Riverside Province", "Green Hills Province", "Lotus Lake Province", "Example Coast Province")
AUTHORITIES: dict[str, tuple[str, ...]] = {
    IdentifyingAuthorityType.POLICE: ("Provincial Police, Anti-Trafficking Unit", "Border Guard Command (fictional)"),
    IdentifyingAuthorityType.COURT: ("People's Court of Riverside District", "Provincial Prosecutor's Office"),
    IdentifyingAuthorityType.OTHER_GOVERNMENT: ("Provincial Department of Social Services", "Ministry Liaison Office"),
    IdentifyingAuthorityType.NGO: ("Safe Harbour Shelter", "Bangkok Partner Outreach"),
}
