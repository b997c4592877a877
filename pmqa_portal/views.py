import logging

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.models import Count, Prefetch
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from pmqa_portal.access import get_agency_for_user
from pmqa_portal.filters import AgencyFilter
from pmqa_portal.login_throttling import PASSWORD_RESET_WINDOW, password_reset_allowed
from pmqa_portal.models import Agency, Category, CriteriaItem, Edition
from pmqa_portal.pagination import paginate

logger = logging.getLogger(__name__)


def home(request):
    editions = Edition.objects.filter(is_active=True).annotate(category_count=Count("categories"))
    context = {"editions": editions}
    if request.user.is_authenticated and request.user.agency_id:
        context["agency"] = Agency.objects.select_related("province", "parent").get(pk=request.user.agency_id)
    return render(request, "pmqa_portal/home.html", context)


@login_required
def agency_list(request):
    agencies = Agency.objects.select_related("province", "parent").order_by("name_th", "pk")
    agency_filter = AgencyFilter(request.GET, queryset=agencies)
    page = paginate(request, agency_filter.qs)
    template = "pmqa_portal/partials/_agency_results.html" if request.htmx else "pmqa_portal/agency_list.html"
    return render(request, template, {"filter": agency_filter, "page": page})


@login_required
def agency_detail(request, pk):
    agency = get_agency_for_user(request.user, pk)
    children = agency.children.select_related("province").order_by("name_th")
    return render(request, "pmqa_portal/agency_detail.html", {"agency": agency, "children": children})


@login_required
def edition_list(request):
    editions = Edition.objects.prefetch_related(
        Prefetch("categories", queryset=Category.objects.annotate(item_count=Count("items")))
    )
    return render(request, "pmqa_portal/edition_list.html", {"editions": editions})


@login_required
def edition_detail(request, code):
    edition = get_object_or_404(Edition, code=code)
    categories = edition.categories.prefetch_related(Prefetch("items", queryset=CriteriaItem.objects.order_by("order")))
    return render(request, "pmqa_portal/edition_detail.html", {"edition": edition, "categories": categories})


@login_required
def category_detail(request, pk):
    category = get_object_or_404(Category.objects.select_related("edition"), pk=pk)
    items = category.items.order_by("order")
    return render(request, "pmqa_portal/category_detail.html", {"category": category, "items": items})


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset form, asking a client or a mailbox that requested too often to wait.

    The refusal is the same whether an account has the e-mail or not: it tells nobody who is registered.
    """

    def form_valid(self, form):
        if password_reset_allowed(self.request, form.cleaned_data["email"]):
            return super().form_valid(form)
        minutes = int(PASSWORD_RESET_WINDOW.total_seconds() // 60)
        message = _(
            "Too many password-reset requests from here or for this e-mail address. "
            "Please try again in %(minutes)d minutes."
        )
        form.add_error(None, message % {"minutes": minutes})
        return self.render_to_response(self.get_context_data(form=form), status=429)


def healthz(request):
    """Liveness check for load balancers (HealthProbeMiddleware answers it); also the benchmarks' trivial view."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def readyz(request):
    """Readiness check for load balancers: the database and the shared cache, reported separately.

    Only the database decides (503 without it). The cache is optional, an optimisation, and every
    app server shares the same one: taking this server out of rotation for it would help no one.
    """
    states = {"database": _database_state(), "cache": _cache_state()}
    return JsonResponse(states, status=200 if states["database"] == "ok" else 503)


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.warning("Readiness: the database cannot be reached.", exc_info=True)
        return "error"
    return "ok"


def _cache_state() -> str:
    try:
        cache.set("readyz", "ok", timeout=10)
        reachable = cache.get("readyz") == "ok"
    except Exception:
        logger.warning("Readiness: the cache cannot be reached.", exc_info=True)
        return "error"
    return "ok" if reachable else "error"
