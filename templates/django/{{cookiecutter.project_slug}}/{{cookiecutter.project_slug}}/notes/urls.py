from django.urls import path

from {{ cookiecutter.project_slug }}.notes import views

app_name = "notes"
urlpatterns = [
{%- if cookiecutter.html == "yes" %}
    path("", views.NoteListView.as_view(), name="list"),
    path("new/", views.NoteCreateView.as_view(), name="create"),
    path("<int:pk>/", views.NoteDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.NoteUpdateView.as_view(), name="update"),
    path("<int:pk>/delete/", views.NoteDeleteView.as_view(), name="delete"),
{%- else %}
    path("", views.note_list, name="list"),
    path("<int:pk>/", views.note_detail, name="detail"),
{%- endif %}
]
