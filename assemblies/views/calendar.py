"""The iCalendar feed for calendar apps, and the page where a person finds and resets its address."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from assemblies.calendar import WINDOW_YEARS, build_feed
from assemblies.calendar_tokens import feed_token, looks_like_token, reset_feed, token_hash
from assemblies.models import CalendarFeed
from assemblies.permissions import can_read_assemblies
from council.permissions import Access, access_for, require


def _token_access(token: str) -> Access:
    """The access of the token's owner. Unknown, malformed, disabled or without a role: all the same 404."""
    if not looks_like_token(token):
        raise Http404
    feeds = CalendarFeed.objects.select_related("user")
    feed = feeds.filter(token_hash=token_hash(token), user__is_active=True).first()
    if feed is None:
        raise Http404
    access = access_for(feed.user)
    if not can_read_assemblies(access):
        raise Http404
    return access


@never_cache  # the address is secret and per person: no shared cache keeps a copy
@require_safe
def feed(request: HttpRequest) -> HttpResponse:
    if "token" in request.GET:
        access = _token_access(request.GET["token"])
    elif request.user.is_authenticated:
        access = access_for(request.user)
        require(can_read_assemblies(access))
    else:
        # Signed out and no token: 404, not a redirect to the sign-in page. A calendar app follows the
        # redirect and then fails on an HTML form it cannot parse, which hides the real mistake (an
        # address copied without its token); and without its token the address is as unknown as with
        # a wrong one.
        raise Http404
    body = build_feed(access=access, now=timezone.now(), absolute_url=request.build_absolute_uri)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    # The feed is written in its owner's language, whoever asks for it: a calendar app sends no session,
    # and LocaleMiddleware would label it with the app's Accept-Language (or the site's default).
    response.headers["Content-Language"] = access.person.preferred_language
    return response


@never_cache  # the page shows the secret address
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def feed_settings(request: HttpRequest) -> HttpResponse:
    require(can_read_assemblies(access_for(request.user)))
    if request.method == "POST":
        reset_feed(user=request.user)
        messages.success(
            request, _("Your calendar address is reset: the old one no longer works. Subscribe again with the new one.")
        )
        return redirect("assemblies:calendar")
    token = feed_token(user=request.user)
    address = request.build_absolute_uri(f"{reverse('assemblies:calendar-feed')}?{urlencode({'token': token})}")
    return render(
        request,
        "assemblies/calendar.html",
        {
            "address": address,
            "webcal_address": "webcal://" + address.split("://", 1)[1],  # opens the subscription dialog
            "window_years": WINDOW_YEARS,
        },
    )
