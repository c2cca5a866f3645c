"""No shared cache keeps what depends on who reads it.

A response rendered for a signed-in reader may hold anything up to RED, and even a WHITE page
differs from one reader to the next (their name, their links), so it is `private, no-store`.
A response for the public depends on the session only if the session was looked at; then it
varies on the cookie, so that a cache never serves one visitor's page to another. Views that
serve a document above WHITE mark it themselves as well (publishing, reports): the two agree.
"""

from __future__ import annotations

from django.utils.cache import patch_cache_control, patch_vary_headers


class PrivateResponsesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        # Asking `is_authenticated` reads the session; every view that chose its content by the
        # reader did the same, so this adds no query to a page that depends on the reader.
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ("Cookie",))
        elif getattr(request, "session", None) is not None and request.session.accessed:
            patch_vary_headers(response, ("Cookie",))
        return response
