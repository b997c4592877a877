from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from pmqa_portal.models import Agency, Category, CriteriaItem, Edition, Province, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "full_name_th", "position_title", "agency", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_active", "groups", "agency__province"]
    search_fields = ["username", "full_name_th", "first_name", "last_name", "email", "agency__name_th"]
    autocomplete_fields = ["agency"]
    list_select_related = ["agency"]
    fieldsets = DjangoUserAdmin.fieldsets + (
        (_("Portal profile"), {"fields": ["full_name_th", "position_title", "agency", "phone"]}),
    )
    add_fieldsets = DjangoUserAdmin.add_fieldsets + (
        (_("Portal profile"), {"fields": ["full_name_th", "position_title", "agency", "phone", "groups"]}),
    )


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en"]
    search_fields = ["code", "name_th", "name_en"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name_th", "short_name", "kind", "parent", "province", "is_active"]
    list_filter = ["kind", "is_active", "province"]
    search_fields = ["name_th", "name_en", "short_name"]
    autocomplete_fields = ["parent", "province"]
    list_select_related = ["parent", "province"]
    actions = ["deactivate"]

    @admin.action(description=_("Deactivate the selected agencies"))
    def deactivate(self, request, queryset):
        updated = queryset.update(is_active=False)
        self.message_user(request, _("%(count)d agencies deactivated.") % {"count": updated})

    def has_delete_permission(self, request, obj=None):
        # Agencies are deactivated, not deleted: their records must keep their owner.
        return False


class CategoryInline(admin.TabularInline):
    model = Category
    extra = 0
    fields = ["code", "name_th", "name_en", "order"]
    show_change_link = True


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en", "first_fiscal_year", "order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "name_th", "name_en"]
    inlines = [CategoryInline]


class CriteriaItemInline(admin.StackedInline):
    model = CriteriaItem
    extra = 0
    fields = ["code", "title_th", "title_en", "text_th", "text_en", "order"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en", "edition", "order"]
    list_filter = ["edition"]
    search_fields = ["code", "name_th", "name_en"]
    autocomplete_fields = ["edition"]
    list_select_related = ["edition"]
    inlines = [CriteriaItemInline]


@admin.register(CriteriaItem)
class CriteriaItemAdmin(admin.ModelAdmin):
    list_display = ["code", "title_th", "category", "order"]
    list_filter = ["category__edition", "category"]
    search_fields = ["code", "title_th", "title_en", "text_th", "text_en"]
    autocomplete_fields = ["category"]
    list_select_related = ["category__edition"]
