from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = _("Council")

    def ready(self) -> None:
        from common import kept_pages
        from council.permissions import access_for

        kept_pages.reader(lambda request: access_for(request.user).fingerprint)  # their roles, in every key
