{%- if cookiecutter.auth == "yes" -%}
import django.db.models.deletion
from django.conf import settings
{% endif -%}
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
{%- if cookiecutter.auth == "yes" %}
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
{%- endif %}
    ]

    operations = [
        migrations.CreateModel(
            name="Note",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("title", models.CharField(max_length=200)),
                ("body", models.TextField(blank=True)),
                ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
{%- if cookiecutter.auth == "yes" %}
                (
                    "owner",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notes",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
{%- endif %}
            ],
            options={
                "ordering": ("-created_at", "-id"),
            },
        ),
    ]
