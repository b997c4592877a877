from django.urls import path

from stakeholders import views

app_name = "stakeholders"

urlpatterns = [
    path("", views.group_list, name="group_list"),
    path("export.<str:file_format>", views.group_export, name="group_export"),
    path("compare/", views.compare, name="compare"),
    path("import-example.csv", views.import_example, name="import_example"),
    path("agencies/<int:agency_pk>/", views.agency_groups, name="agency_groups"),
    path("agencies/<int:agency_pk>/<int:year>/", views.agency_tree_view, name="agency_tree"),
    path("agencies/<int:agency_pk>/<int:year>/add/", views.group_add, name="group_add"),
    path("agencies/<int:agency_pk>/<int:year>/carry-forward/", views.carry_forward, name="carry_forward"),
    path("agencies/<int:agency_pk>/<int:year>/import/", views.group_import, name="group_import"),
    path("agencies/<int:agency_pk>/<int:year>/map/", views.map_page, name="map"),
    path("agencies/<int:agency_pk>/<int:year>/map.svg", views.map_svg, name="map_svg"),
    path("agencies/<int:agency_pk>/<int:year>/history/", views.history, name="history"),
    path("groups/<int:pk>/", views.group_detail, name="group_detail"),
    path("groups/<int:pk>/edit/", views.group_edit, name="group_edit"),
    path("groups/<int:pk>/manage/", views.group_manage, name="group_manage"),
    path("groups/<int:pk>/rename/", views.group_rename, name="group_rename"),
    path("groups/<int:pk>/move/", views.group_move, name="group_move"),
    path("groups/<int:pk>/reorder/", views.group_reorder, name="group_reorder"),
    path("groups/<int:pk>/deactivate/", views.group_deactivate, name="group_deactivate"),
    path("groups/<int:pk>/reactivate/", views.group_reactivate, name="group_reactivate"),
    path("groups/<int:pk>/needs/", views.need_add, name="need_add"),
    path("groups/<int:pk>/channels/", views.channel_add, name="channel_add"),
    path("needs/<int:pk>/delete/", views.need_delete, name="need_delete"),
    path("channels/<int:pk>/delete/", views.channel_delete, name="channel_delete"),
]
