from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils import translation

from pmqa_portal import views


class HealthProbeMiddleware:
    """Answers the load balancer's probes before the HTTPS redirect and the host check.

    A load balancer probes each app server over plain HTTP by its IP address, which the portal
    would otherwise redirect (301) or refuse as an unknown host (400). The probes read nothing
    from the request, so first in the stack they need neither check.
    """

    probes = {"/healthz": views.healthz, "/readyz": views.readyz}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = self.probes.get(request.path_info)
        if probe is not None:
            return probe(request)
        return self.get_response(request)


class ThaiFirstLocaleMiddleware(LocaleMiddleware):
    """Thai unless the user chose English with the language switch.

    Django's own middleware follows the browser's Accept-Language, and many
    officers' phones and office PCs are set to English; the portal is Thai first.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class RequestBodyLimitMiddleware:
    """Refuses a request whose declared body is over settings.REQUEST_BODY_MAX_BYTES, before anything reads it.

    Django would otherwise stream the whole body to a temporary file before the form could find
    the file too large. Without a Content-Length Django reads no body at all, so the header is
    the whole of what there is to check.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > settings.REQUEST_BODY_MAX_BYTES:
            return self.too_large(request)
        return self.get_response(request)

    def too_large(self, request):
        context = {"limit": filesizeformat(settings.REQUEST_BODY_MAX_BYTES)}
        if not request.htmx:
            return render(request, "413.html", context, status=413)
        # The form stays as it was, with what was typed; only the page's messages show the refusal.
        response = render(request, "partials/_request_too_large.html", context, status=413)
        response["HX-Retarget"] = "#messages"
        response["HX-Reswap"] = "innerHTML"
        return response
