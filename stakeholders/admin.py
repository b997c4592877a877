from django import forms
from django.contrib import admin
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.utils.translation import gettext_lazy as _

from stakeholders import services
from stakeholders.models import (
    ChangeAction,
    GroupChange,
    ListeningChannel,
    Need,
    StakeholderGroup,
    StakeholderTemplate,
    TemplateGroup,
    TreeShape,
)


class NeedInline(admin.TabularInline):
    model = Need
    extra = 0


class ListeningChannelInline(admin.TabularInline):
    model = ListeningChannel
    extra = 0


class StakeholderGroupAdminForm(forms.ModelForm):
    class Meta:
        model = StakeholderGroup
        fields = [
            "agency",
            "fiscal_year",
            "parent",
            "kind",
            "name",
            "description",
            "segmentation_basis",
            "estimated_size",
            "services",
            "criteria_items",
            "influence",
            "interest",
            "order",
            "is_active",
        ]

    def clean(self):
        data = super().clean()
        parent = data.get("parent")
        agency, year = data.get("agency"), data.get("fiscal_year")
        if parent is not None and agency is not None and parent.agency_id == agency.pk and parent.fiscal_year == year:
            try:
                TreeShape.load(agency.pk, year).check_can_place(self.instance, parent.pk)
            except forms.ValidationError as error:
                self.add_error("parent", error.error_dict["parent"])
        return data


class TreeOrderChangeList(ChangeList):
    """Every group right under its parent (the order of the tree, computed in one query) unless a column is sorted."""

    def get_ordering(self, request, queryset):
        if self.params.get(ORDER_VAR):
            return super().get_ordering(request, queryset)
        return ["agency__name_th", "agency_id", "-fiscal_year", "tree_key", "pk"]


@admin.register(StakeholderGroup)
class StakeholderGroupAdmin(admin.ModelAdmin):
    form = StakeholderGroupAdminForm
    list_display = ["indented_name", "agency", "fiscal_year", "kind", "influence", "interest", "order", "is_active"]
    list_filter = ["fiscal_year", "kind", "is_active", "agency__province", "agency"]
    search_fields = ["name", "description", "agency__name_th", "agency__short_name"]
    autocomplete_fields = ["agency", "parent"]
    filter_horizontal = ["criteria_items"]
    list_select_related = ["agency"]
    inlines = [NeedInline, ListeningChannelInline]
    readonly_fields = ["created_at", "updated_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_tree_position()

    def get_changelist(self, request, **kwargs):
        return TreeOrderChangeList

    @admin.display(description=_("name"), ordering="tree_key")
    def indented_name(self, group):
        return f"{'— ' * group.depth}{group.name}"

    def save_model(self, request, obj, form, change):
        before = {name: _initial(form, name) for name in form.changed_data}
        super().save_model(request, obj, form, change)
        changes = {
            name: [before[name] if change else None, _plain(form.cleaned_data.get(name))]
            for name in form.changed_data
            if name != "criteria_items"
        }
        action = ChangeAction.UPDATED if change else ChangeAction.CREATED
        if changes:
            services.group_change_record(group=obj, action=action, changes=changes, by=request.user)


def _initial(form, name):
    """The value a field had before the admin's edit, as the history stores it."""
    value = form.initial.get(name)
    field = form.fields.get(name)
    if isinstance(field, forms.ModelChoiceField) and not isinstance(field, forms.ModelMultipleChoiceField) and value:
        return _plain(field.queryset.filter(pk=value).first())
    return _plain(value)


def _plain(value):
    """A value as the history stores it: a related object by its name, a primary key as is."""
    if hasattr(value, "name"):
        return value.name
    if hasattr(value, "pk"):
        return value.pk
    return value


@admin.register(GroupChange)
class GroupChangeAdmin(admin.ModelAdmin):
    list_display = ["changed_at", "agency", "fiscal_year", "group_name", "action", "changed_by"]
    list_filter = ["action", "fiscal_year", "agency__province"]
    search_fields = ["group_name", "agency__name_th", "changed_by__username", "changed_by__full_name_th"]
    list_select_related = ["agency", "changed_by"]
    date_hierarchy = "changed_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # History is a record: nobody rewrites it.
        return False


class TemplateGroupInline(admin.TabularInline):
    model = TemplateGroup
    extra = 0
    fields = ["name", "parent", "kind", "segmentation_basis", "order"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            template_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = TemplateGroup.objects.filter(template_id=template_id or 0)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(StakeholderTemplate)
class StakeholderTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}
    inlines = [TemplateGroupInline]


@admin.register(TemplateGroup)
class TemplateGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "template", "kind", "order"]
    list_filter = ["template", "kind"]
    search_fields = ["name"]
    list_select_related = ["template", "parent"]
