import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import NoReverseMatch, reverse, set_script_prefix

from reintegra.core.links import link_by_id


@pytest.mark.parametrize("viewname", ["cases:detail", "supervision:notes", "outcomes:outcomes"])
@pytest.mark.parametrize("record_id", [0, 1, 7, 42, 10**12])
def test_same_link_as_reverse(viewname, record_id):
    assert link_by_id(viewname, record_id) == reverse(viewname, args=[record_id])


def test_script_prefix_is_read_on_every_call():
    link_by_id("cases:detail", 1)  # the path is now cached under the default prefix
    set_script_prefix("/network/")
    try:
        assert link_by_id("cases:detail", 5) == reverse("cases:detail", args=[5]) == "/network/cases/5/"
    finally:
        set_script_prefix("/")


@pytest.mark.parametrize("record_id", [-1, "5", "5/../../admin", 1.5, True, None])
def test_only_ids_make_links(record_id):
    with pytest.raises(NoReverseMatch):
        link_by_id("cases:detail", record_id)


def test_views_without_one_id_argument_are_refused():
    with pytest.raises((ImproperlyConfigured, NoReverseMatch)):
        link_by_id("cases:caseload", 1)
