"""The profile page: the person, their preferences, and their API tokens (a new one's key shown once)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.forms import ProfileForm
from accounts.models import ApiToken
from accounts.token_forms import TokenForm
from council.permissions import access_for

NEW_KEY = "api_token_new_key"  # in the session until the profile page shows it, once


def may_make_tokens(user) -> bool:
    """People with a council role read the API with their rights; an account without one has none."""
    return bool(access_for(user).kinds)


def token_form(request: HttpRequest, data=None) -> TokenForm:
    return TokenForm(data, may_make_service=access_for(request.user).is_secretariat, prefix="token")


def live_tokens(user):
    return ApiToken.objects.filter(user=user, revoked_at=None)


def render_profile(request: HttpRequest, *, form=None, token_form_shown=None, status: int = 200) -> HttpResponse:
    """The page; `form` a refused preferences form, `token_form_shown` a refused token form, with errors."""
    person = access_for(request.user).person
    if form is None and person is not None:
        form = ProfileForm(instance=person)
    context = {"form": form, "person": person}
    if may_make_tokens(request.user):
        context["api"] = {
            "form": token_form_shown or token_form(request),
            "tokens": live_tokens(request.user),
            "new_key": request.session.pop(NEW_KEY, ""),
        }
    return render(request, "accounts/profile.html", context, status=status)
