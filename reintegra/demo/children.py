"""The demo's children: four fictional girls and boys on shelter.worker's caseload, one at each
stage of child protection, recorded through the real workflows so that every rule applies:

1. just identified, her age disputed and a guardian asked for (the case cannot close yet);
2. a guardian appointed and consulted, a best-interests assessment, family tracing behind a
   safety check, and a determination awaiting the supervisor's approval;
3. the determination approved (her uncle was complicit), kinship care with an aunt, reviewed
   periodically, the next review falling due within days;
4. turned 18 and moved to youth support, the child's record kept whole.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.cases.actions import CaseDetails, PersonDetails, register_person_with_case
from reintegra.cases.models import Case, CaseStatusChange
from reintegra.children import actions
from reintegra.orgs.models import Organisation


def _register(
    organisation: Organisation,
    worker: User,
    supervisor: User,
    *,
    person: PersonDetails,
    identified_on: date,
    began: date,
) -> Case:
    case = register_person_with_case(
        actor=worker,
        person=person,
        case=CaseDetails(
            identification_status="formal",
            identified_on=identified_on,
            identifying_authority="Anti-trafficking police",
            identifying_authority_type="police",
            exploitation_types=["ForcedLabour"],
            origin_countries=["VN"],
            exploitation_countries=["TH"],
            exploitation_began=began,
        ),
        supervisor=supervisor,
        opened_on=identified_on,
        backdated_because="demo",
    )
    # The case opened on the day of identification, not the day the demo was loaded (like
    # load_demo's own histories; the audit trail keeps the real moment).
    opened_at = datetime.combine(identified_on, time(10), tzinfo=organisation.tzinfo)
    for opening in CaseStatusChange.objects.filter(case=case):
        opening.changed_at, opening.note = opened_at, ""
        opening.save(update_fields=["changed_at", "note"])
    Case.objects.filter(pk=case.pk).update(status_changed_at=opened_at)
    case.status_changed_at = opened_at
    return case


def create_child_cases(organisations: dict[str, Organisation]) -> int:
    worker = User.objects.get(username="shelter.worker")
    supervisor = User.objects.get(username="shelter.supervisor")
    shelter = organisations["shelter"]
    today = timezone.localdate()
    ago = lambda days: today - timedelta(days=days)  # noqa: E731 - a date so many days back

    # 1. Just identified abroad; she says she is 17, papers say 19: a dispute, a guardian asked for.
    first = _register(
        shelter,
        worker,
        supervisor,
        person=PersonDetails(given_name="Ngọc Lan", family_name="Trần", gender="Feminine", age_disputed=True),
        identified_on=ago(6),
        began=ago(300),
    )
    actions.record_age_assessment(
        actor=worker, case=first, on=ago(5), outcome="disputed", note="Passport gives 19; she says she was born later"
    )
    actions.record_guardian(actor=worker, case=first, status="requested", on=ago(4), note="Asked of the district court")

    # 2. Guardian appointed; the family is being traced; the determination awaits approval.
    second = _register(
        shelter,
        worker,
        supervisor,
        person=PersonDetails(
            given_name="Somchai",
            family_name="Phetsarath",
            gender="Masculine",
            birth_date=today - relativedelta(years=14, days=40),
        ),
        identified_on=ago(90),
        began=ago(500),
    )
    actions.record_guardian(
        actor=worker,
        case=second,
        status="appointed",
        on=ago(80),
        guardian="Khun Malee Sriwong",
        authority="Juvenile and Family Court",
        contact="+66 2 541 2345",
    )
    actions.record_consultation(
        actor=worker,
        case=second,
        on=ago(60),
        about="Tracing his parents",
        guardian_view="Agrees, if done through the NGO",
    )
    actions.record_assessment(
        actor=worker,
        case=second,
        on=ago(58),
        action_considered="Tracing his parents",
        findings="Settled in the shelter; asks about his mother every week",
        child_views="He wants to know his mother is safe before anything else",
    )
    tracing = actions.request_tracing(
        actor=worker, case=second, relative="His mother", relationship="mother", requested_on=ago(55), child_agreed=True
    )
    actions.record_tracing_step(
        actor=worker,
        tracing=tracing,
        kind="safety_checked",
        on=ago(40),
        safe_to_contact=True,
        note="The recruiter has left the village",
    )
    actions.record_tracing_step(
        actor=worker, tracing=tracing, kind="contact_made", on=ago(30), note="Through the commune's social worker"
    )
    actions.record_determination(
        actor=worker,
        case=second,
        decided_on=ago(3),
        panel=["Shelter case worker", "Child-protection officer", "Psychologist"],
        family_safety="safe",
        carers_complicit="no",
        family_assessment="His mother was deceived by the same recruiter; home visit found the household safe",
        child_views="He wants to go home to his mother and back to school",
        parents_views="His mother wants him home",
        decision="Family reunification, with monthly visits by the commune's social worker",
        durable_solution="family",
        review_on=today + timedelta(days=180),
    )

    # 3. Approved: the uncle sold her, so kinship care with her aunt; reviewed every few months.
    third = _register(
        shelter,
        worker,
        supervisor,
        person=PersonDetails(
            given_name="Aye Aye",
            family_name="Khin",
            gender="Feminine",
            birth_date=today - relativedelta(years=15, days=200),
        ),
        identified_on=ago(260),
        began=ago(600),
    )
    actions.record_guardian(
        actor=worker,
        case=third,
        status="appointed",
        on=ago(250),
        guardian="Daw Thida",
        authority="Department of Social Welfare",
    )
    actions.record_assessment(
        actor=worker,
        case=third,
        on=ago(240),
        action_considered="Where she will live",
        findings="Her uncle arranged the recruitment; her aunt in the city is safe and willing",
        child_views="She will not go back to her uncle's house; she likes her aunt",
    )
    determination = actions.record_determination(
        actor=worker,
        case=third,
        decided_on=ago(230),
        panel=["Shelter case worker", "Child-protection officer", "Guardian"],
        family_safety="unsafe",
        carers_complicit="yes",
        family_assessment="Her uncle, who cared for her, sold her to the recruiter; her aunt knew nothing",
        child_views="She does not want to see her uncle again; she wants to live with her aunt",
        parents_views="Her father, working abroad, agrees to kinship care",
        decision="Kinship care with her aunt; no contact with the uncle",
        durable_solution="kinship",
        review_on=today + timedelta(days=135),
    )
    actions.approve_determination(actor=supervisor, determination=determination)
    placement = actions.record_placement(
        actor=worker,
        case=third,
        kind="kinship",
        started_on=ago(220),
        carer="Her aunt, Daw Mya",
        child_views="Glad to be with her aunt",
        determination=determination,
    )
    actions.review_placement(
        actor=worker, placement=placement, on=ago(130), outcome="continue", child_views="Happy; started school again"
    )
    # The next review falls due in a few days (every three months from the last).
    actions.review_placement(
        actor=worker, placement=placement, on=ago(85), outcome="continue", child_views="Wants to join the school choir"
    )

    # 4. Turned 18 last month: youth support, the child's record kept.
    fourth = _register(
        shelter,
        worker,
        supervisor,
        person=PersonDetails(
            given_name="Bảo",
            family_name="Nguyễn",
            gender="Masculine",
            birth_date=today - relativedelta(years=18, days=40),
        ),
        identified_on=ago(700),
        began=ago(900),
    )
    actions.record_guardian(
        actor=worker, case=fourth, status="appointed", on=ago(690), guardian="Lê Thị Hạnh", authority="People's Court"
    )
    foster = actions.record_placement(
        actor=worker,
        case=fourth,
        kind="foster",
        started_on=ago(600),
        carer="The Phạm family",
        child_views="Wants to stay in town for school",
    )
    actions.review_placement(
        actor=worker, placement=foster, on=ago(35), outcome="ends", child_views="Ready to live in the youth hostel"
    )
    actions.record_guardian(actor=worker, case=fourth, status="ended", on=ago(40), note="Guardianship ends at 18")
    actions.move_to_youth_support(
        actor=worker, case=fourth, on=ago(30), note="Youth hostel and a mechanics apprenticeship"
    )
    return 4
