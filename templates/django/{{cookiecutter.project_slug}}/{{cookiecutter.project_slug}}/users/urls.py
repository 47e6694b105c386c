from django.contrib.auth import views as auth_views
from django.urls import path

from {{ cookiecutter.project_slug }}.users import views
{%- if cookiecutter.email == "yes" and cookiecutter.tasks == "celery" %}
from {{ cookiecutter.project_slug }}.users.forms import QueuedPasswordResetForm
{%- endif %}

# Django's own login and logout views; logging out takes a POST (a form), never a link.
urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", views.SignUpView.as_view(), name="signup"),
{%- if cookiecutter.email == "yes" %}
    # Password reset by e-mail, Django's own views (with templates of this project's, not
    # the admin's of the same names): the link carries a token of
    # default_token_generator, signed with the secret key, that expires (see
    # PASSWORD_RESET_TIMEOUT) and stops working once the password changes. The reply is
    # the same whether or not the address has an account.
    path(
        "password_reset/",
        auth_views.PasswordResetView.as_view(
{%- if cookiecutter.tasks == "celery" %}
            form_class=QueuedPasswordResetForm,
{%- endif %}
            template_name="accounts/password_reset_form.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="accounts/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html"
        ),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
{%- endif %}
]
