"""The parts of the homes rendered for every request, also when the page is kept whole for its reader
(common.kept_pages): what is read from records the records' token does not watch, or moves with the visit."""

from django.http import HttpRequest
from django.template.loader import render_to_string

from council.permissions import access_for
from dashboards.briefing import briefing
from reminders.models import Delivery


def failed_deliveries(request: HttpRequest) -> str:
    """The secretariat's count of reminders that failed (deliveries are not watched: they change all day)."""
    council_id = access_for(request.user).council_id
    count = Delivery.objects.filter(rule__council_id=council_id, status=Delivery.Status.FAILED).count()
    return render_to_string("dashboards/home/_failed_deliveries.html", {"failed_deliveries": count})


def briefing_since(request: HttpRequest) -> str:
    """A mayor's office's changes since its last visit, which the first request of a visit moves."""
    since = briefing(request.session, access_for(request.user).person)
    return render_to_string("dashboards/_briefing_since.html", {"briefing": since})
