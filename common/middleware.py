"""Headers every response gets (what caches may keep, what the browser may let a page use), and the line
breaks of what forms send."""

from django.utils.cache import patch_cache_control

# Devices, sensors and browser features the app never uses, refused to every page and frame: were a
# script ever injected, it could not reach them. Only names Chromium recognises: it warns in the console
# of every page about an unknown one (so not "bluetooth", which Chromium 156 does not know here).
REFUSED_FEATURES = (
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "encrypted-media",
    "gamepad",
    "geolocation",
    "gyroscope",
    "hid",
    "identity-credentials-get",
    "idle-detection",
    "local-fonts",
    "magnetometer",
    "microphone",
    "midi",
    "otp-credentials",
    "payment",
    "picture-in-picture",
    "publickey-credentials-create",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "window-management",
    "xr-spatial-tracking",
)
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in REFUSED_FEATURES)


class PermissionsPolicyMiddleware:
    """`Permissions-Policy` on every response. First in MIDDLEWARE, so static files and errors get it too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class PrivateCacheMiddleware:
    """Every response to a signed-in request is `Cache-Control: private, no-store`.

    What a signed-in person sees (pages, exports, attachments) is theirs: no shared cache may keep it,
    and the browser keeps no copy on disk once they have signed out. Views that say more (never_cache)
    keep what they say. After the authentication middleware, which tells who is signed in; static
    files never get here (WhiteNoise answers them first) and keep their long caching.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


class FormLineBreaksMiddleware:
    """A form's text arrives with CRLF line breaks (browsers send them so, by the HTML standard); it is kept
    with LF, as imports, the demo and the rest of the app write it. Else a form saved untouched changed
    every text of several lines: a change in the record's history, and its translations marked outdated.
    In process_view, after the CSRF check has read the form."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if request.method != "POST" or not any(
            "\r" in value for _key, values in request.POST.lists() for value in values
        ):
            return None
        posted = request.POST.copy()
        for key, values in request.POST.lists():
            posted.setlist(key, [value.replace("\r\n", "\n").replace("\r", "\n") for value in values])
        posted._mutable = False
        request.POST = posted
        return None
