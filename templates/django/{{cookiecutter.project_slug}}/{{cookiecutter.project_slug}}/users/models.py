from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The project's user model: Django's standard fields, yours to extend.

    Changing the user model of a running project is hard, so the project has its own from
    the first migration, as Django's documentation advises.
    """
