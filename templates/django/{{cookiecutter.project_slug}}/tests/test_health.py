from django.test import Client
from django.urls import reverse


def test_health_reports_ok(client: Client) -> None:
    response = client.get(reverse("health"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_health_refuses_writes(client: Client) -> None:
    assert client.post(reverse("health")).status_code == 405
