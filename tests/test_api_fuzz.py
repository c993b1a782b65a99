"""The API fuzzed from its own OpenAPI document with schemathesis: for every operation, generated
bodies and query parameters (valid and invalid), sent by the team's worker, by a supervisor
outside the team and by a worker of another organisation, on a case with records in every
section. No answer may be a server error or stray from the documented schema, and no answer to
someone outside the team may carry what they may not see."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.cache import caches
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from reintegra.accounts.models import ApiToken
from reintegra.api import api
from reintegra.wsgi import application
from tests.test_url_access import OUR_PLAIN_KWARGS, RECORD_KWARGS, forbidden_values, seed

pytestmark = pytest.mark.django_db

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = application
# Capped so that the whole run stays within CI's budget: about 30 operations, 3 personas each.
EXAMPLES = 10
PERSONAS = ("worker", "manager_elsewhere", "outsider")
# Every other check of schemathesis runs (server errors, status codes, content types, response
# bodies and headers against the schema, refused credentials). Not these two:
# - positive_data_acceptance: a schema-valid body may still break a rule of the work (a formal
#   identification without its date, a review in 1899), which the workflows refuse with 422;
# - negative_data_rejection: the API reads JSON as pydantic does by default, so "3" is taken for
#   3 and "true" for true; what it takes it checks, and these ids point at the seeded records,
#   which would make the generated "invalid id" valid again.
NOT_CHECKED = [positive_data_acceptance, negative_data_rejection]


@pytest.fixture
def world(request, case, worker):
    # The WSGI handler closes the database connection as a request starts and ends; inside a test
    # that would end the test's transaction. Django's own test client stops it the same way.
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
        request.addfinalizer(lambda signal=signal: signal.connect(close_old_connections))
    seeded = seed(case, worker)
    tokens = {persona: ApiToken.issue(request.getfixturevalue(persona))[1] for persona in PERSONAS}
    latest = case.assessments.order_by("-version").values_list("version", flat=True)[0]
    return seeded, tokens, {**OUR_PLAIN_KWARGS, "version": latest}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same examples every run: a failure is reproducible, CI is deterministic
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_no_generated_request_breaks_the_api_or_leaks(case, world):
    seeded, tokens, plain = world
    # Each example starts with no request counted: the limits (429 after 20 refused tokens from
    # one address) are tests/test_api_contract.py's, and would otherwise answer the rest here.
    for cache in caches.all():
        cache.clear()
    # Ids point at the seeded records, so that the generated bodies reach the workflows rather
    # than stopping at "not found"; ids out of range are tests/test_api_input_rules.py's.
    for name in list(case.path_parameters or {}):
        if name in RECORD_KWARGS:
            case.path_parameters[name] = RECORD_KWARGS[name][0](seeded)
        elif name in plain:
            case.path_parameters[name] = plain[name]
    for persona in PERSONAS:
        response = case.call_and_validate(
            headers={"Authorization": f"Bearer {tokens[persona]}"}, excluded_checks=NOT_CHECKED
        )
        if persona != "worker":
            text = response.text
            leaked = [value for value in forbidden_values(persona, seeded.case, echoed=False) if value in text]
            assert not leaked, f"{case.method} {case.path} as {persona} leaked {leaked}"
