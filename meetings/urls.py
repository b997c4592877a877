from django.urls import path

from meetings.views import actions as action_views
from meetings.views import agenda, attachments, attendance, groups, meetings, questions
from meetings.views import agreements as agreement_views
from meetings.views import capture as capture_views
from meetings.views import minutes as minutes_views
from meetings.views import summary as summary_views

app_name = "meetings"

urlpatterns = [
    # --- working groups, meetings, agenda, attendance, attachments, lead questions ---
    path("", meetings.meeting_list, name="meeting_list"),
    path("new/", meetings.meeting_create, name="meeting_create"),
    path("<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("<int:pk>/edit/", meetings.meeting_update, name="meeting_update"),
    path("<int:pk>/status/", meetings.meeting_status, name="meeting_status"),
    path("<int:pk>/duplicate/", meetings.meeting_duplicate, name="meeting_duplicate"),
    path("<int:pk>/delete/", meetings.meeting_delete, name="meeting_delete"),
    path("<int:pk>/calendar.ics", meetings.meeting_ics, name="meeting_ics"),
    path("<int:pk>/agenda/", agenda.agenda, name="agenda"),
    path("<int:pk>/agenda/template/", agenda.agenda_apply_template, name="agenda_apply_template"),
    path("agenda/<int:pk>/edit/", agenda.agenda_item_update, name="agenda_item_update"),
    path("agenda/<int:pk>/move/", agenda.agenda_item_move, name="agenda_item_move"),
    path("agenda/<int:pk>/delete/", agenda.agenda_item_delete, name="agenda_item_delete"),
    path("<int:pk>/attendance/", attendance.attendance, name="attendance"),
    path("<int:pk>/attendance/from-group/", attendance.attendance_fill_from_group, name="attendance_fill_from_group"),
    path("attendance/<int:pk>/edit/", attendance.attendance_update, name="attendance_update"),
    path("attendance/<int:pk>/remove/", attendance.attendance_remove, name="attendance_remove"),
    path("<int:pk>/attachments/new/", attachments.attachment_upload, name="attachment_upload"),
    path("attachments/<int:pk>/", attachments.attachment_download, name="attachment_download"),
    path("attachments/<int:pk>/delete/", attachments.attachment_delete, name="attachment_delete"),
    path("<int:pk>/questions/", questions.questions, name="questions"),
    path("<int:pk>/questions/bank/", questions.question_bank, name="question_bank"),
    path("questions/<int:pk>/edit/", questions.question_update, name="question_update"),
    path("questions/<int:pk>/move/", questions.question_move, name="question_move"),
    path("questions/<int:pk>/delete/", questions.question_delete, name="question_delete"),
    path("groups/", groups.group_list, name="group_list"),
    path("groups/new/", groups.group_create, name="group_create"),
    path("groups/<int:pk>/", groups.group_detail, name="group_detail"),
    path("groups/<int:pk>/edit/", groups.group_update, name="group_update"),
    path("groups/<int:pk>/members/new/", groups.member_add, name="member_add"),
    path("groups/members/<int:pk>/edit/", groups.member_update, name="member_update"),
    path("groups/members/<int:pk>/remove/", groups.member_remove, name="member_remove"),
    # --- live capture, projector, coverage, pre-meeting input ---
    path("<int:pk>/capture/", capture_views.capture, name="capture"),
    path("<int:pk>/capture/changes/", capture_views.point_changes, name="point_changes"),
    path("<int:pk>/coverage/", capture_views.coverage, name="coverage"),
    path("<int:pk>/projector/", capture_views.projector, name="projector"),
    path("<int:pk>/premeeting/", capture_views.premeeting, name="premeeting"),
    path("points/<int:pk>/", capture_views.point_detail, name="point_detail"),
    path("points/<int:pk>/edit/", capture_views.point_update, name="point_update"),
    path("points/<int:pk>/move/", capture_views.point_move, name="point_move"),
    path("points/<int:pk>/delete/", capture_views.point_delete, name="point_delete"),
    path("points/<int:pk>/restore/", capture_views.point_restore, name="point_restore"),
    # --- summary, review, revisions, action items, AAR, minutes ---
    path("<int:pk>/summary/", summary_views.summary_detail, name="summary_detail"),
    path("<int:pk>/summary/draft/", summary_views.summary_draft, name="summary_draft"),
    path("<int:pk>/summary/edit/", summary_views.summary_edit, name="summary_edit"),
    path("<int:pk>/summary/review/", summary_views.summary_send_for_review, name="summary_send_for_review"),
    path("<int:pk>/summary/approve/", summary_views.summary_approve, name="summary_approve"),
    path("<int:pk>/summary/new-revision/", summary_views.summary_new_revision, name="summary_new_revision"),
    path("<int:pk>/summary/revisions/", summary_views.summary_revisions, name="summary_revisions"),
    path("<int:pk>/summary/comments/", summary_views.review_comment_add, name="review_comment_add"),
    path("summary/comments/<int:pk>/decide/", summary_views.review_comment_decide, name="review_comment_decide"),
    path("<int:pk>/actions/", action_views.meeting_actions, name="meeting_actions"),
    path("<int:pk>/actions/from-points/", action_views.action_items_from_points, name="action_items_from_points"),
    path("actions/", action_views.action_list, name="action_list"),
    path("actions/<int:pk>/edit/", action_views.action_edit, name="action_edit"),
    path("actions/<int:pk>/status/", action_views.action_status, name="action_status"),
    path("<int:pk>/aar/", action_views.aar_edit, name="aar_edit"),
    path("<int:pk>/minutes/", minutes_views.minutes_print, name="minutes_print"),
    path("<int:pk>/minutes/edit/", minutes_views.minutes_edit, name="minutes_edit"),
    path("<int:pk>/minutes.docx", minutes_views.minutes_docx, name="minutes_docx"),
    path("<int:pk>/minutes.pdf", minutes_views.minutes_pdf, name="minutes_pdf"),
    path("<int:pk>/points.csv", minutes_views.points_csv, name="points_csv"),
    path("<int:pk>/points.xlsx", minutes_views.points_xlsx, name="points_xlsx"),

    path("points/<int:pk>/stakeholder-groups/", agreement_views.conclusion_groups, name="conclusion_groups"),
    path("<int:pk>/stakeholder-groups/link/", agreement_views.agreement_link, name="agreement_link"),
    path("<int:pk>/stakeholder-groups/unlink/", agreement_views.agreement_unlink, name="agreement_unlink"),
]
