"""Reminders pages: each person's notifications; the secretariat's rules and deliveries.

Notifications are the reader's own: another person's is not found rather than forbidden. Rules and
deliveries belong to the secretariat of their council (reminders.permissions); another council's are
not found.
"""

from urllib.parse import urlsplit, urlunsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.forms import add_refusal
from common.lookups import get_in_scope_or_404
from common.pagination import page_of
from council.models import Council
from council.permissions import access_for, require
from reminders import planning, selectors, services, tasks
from reminders.forms import DeliveryFilter, RuleForm
from reminders.kinds import KINDS
from reminders.models import Delivery, Notification, ReminderRule
from reminders.permissions import can_manage_reminders
from translations.reading import with_versions


def _safe_local(request: HttpRequest, url: str) -> str | None:
    """`url` if it is a path on this site, else None. A relative "abc" is none: redirect() would take it
    for the name of a view, and fail."""
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if url.startswith("/") and allowed else None


# Notifications ------------------------------------------------------------------------------------


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    person = access_for(request.user).person
    if person is None:  # an account that is not a person of a council is sent no reminders
        return render(request, "reminders/notifications.html", {"notifications": []})
    page = page_of(request, selectors.notifications_of(person))
    return render(request, "reminders/notifications.html", {"page": page, "notifications": page.object_list})


def _on_this_site(request: HttpRequest, url: str) -> str:
    """A notification's link keeps only its path: the reader stays on the address they use (the stored
    link is absolute, made for e-mail from SITE_URL)."""
    parts = urlsplit(url)
    path = urlunsplit(("", "", parts.path, parts.query, parts.fragment))
    return _safe_local(request, path) or reverse("reminders:notifications")


@login_required
@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_for(request.user).person
    if person is None:
        raise Http404
    notification = get_in_scope_or_404(Notification.objects.filter(recipient=person), pk=pk)
    services.mark_read(person=person, notification_ids=[notification.pk])
    return redirect(_on_this_site(request, notification.url))


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    person = access_for(request.user).person
    if person is not None:
        services.mark_read(person=person)
    messages.success(request, _("All your notifications are marked read."))
    return redirect("reminders:notifications")


# Rules and deliveries (the secretariat) -----------------------------------------------------------


def _secretariat_council(request: HttpRequest) -> Council:
    """The council whose reminders the signed-in secretariat runs; 403 for everyone else."""
    access = access_for(request.user)
    council = access.person.council if access.person else None
    require(can_manage_reminders(access, council))
    return council


@login_required
def rule_list(request: HttpRequest) -> HttpResponse:
    council = _secretariat_council(request)
    return render(request, "reminders/rules.html", {"rules": planning.ensure_rules(council)})


@login_required
def rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_for(request.user)
    rules = ReminderRule.objects.filter(council_id=access.council_id)
    rule = get_in_scope_or_404(rules.select_related("council"), pk=pk)
    require(can_manage_reminders(access, rule.council))
    form = RuleForm(request.POST or None, rule=rule)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_rule(rule=rule, **form.values())
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("Reminder rule saved; unsent reminders were moved."))
            return redirect("reminders:rules")
    return render(request, "reminders/rule_form.html", {"form": form, "rule": rule})


@login_required
def delivery_list(request: HttpRequest) -> HttpResponse:
    council = _secretariat_council(request)
    # The page's targets (assemblies, exchanges …) come in one query per kind of target, not per row, and
    # their versions in one more per kind: a target is named by its title in the reader's language.
    targets = [with_versions(model.objects.all()) for model in {kind.model for kind in KINDS.values()}]
    rows = selectors.deliveries_of(council).prefetch_related(GenericPrefetch("target", targets))
    filterset = DeliveryFilter(request.GET, queryset=rows)
    page = page_of(request, filterset.qs)
    counts = selectors.status_counts(council)
    statuses = [(status, label, counts[status]) for status, label in Delivery.Status.choices]
    return render(
        request,
        "reminders/deliveries.html",
        {"filter": filterset, "page": page, "deliveries": page.object_list, "statuses": statuses},
    )


@login_required
@require_POST
def delivery_resend(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_for(request.user)
    deliveries = Delivery.objects.filter(rule__council_id=access.council_id)
    delivery = get_in_scope_or_404(deliveries.select_related("rule__council"), pk=pk)
    require(can_manage_reminders(access, delivery.rule.council))
    if services.resend(delivery=delivery, enqueue=tasks.deliver.delay):
        messages.success(request, _("Queued again."))
    else:
        messages.warning(request, _("This delivery is not failed; nothing was resent."))
    return redirect(_safe_local(request, request.POST.get("next", "")) or reverse("reminders:deliveries"))
