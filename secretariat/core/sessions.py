"""Django's database sessions, with the read every signed-in request makes as one plain
statement: the same row, the same expiry rule, without building an ORM query each time. The
database's generation (core/generation.py) is read in the same statement, so that the account
the session names can be kept in memory by it (directory/backends.py) for no query more."""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone

from secretariat.core import generation


class SessionStore(db.SessionStore):
    # The generation as the session was read (None: not read, or not known).
    generation: tuple[int, int] | None = None

    def load(self):
        data = self._session_data()
        return self.decode(data) if data is not None else {}

    def _session_data(self) -> str | None:
        """`_get_session_from_db().session_data`: the session's data if it has not expired; else
        None, and the key is forgotten (a new session gets a new key)."""
        self.generation = None
        model = self.model
        connection = connections[router.db_for_read(model)]
        quote = connection.ops.quote_name
        count, token = generation.columns(connection.vendor)
        row = None
        if self.session_key is not None:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT s.{quote('session_data')}, {count}, {token} "
                    f"FROM {quote(model._meta.db_table)} s "
                    f"LEFT JOIN {generation.SQLITE_ROW} g ON g.id = 1 "
                    f"WHERE s.{quote('session_key')} = %s AND s.{quote('expire_date')} > %s",
                    [
                        self.session_key,
                        connection.ops.adapt_datetimefield_value(timezone.now()),
                    ],
                )
                row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        data, n, tokens = row
        if n is not None and tokens is not None:
            self.generation = (int(n), int(tokens))
        return data
