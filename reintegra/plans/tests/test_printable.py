"""The printable plan: only what the person chose, in their language, shipped fonts, and
never a word about why they are supported."""

import io
import os
from pathlib import Path

import pytest
from django.urls import reverse
from pypdf import PdfReader

from reintegra.audit.models import AuditRecord
from reintegra.plans.models import Action, Goal, Plan

pytestmark = pytest.mark.django_db
# The families the printable's @font-face rules give our shipped Noto files.
SHIPPED_FONTS = {"Print-Sans", "Print-Sans-Bold", "Print-Thai", "Print-Thai-Bold"}


@pytest.fixture
def plan(as_worker, worker, case):
    as_worker.post(
        reverse("plans:plan", args=[case.pk]),
        {"review_on": "2027-12-01", "in_own_words": "Mở một quầy may nhỏ gần nhà mẹ"},
    )
    as_worker.post(reverse("plans:add_goal", args=[case.pk]), {"area": "ECO", "description": "เปิดร้านตัดเย็บเล็กๆ"})
    as_worker.post(reverse("plans:add_goal", args=[case.pk]), {"area": "PSY", "description": "Sleep through the night"})
    for area, text in (("EDU", "Tailoring course at the training centre"), ("MED", "Dental check-up")):
        as_worker.post(
            reverse("plans:add_action", args=[case.pk]),
            {
                "area": area,
                "description": text,
                "delivery": "our_team",
                "responsible": worker.pk,
                "due_on": "2026-06-30",
            },
        )
        as_worker.post(
            reverse("plans:decide", args=[case.pk, Action.objects.latest("pk").pk]),
            {"agreement": "agreed", "decided_on": "2026-01-11", "information_given": "Explained", "language": "th"},
        )
    return Plan.objects.get(case=case)


def download(client, case, **choices):
    data = {"language": "en", **choices}
    return client.post(reverse("plans:print", args=[case.pk]), data)


def pdf_text(response) -> tuple[str, set[str]]:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    fonts = {
        str(font["/BaseFont"]).split("+")[-1] for page in reader.pages for font in page["/Resources"]["/Font"].values()
    }
    keep = os.environ.get("REINTEGRA_KEEP_PDFS")  # to look at them: pdftoppm -png plan.pdf page
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        (Path(keep) / f"plan-{len(text)}.pdf").write_bytes(response.content)
    return text, fonts


def test_only_what_the_person_chose_in_english(as_worker, case, plan):
    form = as_worker.get(reverse("plans:print", args=[case.pk])).content.decode()
    assert "Sleep through the night" in form and "checked" not in form  # nothing chosen in advance
    goal = Goal.objects.get(area="PSY")
    action = Action.objects.get(area="EDU")
    response = download(as_worker, case, goals=[goal.pk], actions=[action.pk], include_dates="on")
    assert "no-store" in response["Cache-Control"]
    text, fonts = pdf_text(response)
    assert "My plan" in text and "Sleep through the night" in text and "Tailoring course" in text
    assert "Feeling well in my mind" in text  # plain words for the service area
    for left_out in ("Dental", "เปิดร้าน", "Mở một", "Quỳnh", "Zubrowska", case.number, "Who helps"):
        assert left_out not in text
    assert fonts <= SHIPPED_FONTS  # no system font stood in for a missing glyph
    record = AuditRecord.objects.filter(action="print_plan", case_id=case.pk).get()
    assert record.decrypted_detail()["language"]["new"] == "en"


def test_thai_paper_in_thai_with_the_shipped_thai_font(as_worker, case, plan):
    goal = Goal.objects.get(area="ECO")
    action = Action.objects.get(area="EDU")
    text, fonts = pdf_text(
        download(
            as_worker,
            case,
            language="th",
            goals=[goal.pk],
            actions=[action.pk],
            include_name="on",
            include_helpers="on",
            include_dates="on",
        )
    )
    for thai in ("แผนของฉัน", "เป้าหมายของฉัน", "งานและการเงิน", "การเรียนรู้และทักษะ", "เปิดร้านตัดเย็บเล็กๆ", "ผู้ช่วยเหลือ"):
        assert thai in text
    assert "Quỳnh-Anh Zubrowska-Phạm" in text  # the name was chosen this time
    assert "My plan" not in text
    assert "Print-Thai" in fonts and fonts <= SHIPPED_FONTS


def test_dates_already_past_stay_off_the_paper(worker, case, plan):
    import time_machine

    from conftest import signed_in

    with time_machine.travel("2028-01-05 12:00Z"):  # after the plan's review date
        text, _fonts = pdf_text(download(signed_in(worker), case, include_own_words="on", include_dates="on"))
    assert "look at this plan together again" not in text and "When we meet again" not in text


def test_vietnamese_paper(as_worker, case, plan):
    text, _fonts = pdf_text(download(as_worker, case, language="vi", include_own_words="on"))
    assert "Kế hoạch của tôi" in text and "Mở một quầy may nhỏ gần nhà mẹ" in text


def test_a_chosen_text_that_reveals_the_past_is_refused(as_worker, worker, case, plan):
    goal = Goal.objects.get(area="PSY")
    goal.description = "Counselling for trafficking survivors"
    goal.save()
    response = download(as_worker, case, goals=[goal.pk])
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "says why the person is supported" in response.content.decode()
    assert not AuditRecord.objects.filter(action="print_plan").exists()


def test_the_words_check_folds_accents_and_keeps_thai():
    from reintegra.plans.printable import words_to_avoid_in

    assert words_to_avoid_in("Hỗ trợ NẠN NHÂN") == ["nan nhan"]
    assert words_to_avoid_in("ผู้เสียหายจากการค้ามนุษย์") == ["ค้ามนุษย์"]
    assert words_to_avoid_in("Exploitation") == ["exploit"]
    assert words_to_avoid_in("Tailoring course") == []


def test_nothing_chosen_prints_nothing(as_worker, case, plan):
    response = download(as_worker, case, language="xx")
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not AuditRecord.objects.filter(action="print_plan").exists()


def test_strangers_cannot_print(as_teammate, as_outsider, case, plan):
    goal = Goal.objects.get(area="PSY")
    for client in (as_teammate, as_outsider):
        assert download(client, case, goals=[goal.pk]).status_code == 404
        assert client.get(reverse("plans:print", args=[case.pk])).status_code == 404


@pytest.mark.parametrize("language", ["en", "vi", "th"])
def test_a_goal_and_an_action_in_every_area_print_in_every_language(as_worker, worker, case, language):
    """The plain-language labels are keyed by area code; a missing key was a server error."""
    from reintegra.assessments.catalogue import AREAS
    from reintegra.plans.printable import PLAIN_AREA_LABELS

    assert set(PLAIN_AREA_LABELS) == {area.code for area in AREAS}
    as_worker.post(reverse("plans:plan", args=[case.pk]), {"review_on": "2027-12-01"})
    for area in AREAS:
        as_worker.post(
            reverse("plans:add_goal", args=[case.pk]), {"area": area.code, "description": f"Goal {area.code}"}
        )
        as_worker.post(
            reverse("plans:add_action", args=[case.pk]),
            {"area": area.code, "description": f"Step {area.code}", "delivery": "our_team", "responsible": worker.pk},
        )
        as_worker.post(
            reverse("plans:decide", args=[case.pk, Action.objects.latest("pk").pk]),
            {"agreement": "agreed", "decided_on": "2026-01-11", "information_given": "Explained", "language": "vi"},
        )
    assert Goal.objects.count() == Action.objects.filter(agreement="agreed").count() == len(AREAS)
    response = download(
        as_worker,
        case,
        language=language,
        goals=list(Goal.objects.values_list("pk", flat=True)),
        actions=list(Action.objects.values_list("pk", flat=True)),
    )
    text, _fonts = pdf_text(response)
    assert all(f"Step {area.code}" in text for area in AREAS)


def test_the_agreed_date_is_kept_from_the_first_save(as_worker, case):
    as_worker.post(reverse("plans:plan", args=[case.pk]), {"review_on": "2027-12-01", "agreed_on": "2026-01-10"})
    assert str(Plan.objects.get(case=case).agreed_on) == "2026-01-10"
