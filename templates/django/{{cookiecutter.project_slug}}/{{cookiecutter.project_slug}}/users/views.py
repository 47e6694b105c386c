from django.contrib.auth import login
from django.http import HttpResponse
from django.urls import reverse_lazy
from django.views.generic import CreateView

from {{ cookiecutter.project_slug }}.users.forms import SignUpForm
from {{ cookiecutter.project_slug }}.users.models import User


class SignUpView(CreateView[User, SignUpForm]):
    """Create an account and sign the new user in."""

    form_class = SignUpForm
    template_name = "registration/signup.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form: SignUpForm) -> HttpResponse:
        response = super().form_valid(form)
        login(self.request, form.instance)
        return response
