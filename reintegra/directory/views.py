from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reintegra.access.scope import case_scope
from reintegra.access.sections import SERVICE_AREA_SECTIONS, Section
from reintegra.accounts.models import User
from reintegra.assessments.catalogue import AREAS_BY_CODE
from reintegra.audit.models import AuditAction
from reintegra.core.flow import attach_errors
from reintegra.core.http import AuthenticatedRequest
from reintegra.core.links import link_by_id
from reintegra.directory import access, actions, hsds, matching
from reintegra.directory.forms import (
    MAX_UPLOAD_BYTES,
    DirectoryFilterForm,
    ImportForm,
    LocationForm,
    MatchForm,
    ProviderForm,
    ServiceForm,
    UnmetNeedForm,
)
from reintegra.directory.models import ServiceStatus, UnmetReason

PAGE_SIZE = 25


@login_required
@require_GET
def services(request: AuthenticatedRequest) -> HttpResponse:
    """The directory: every service of the network, narrowed by area, place and words."""
    found = access.services_visible_to(request.user)
    filters = DirectoryFilterForm(request.GET or None)
    if filters.is_valid():
        wanted = filters.cleaned_data
        if wanted["area"]:
            found = found.covering(wanted["area"])
        if wanted["place"]:
            place = wanted["place"]
            found = found.filter(
                Q(locations__district__icontains=place)
                | Q(locations__province__icontains=place)
                | Q(locations__city__icontains=place)
            )
        if wanted["text"]:
            found = found.filter(
                Q(name__icontains=wanted["text"])
                | Q(description__icontains=wanted["text"])
                | Q(provider__name__icontains=wanted["text"])
            )
        if not wanted["include_closed"]:
            found = found.open()
    else:
        found = found.open()
    page = Paginator(found.distinct().for_listing(), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "directory/services.html",
        {
            "page": page,
            "filters": filters,
            "query": query.urlencode(),
            "can_edit": access.can_edit_directory(request.user),
        },
    )


@login_required
@require_GET
def service(request: AuthenticatedRequest, service_id: int) -> HttpResponse:
    found = access.get_service_for_user(request.user, service_id)
    return render(
        request,
        "directory/service.html",
        {
            "service": found,
            "locations": list(found.locations.all()),
            "can_edit": access.can_edit_directory(request.user),
            "closed": found.status != ServiceStatus.ACTIVE,
            **found.lists_in_words(),
        },
    )


@login_required
@require_GET
def providers(request: AuthenticatedRequest) -> HttpResponse:
    rows = access.providers_visible_to(request.user).prefetch_related("locations", "services").select_related("member")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "directory/providers.html", {"page": page, "can_edit": access.can_edit_directory(request.user)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def provider_form(request: AuthenticatedRequest, provider_id: int | None = None) -> HttpResponse:
    provider = access.get_provider_for_user(request.user, provider_id, write=True) if provider_id else None
    access.providers_visible_to(request.user, write=True)  # coordinators only, also for a new one
    initial = {name: getattr(provider, name) for name in actions.PROVIDER_FIELDS} if provider else {}
    form = ProviderForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.save_provider(actor=request.user, provider=provider, values=form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Provider saved."))
            return redirect("directory:provider", provider_id=saved.pk)
    return render(request, "directory/provider_form.html", {"form": form, "provider": provider})


@login_required
@require_GET
def provider(request: AuthenticatedRequest, provider_id: int) -> HttpResponse:
    found = access.get_provider_for_user(request.user, provider_id)
    return render(
        request,
        "directory/provider.html",
        {
            "provider": found,
            "locations": list(found.locations.all()),
            "services": list(found.services.prefetch_related("areas")),
            "can_edit": access.can_edit_directory(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def location_form(request: AuthenticatedRequest, provider_id: int, location_id: int | None = None) -> HttpResponse:
    provider = access.get_provider_for_user(request.user, provider_id, write=True)
    location = access.get_location_for_user(request.user, provider, location_id) if location_id else None
    initial = (
        {name: getattr(location, name) for name in actions.LOCATION_FIELDS}
        if location
        else {"country": provider.country}
    )
    form = LocationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_location(actor=request.user, provider=provider, location=location, values=form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Place saved."))
            return redirect("directory:provider", provider_id=provider.pk)
    return render(request, "directory/location_form.html", {"form": form, "provider": provider, "location": location})


@login_required
@require_http_methods(["GET", "POST"])
def service_form(request: AuthenticatedRequest, provider_id: int, service_id: int | None = None) -> HttpResponse:
    provider = access.get_provider_for_user(request.user, provider_id, write=True)
    existing = access.get_service_for_user(request.user, service_id, write=True) if service_id else None
    if existing is not None and existing.provider_id != provider.pk:
        return redirect("directory:edit_service", provider_id=existing.provider_id, service_id=existing.pk)
    initial: dict[str, Any] = {}
    if existing:
        initial = {name: getattr(existing, name) for name in actions.SERVICE_FIELDS}
        initial["areas"] = existing.area_codes
        initial["locations"] = list(existing.locations.all())
    form = ServiceForm(request.POST or None, initial=initial, provider=provider)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        areas, locations = values.pop("areas"), list(values.pop("locations"))
        try:
            saved = actions.save_service(
                actor=request.user, provider=provider, service=existing, values=values, areas=areas, locations=locations
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Service saved."))
            return redirect("directory:service", service_id=saved.pk)
    return render(request, "directory/service_form.html", {"form": form, "provider": provider, "service": existing})


@login_required
@require_GET
def export(request: AuthenticatedRequest, kind: str) -> HttpResponse:
    """The whole directory in Open Referral HSDS 3.0: a zipped CSV data package, or JSON."""
    access.providers_visible_to(request.user)
    if kind == "json":
        body, content_type, name = hsds.export_json(), "application/json", "directory.json"
    else:
        body, content_type, name = hsds.export_package(), "application/zip", "directory-hsds.zip"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_directory(request: AuthenticatedRequest) -> HttpResponse:
    access.providers_visible_to(request.user, write=True)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[hsds.Problem] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = hsds.import_upload(actor=request.user, name=upload.name, data=upload.read(MAX_UPLOAD_BYTES + 1))
        except hsds.ImportRefused as exc:
            problems = exc.problems
        else:
            messages.success(
                request,
                _("Directory imported: %(providers)d providers, %(services)d services, %(locations)d places.")
                % result.counts(),
            )
            return redirect("directory:services")
    return render(request, "directory/import.html", {"form": form, "problems": problems})


# What the matching page reads of the case: who the person is, how they were exploited and
# identified, and the records of every service area.
MATCHING_SECTIONS = (*SERVICE_AREA_SECTIONS, Section.IDENTITY, Section.TRAFFICKING)


BEST_MATCHES_SHOWN = 10


def _with_query(request: AuthenticatedRequest, **extra: str) -> str:
    """This page's address with one more value of a list parameter, anchored at its need."""
    query = request.GET.copy()
    anchor = ""
    for name, value in extra.items():
        if value not in query.getlist(name):
            query.appendlist(name, value)
        anchor = value
    return f"?{query.urlencode()}#need-{anchor}"


@login_required
@require_http_methods(["GET", "POST"])
def matches(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    """For each need of the case, the services that fit, best first, each with why; those that do
    not, each with why not; and a way to record a need no service meets."""
    post = request.method == "POST"
    scope = case_scope(request.user, case_id, write=post, sections=MATCHING_SECTIONS, action=AuditAction.VIEW_MATCHES)
    case = scope.case
    areas = [(code, AREAS_BY_CODE[code].label) for code in scope.area_codes()]
    # Prefixed: the search form above has an "area" too, and ids must not repeat on a page.
    unmet_form = UnmetNeedForm(request.POST if post else None, areas=areas, prefix="unmet")
    if post and unmet_form.is_valid():
        try:
            actions.record_unmet_need(actor=request.user, case=case, **unmet_form.cleaned_data)
        except ValidationError as exc:
            attach_errors(unmet_form, exc)
        else:
            messages.success(
                request, _("Unmet need recorded. The network's coordinator sees it, counted, never named.")
            )
            return redirect("directory:matches", case_id=case.pk)
    form = MatchForm(request.GET or None, areas=areas)
    wanted = form.cleaned_data if form.is_valid() else {"area": "", "district": "", "province": ""}
    needs = [matching.Need(wanted["area"], _("asked for on this page"))] if wanted["area"] else matching.needs_of(scope)
    today = timezone.localdate()
    profile = matching.profile_of(
        person=case.person if scope.can_see(Section.IDENTITY) else None,
        case=case if scope.can_see(Section.TRAFFICKING) else None,
        today=today,
        district=wanted["district"],
        province=wanted["province"],
    )
    candidates = matching.candidates_for(access.services_visible_to(request.user), [need.area for need in needs])
    # The best few matches and a count of the rest; every match, and why the others are not
    # eligible, one click away (`all`, `why`): what a worker reads, and the rows the page renders.
    everything, reasons = request.GET.getlist("all"), request.GET.getlist("why")
    results = []
    for need in needs:
        fitting, excluded = matching.matches_for(candidates.get(need.area, []), profile)
        shown = fitting if need.area in everything else fitting[:BEST_MATCHES_SHOWN]
        # Links built without reverse() for each row (core.links), only for the rows shown.
        for match in shown:
            match.url = link_by_id("directory:service", match.service.pk)
        results.append(
            {
                "need": need,
                "label": AREAS_BY_CODE[need.area].label,
                "fitting": shown,
                "more": 0 if need.area in everything else max(0, len(fitting) - BEST_MATCHES_SHOWN),
                "gap": not fitting,
                "excluded": excluded if need.area in reasons else [],
                "excluded_count": len(excluded),
                "all_url": _with_query(request, all=need.area),
                "why_url": _with_query(request, why=need.area),
            }
        )
    return render(
        request,
        "directory/matches.html",
        {
            "case": case,
            "form": form,
            "results": results,
            "profile": profile,
            "unmet_form": unmet_form,
            "unmet_needs": list(scope.unmet_needs().select_related("recorded_by")[:50]),
            "refer_url": reverse("referrals:case", args=[case.pk]),
        },
    )


@login_required
@require_GET
def gaps(request: AuthenticatedRequest) -> HttpResponse:
    """The network coordinator's view of unmet needs: counts by area and reason, none small."""
    return render(request, "directory/gaps.html", gaps_context(request.user))


def gaps_context(user: User) -> dict[str, object]:
    """What the gaps table needs, for this page and the coordinator's network view."""
    rows = access.unmet_need_counts(user)
    labels = {code: AREAS_BY_CODE[code].label for code in AREAS_BY_CODE}
    return {
        "rows": [{**row, "label": labels.get(str(row["area"]), row["area"])} for row in rows],
        "smallest": access.SMALLEST_COUNT_SHOWN,
        "largest_hidden": access.SMALLEST_COUNT_SHOWN - 1,
        "reasons": dict(UnmetReason.choices),
    }
