"""A reader's personal calendar address: a secret that a calendar provider fetches from its own
servers, without the reader's session. Only its hash is kept, so the address is shown once, when
it is made; revoking it ends it at once."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class CalendarFeed(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    name = models.CharField(max_length=80, help_text="What the reader calls it: 'Phone'.")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The first characters of the address, so the reader can tell two addresses apart.
    hint = models.CharField(max_length=8, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_fetched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @property
    def active(self) -> bool:
        return self.revoked_at is None
