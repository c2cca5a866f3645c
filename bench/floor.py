"""The floors: what a page's data costs with plain SQL, alone and behind the same request.

The data floor runs the simplest SELECTs that fetch the rows a page shows (no ORM, no access
filter, no template) on the workspace's database, SQLite or PostgreSQL, through the database
driver under Django's connection. The request floor runs the same SELECTs inside a view served
through the site's own middleware, session, user and reader (`bench/floor_urls.py`), so that
"× floor" compares a page with the least any page of the site must cost for that reader."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable


class Database:
    """The workspace's database through its driver: `?` placeholders for SQLite's, `%s` for
    psycopg's, and the year of a date in each dialect."""

    def __init__(self, connection):
        self.connection = connection
        self.vendor = connection.vendor

    def execute(self, sql: str, params=()):
        connection = self.connection
        connection.ensure_connection()
        cursor = connection.connection.cursor()  # the driver's own cursor: no Django wrapper
        if self.vendor != "sqlite":
            sql = sql.replace("?", "%s")
        cursor.execute(sql, params)
        return cursor

    def year(self, column: str) -> str:
        if self.vendor == "sqlite":
            return f"substr({column}, 1, 4)"
        return f"to_char({column}, 'YYYY')"


def connect(connection) -> Database:
    return Database(connection)


def meeting_page(db: Database, reference: str) -> int:
    """The meeting page's rows: the meeting and its body, items, outcomes with verbs, papers and
    their distribution, attendance with people and organisations, actions raised there, the
    body's outstanding actions and the withheld-item sentences. Returns the number of rows."""
    meeting = db.execute(
        "SELECT m.id, m.body_id, m.number, m.reference, m.date, m.start_time, m.end_time, "
        "m.location, m.status, m.label, m.next_meeting_date, b.code, b.name, b.short_name "
        "FROM meetings_meeting m JOIN directory_body b ON b.id = m.body_id "
        "WHERE m.reference = ?",
        (reference,),
    ).fetchone()
    meeting_id, body_id, date = meeting[0], meeting[1], meeting[4]
    rows = 1
    rows += len(
        db.execute(
            "SELECT i.id, i.parent_id, i.number, i.kind, i.label, i.title, i.title_label, "
            "i.summary, i.summary_label, i.restricted_text, i.withheld_notice, i.presenter, "
            "o.id, o.category, o.pseudonym "
            "FROM meetings_agendaitem i LEFT JOIN directory_organisation o ON o.id = i.party_id "
            "WHERE i.meeting_id = ? ORDER BY i.parent_id, i.number",
            (meeting_id,),
        ).fetchall()
    )
    rows += len(
        db.execute(
            "SELECT oc.item_id, oc.position, v.word, oc.text, oc.label "
            "FROM meetings_outcome oc JOIN meetings_outcomeverb v ON v.id = oc.verb_id "
            "JOIN meetings_agendaitem i ON i.id = oc.item_id "
            "WHERE i.meeting_id = ? ORDER BY oc.item_id, oc.position",
            (meeting_id,),
        ).fetchall()
    )
    rows += len(
        db.execute(
            "SELECT ip.agendaitem_id, p.id, p.reference, p.title, p.title_label, p.label "
            "FROM meetings_agendaitem_papers ip JOIN meetings_paper p ON p.id = ip.paper_id "
            "JOIN meetings_agendaitem i ON i.id = ip.agendaitem_id WHERE i.meeting_id = ?",
            (meeting_id,),
        ).fetchall()
    )
    rows += len(
        db.execute(
            "SELECT d.paper_id, d.person_id FROM meetings_paper_distribution d "
            "JOIN meetings_agendaitem_papers ip ON ip.paper_id = d.paper_id "
            "JOIN meetings_agendaitem i ON i.id = ip.agendaitem_id WHERE i.meeting_id = ?",
            (meeting_id,),
        ).fetchall()
    )
    rows += len(
        db.execute(
            "SELECT a.status, a.capacity, a.note, p.full_name, o.category, o.pseudonym "
            "FROM meetings_attendance a JOIN directory_person p ON p.id = a.person_id "
            "LEFT JOIN directory_organisation o ON o.id = p.organisation_id "
            "WHERE a.meeting_id = ?",
            (meeting_id,),
        ).fetchall()
    )
    rows += len(
        db.execute(
            "SELECT a.id, a.item_id, a.reference, a.text, a.label, a.due_date, a.status, "
            "p.full_name FROM actions_action a JOIN directory_person p ON p.id = a.owner_id "
            "WHERE a.meeting_id = ?",
            (meeting_id,),
        ).fetchall()
    )
    rows += len(
        db.execute(
            "SELECT a.id, a.reference, m.reference, a.text, a.label, a.due_date, a.status, "
            "p.full_name FROM actions_action a JOIN meetings_meeting m ON m.id = a.meeting_id "
            "JOIN directory_person p ON p.id = a.owner_id "
            "WHERE m.body_id = ? AND m.date < ? "
            "AND NOT (a.status = 'complete' AND (a.completed_on IS NULL OR a.completed_on < ?)) "
            "ORDER BY m.date, a.reference",
            (body_id, date, date),
        ).fetchall()
    )
    rows += len(
        db.execute(
            "SELECT label, text FROM labels_stocksentence WHERE kind = 'withheld_item'"
        ).fetchall()
    )
    return rows


def body_page(db: Database, code: str) -> int:
    """A body's page: the body and its parent, its sub-bodies, the years it met and the latest
    year's meetings."""
    body = db.execute(
        "SELECT b.id, b.code, b.name, b.cadence, p.code, p.name FROM directory_body b "
        "LEFT JOIN directory_body p ON p.id = b.parent_id WHERE b.code = ?",
        (code,),
    ).fetchone()
    body_id = body[0]
    children = db.execute(
        "SELECT code, name FROM directory_body WHERE parent_id = ? ORDER BY position, code",
        (body_id,),
    ).fetchall()
    years = db.execute(
        f"SELECT DISTINCT {db.year('date')} FROM meetings_meeting WHERE body_id = ? "
        "ORDER BY 1 DESC",
        (body_id,),
    ).fetchall()
    meetings = db.execute(
        "SELECT reference, date, status, label FROM meetings_meeting "
        "WHERE body_id = ? AND date >= ? AND date < ? ORDER BY date DESC",
        (body_id, f"{years[0][0]}-01-01", f"{int(years[0][0]) + 1}-01-01"),
    ).fetchall()
    return 1 + len(children) + len(years) + len(meetings)


def panel_report(db: Database, month: str) -> int:
    """The monthly Panel report's highlights: items marked for the Panel from the meetings of the
    month before the Panel's meeting in `month` (YYYY-MM), with their bodies."""
    year, number = (int(part) for part in month.split("-"))
    start = f"{year - 1}-12-01" if number == 1 else f"{year}-{number - 1:02d}-01"
    end = f"{year}-{number:02d}-01"
    return len(
        db.execute(
            "SELECT b.code, b.name, m.reference, m.date, i.report_heading, i.report_text, "
            "i.report_label FROM meetings_agendaitem i "
            "JOIN meetings_meeting m ON m.id = i.meeting_id "
            "JOIN directory_body b ON b.id = m.body_id "
            "WHERE i.report_to_panel = TRUE AND m.date >= ? AND m.date < ? "
            "ORDER BY b.position, m.date, i.number",
            (start, end),
        ).fetchall()
    )


def measure(fetch: Callable[[], int], runs: int, warmup: int = 10) -> dict:
    """Median and 95th percentile, in milliseconds, of `runs` calls after `warmup` calls."""
    rows = 0
    for _ in range(warmup):
        rows = fetch()
    times = []
    for _ in range(runs):
        started = time.perf_counter_ns()
        fetch()
        times.append((time.perf_counter_ns() - started) / 1e6)
    return {"rows": rows, **summary(times)}


FLOORS = {"meeting": meeting_page, "body": body_page, "report": panel_report}


def summary(times: list[float]) -> dict:
    ordered = sorted(times)
    return {
        "n": len(ordered),
        "median_ms": round(statistics.median(ordered), 3),
        # Nearest-rank percentile: the value below which 95 % of the requests fall.
        "p95_ms": round(ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)], 3),
        "min_ms": round(ordered[0], 3),
        "max_ms": round(ordered[-1], 3),
    }
