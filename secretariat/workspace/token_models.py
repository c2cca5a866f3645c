"""A person's API token: the secret an integration sends as `Authorization: Bearer …`.

Only a digest of the secret and a short prefix (to tell two tokens apart and to find the row)
are kept; the token itself is shown once, when it is made. A token reads as its person without
a session, so the door meets it at most at AMBER (`tokens.token_reader`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=80, help_text="What the person calls it: 'Reporting'.")
    # The visible start of the token: unique, so a presented token finds its row by it.
    prefix = models.CharField(max_length=12, unique=True, editable=False)
    digest = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def active(self) -> bool:
        return self.revoked_at is None
