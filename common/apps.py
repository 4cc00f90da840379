from django.apps import AppConfig
from django.core.signals import request_finished


class CommonConfig(AppConfig):
    name = "common"

    def ready(self):
        from common import change_tokens, request_context

        request_finished.connect(request_context.clear, dispatch_uid="common.request_context.clear")
        change_tokens.connect_migrate(self)
