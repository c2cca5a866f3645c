"""Sign-in that refuses the demo accounts unless the server listens on loopback only."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


def listening_on_loopback() -> bool:
    address = (settings.SECRETARIAT_LISTEN_ADDRESS or "").strip().strip("[]")
    if address == "localhost":
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


class LoopbackDemoBackend(ModelBackend):
    def get_user(self, user_id):
        # The person and organisation come with the user in one query: the check below and the
        # one door's reader (labels.access.reader_for) both need them on every request.
        user = (
            get_user_model()
            ._default_manager.select_related("person__organisation")
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None

    def user_can_authenticate(self, user) -> bool:
        if not super().user_can_authenticate(user):
            return False
        person = getattr(user, "person", None)
        if person is not None and person.is_demo and not listening_on_loopback():
            return False
        return True
