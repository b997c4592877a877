from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from meetings.models import (
    ActionItem,
    AfterActionReview,
    AgendaItem,
    AgendaItemMinute,
    AgendaTemplate,
    AgendaTemplateItem,
    AgreedGroup,
    Attachment,
    Attendance,
    DiscussionPoint,
    LeadQuestion,
    Meeting,
    ReviewComment,
    Summary,
    SummaryRevision,
    WorkingGroup,
    WorkingGroupMember,
)


class WorkingGroupMemberInline(admin.TabularInline):
    model = WorkingGroupMember
    extra = 0
    autocomplete_fields = ["user", "agency"]
    fields = ["order", "user", "name", "agency", "position", "role"]


@admin.register(WorkingGroup)
class WorkingGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "province", "is_active"]
    list_filter = ["is_active", "province"]
    search_fields = ["name", "province__name_th"]
    autocomplete_fields = ["province", "member_agencies"]
    list_select_related = ["province"]
    inlines = [WorkingGroupMemberInline]


@admin.register(WorkingGroupMember)
class WorkingGroupMemberAdmin(admin.ModelAdmin):
    list_display = ["display_name", "working_group", "agency", "role"]
    list_filter = ["role"]
    search_fields = ["name", "user__full_name_th", "user__username", "working_group__name"]
    autocomplete_fields = ["working_group", "user", "agency"]
    list_select_related = ["working_group", "user", "agency"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["order", "number", "title", "planned_minutes"]


class LeadQuestionInline(admin.TabularInline):
    model = LeadQuestion
    extra = 0
    fields = ["order", "text", "criteria_item"]
    autocomplete_fields = ["criteria_item"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    fk_name = "meeting"
    fields = [
        "order",
        "user",
        "name",
        "agency",
        "position",
        "role",
        "attendance",
        "substitute_for_name",
        "absence_reason",
    ]
    autocomplete_fields = ["user", "agency"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["file", "original_name", "kind", "title", "size", "uploaded_by"]
    readonly_fields = ["original_name", "size", "uploaded_by"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "number_label", "date", "working_group", "status"]
    list_filter = ["status", "working_group__province", "category"]
    search_fields = ["title", "venue", "working_group__name"]
    date_hierarchy = "date"
    autocomplete_fields = ["working_group", "category", "criteria_items", "created_by"]
    list_select_related = ["working_group"]
    readonly_fields = ["created_at", "updated_at", "version"]
    inlines = [AgendaItemInline, LeadQuestionInline, AttendanceInline, AttachmentInline]

    @admin.display(description=_("number"), ordering="number")
    def number_label(self, meeting):
        return meeting.number_label


class AgendaTemplateItemInline(admin.TabularInline):
    model = AgendaTemplateItem
    extra = 1
    fields = ["order", "number", "title", "planned_minutes"]


@admin.register(AgendaTemplate)
class AgendaTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "is_default"]
    inlines = [AgendaTemplateItemInline]


@admin.register(LeadQuestion)
class LeadQuestionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "meeting", "criteria_item", "order"]
    search_fields = ["text", "meeting__title"]
    list_filter = ["criteria_item__category"]
    autocomplete_fields = ["meeting", "criteria_item", "copied_from", "created_by"]
    list_select_related = ["meeting", "criteria_item"]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["name", "meeting", "agency", "role", "attendance"]
    list_filter = ["role", "attendance"]
    search_fields = ["name", "meeting__title", "agency__name_th"]
    autocomplete_fields = ["meeting", "user", "agency", "substitute_for"]
    list_select_related = ["meeting", "agency"]


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "meeting", "kind", "size", "uploaded_at"]
    list_filter = ["kind"]
    search_fields = ["original_name", "title", "meeting__title"]
    autocomplete_fields = ["meeting", "uploaded_by"]
    list_select_related = ["meeting"]
    readonly_fields = ["content_type", "size", "uploaded_at"]


@admin.register(DiscussionPoint)
class DiscussionPointAdmin(admin.ModelAdmin):
    list_display = ["__str__", "meeting", "agency", "kind", "source", "deleted_at"]
    list_filter = ["kind", "source"]
    search_fields = ["text"]
    # A million rows: no autocomplete scans, and no full count on every page.
    raw_id_fields = ["meeting", "lead_question", "agency", "created_by"]
    list_select_related = ["meeting", "agency"]
    show_full_result_count = False
    readonly_fields = ["created_at", "updated_at"]


class SummaryRevisionInline(admin.TabularInline):
    model = SummaryRevision
    extra = 0
    fields = ["number", "origin", "author", "created_at", "approved_by", "approved_at"]
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Summary)
class SummaryAdmin(admin.ModelAdmin):
    list_display = ["meeting", "current_number", "approved_revision", "updated_at"]
    list_select_related = ["meeting__working_group", "approved_revision"]
    search_fields = ["meeting__title", "meeting__working_group__name"]
    raw_id_fields = ["meeting", "approved_revision", "discussion_agenda_item"]
    inlines = [SummaryRevisionInline]


@admin.register(SummaryRevision)
class SummaryRevisionAdmin(admin.ModelAdmin):
    """Read-only: revisions are the record of who wrote what; a change is a new revision in the portal."""

    list_display = ["summary", "number", "origin", "author", "created_at", "approved_at"]
    list_filter = ["origin"]
    list_select_related = ["summary__meeting", "author"]
    search_fields = ["text", "conclusions", "summary__meeting__title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReviewComment)
class ReviewCommentAdmin(admin.ModelAdmin):
    list_display = ["summary", "kind", "agency", "author", "status", "created_at"]
    list_filter = ["kind", "status"]
    list_select_related = ["summary__meeting", "agency", "author"]
    search_fields = ["text", "author__full_name_th", "agency__name_th"]
    raw_id_fields = ["summary", "revision", "resulting_revision", "author", "decided_by"]
    autocomplete_fields = ["agency"]


@admin.register(ActionItem)
class ActionItemAdmin(admin.ModelAdmin):
    list_display = ["title", "meeting", "agency", "responsible_person", "due_date", "status"]
    list_filter = ["status", "agency__province"]
    list_select_related = ["meeting__working_group", "agency"]
    search_fields = ["title", "responsible_person", "agency__name_th"]
    raw_id_fields = ["meeting", "source_point", "created_by"]
    autocomplete_fields = ["agency"]


@admin.register(AfterActionReview)
class AfterActionReviewAdmin(admin.ModelAdmin):
    list_display = ["meeting", "updated_by", "updated_at"]
    list_select_related = ["meeting__working_group", "updated_by"]
    search_fields = ["meeting__title", "expected", "happened", "keep", "change"]
    raw_id_fields = ["meeting", "updated_by"]


@admin.register(AgendaItemMinute)
class AgendaItemMinuteAdmin(admin.ModelAdmin):
    list_display = ["agenda_item", "updated_by", "updated_at"]
    list_select_related = ["agenda_item__meeting", "updated_by"]
    search_fields = ["agenda_item__title", "discussion", "resolution"]
    raw_id_fields = ["agenda_item", "updated_by"]


@admin.register(AgreedGroup)
class AgreedGroupAdmin(admin.ModelAdmin):
    list_display = ["group", "meeting", "point", "created_by", "created_at"]
    list_select_related = ["group__agency", "meeting", "point", "created_by"]
    search_fields = ["group__name", "meeting__title"]
    raw_id_fields = ["meeting", "point", "group", "created_by"]
