"""Django's database sessions, with the read every signed-in request makes as one plain
statement: the same row, the same expiry rule, without building an ORM query each time."""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def load(self):
        data = self._session_data()
        return self.decode(data) if data is not None else {}

    def _session_data(self) -> str | None:
        """`_get_session_from_db().session_data`: the session's data if it has not expired; else
        None, and the key is forgotten (a new session gets a new key)."""
        model = self.model
        connection = connections[router.db_for_read(model)]
        quote = connection.ops.quote_name
        row = None
        if self.session_key is not None:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT {quote('session_data')} FROM {quote(model._meta.db_table)} "
                    f"WHERE {quote('session_key')} = %s AND {quote('expire_date')} > %s",
                    [
                        self.session_key,
                        connection.ops.adapt_datetimefield_value(timezone.now()),
                    ],
                )
                row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return row[0]
