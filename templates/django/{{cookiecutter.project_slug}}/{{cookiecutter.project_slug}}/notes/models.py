{%- if cookiecutter.auth == "yes" -%}
from django.conf import settings
{% endif -%}
from django.db import models
from django.urls import reverse


class Note(models.Model):
{%- if cookiecutter.auth == "yes" %}
    #: Who wrote the note: only they may change or delete it. Set by the views, never by
    #: a form.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notes",
        editable=False,
    )
{%- endif %}
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("notes:detail", kwargs={"pk": self.pk})
