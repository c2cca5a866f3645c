from django.http import HttpRequest

from secretariat.labels.access import Reader


class ReaderRequest(HttpRequest):
    """The request as views see it: with the one door's view of its user
    (`meetings.readers.ReaderMiddleware` puts it there)."""

    reader: Reader
