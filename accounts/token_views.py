"""Making and revoking API tokens, from the profile page. A new token's key is shown once, on the
page the person is sent back to, and never again (only its SHA-256 is kept)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import ApiToken
from accounts.profile import NEW_KEY, live_tokens, may_make_tokens, render_profile, token_form
from accounts.tokens import make_token, revoke
from council.permissions import require


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    require(may_make_tokens(request.user))
    form = token_form(request, request.POST)
    if not form.is_valid():
        return render_profile(request, token_form_shown=form, status=400)
    data = form.cleaned_data
    service = data.get("service", False)
    _token, key = make_token(
        user=request.user,
        name=data["name"],
        expires_on=data["expires_on"],
        kind=ApiToken.Kind.SERVICE if service else ApiToken.Kind.PERSONAL,
        scopes=data.get("scopes", []) if service else [],
    )
    request.session[NEW_KEY] = key
    messages.success(request, _("The token is made. Copy its key now: it is not shown again."))
    return redirect("profile")


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(live_tokens(request.user), pk=pk)
    revoke(token)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("profile")
