"""The floor for bench/load.py: one Django view that answers "ok", with no middleware, no
database and no template, served by gunicorn with the same options as `secretariat serve`."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-floor-only-never-a-real-site-" + "x" * 20,
    ALLOWED_HOSTS=["127.0.0.1"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    DATABASES={},
)


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("", bare)]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
