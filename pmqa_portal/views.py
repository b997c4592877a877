from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Count, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from pmqa_portal.access import get_agency_for_user
from pmqa_portal.filters import AgencyFilter
from pmqa_portal.models import Agency, Category, CriteriaItem, Edition
from pmqa_portal.pagination import paginate


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


def healthz(request):
    """Liveness check for load balancers; also the benchmarks' trivial view."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
