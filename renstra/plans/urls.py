from django.urls import path

from renstra.plans import views, views_edit, views_grid, views_organization, views_tree

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("versi/<int:version_id>/", views.version_detail, name="version"),
    path("versi/<int:version_id>/pohon/", views_tree.performance_tree, name="tree"),
    path("versi/<int:version_id>/pohon.pdf", views_tree.tree_pdf, name="tree_pdf"),
    path(
        "versi/<int:version_id>/pohon/<str:key>.<str:fmt>",
        views_tree.tree_download,
        name="tree_download",
    ),
    path("versi/<int:version_id>/pohon/kaskade/", views_tree.cascade, name="tree_cascade"),
    path(
        "versi/<int:version_id>/pohon/crosscutting/baru/",
        views_tree.crosscutting_create,
        name="crosscutting_create",
    ),
    path(
        "versi/<int:version_id>/pohon/crosscutting/<int:link_id>/hapus/",
        views_tree.crosscutting_delete,
        name="crosscutting_delete",
    ),
    path(
        "versi/<int:version_id>/pohon/crosscutting/<int:link_id>/keputusan/",
        views_tree.crosscutting_decide,
        name="crosscutting_decide",
    ),
    path(
        "versi/<int:version_id>/program/<int:program_id>/grid/",
        views_grid.program_grid,
        name="program_grid",
    ),
    path("versi/<int:version_id>/grid/baris/", views_grid.save_grid_row, name="grid_row"),
    path(
        "versi/<int:version_id>/butir/<str:kind>/baru/", views_edit.create_item, name="item_create"
    ),
    path(
        "versi/<int:version_id>/butir/<str:kind>/<int:item_id>/ubah/",
        views_edit.edit_item,
        name="item_edit",
    ),
    path(
        "versi/<int:version_id>/butir/<str:kind>/<int:item_id>/hapus/",
        views_edit.delete_item,
        name="item_delete",
    ),
    path(
        "versi/<int:version_id>/butir/<str:kind>/<int:item_id>/geser/",
        views_edit.move_item,
        name="item_move",
    ),
    path(
        "perangkat-daerah/<int:agency_id>/organisasi/",
        views_organization.organization,
        name="organization",
    ),
    path(
        "perangkat-daerah/<int:agency_id>/organisasi/penugasan/",
        views_organization.assignments,
        name="assignments",
    ),
    path(
        "perangkat-daerah/<int:agency_id>/organisasi/unit/baru/",
        views_organization.unit_create,
        name="unit_create",
    ),
    path(
        "perangkat-daerah/<int:agency_id>/organisasi/unit/<int:unit_id>/ubah/",
        views_organization.unit_edit,
        name="unit_edit",
    ),
    path(
        "perangkat-daerah/<int:agency_id>/organisasi/unit/<int:unit_id>/pejabat/",
        views_organization.official_change,
        name="official_change",
    ),
]
