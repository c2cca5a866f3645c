from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from secretariat.labels.access import Reader, reader_for


class ReaderRequest(HttpRequest):
    """The request as views see it: with the one door's view of its user."""

    reader: Reader


class ReaderMiddleware:
    """Puts `request.reader` (the one door's view of the user) on every request, built lazily."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.reader = SimpleLazyObject(lambda: reader_for(request.user))
        return self.get_response(request)
