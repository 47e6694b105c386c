from django.contrib.auth import views as auth_views
from django.urls import path

from {{ cookiecutter.project_slug }}.users import views

# Django's own login and logout views; logging out takes a POST (a form), never a link.
urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", views.SignUpView.as_view(), name="signup"),
]
