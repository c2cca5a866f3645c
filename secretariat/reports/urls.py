from django.urls import path, register_converter

from secretariat.reports import views


class YearMonth:
    """`2019-06` → the first day of June 2019; anything that is not a month does not match."""

    regex = r"\d{4}-\d{2}"

    def to_python(self, value: str):
        import datetime as dt

        year, month = (int(part) for part in value.split("-"))
        return dt.date(year, month, 1)  # a ValueError for month 13 makes the address not match

    def to_url(self, value) -> str:
        return value if isinstance(value, str) else f"{value:%Y-%m}"


class ReportFormat:
    regex = "md|pdf|docx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(YearMonth, "yearmonth")
register_converter(ReportFormat, "reportformat")

app_name = "reports"
urlpatterns = [
    path("reports/panel/<yearmonth:month>/", views.report_page, name="panel-report"),
    path(
        "reports/panel/<yearmonth:month>.<reportformat:fmt>",
        views.report_file,
        name="panel-report-file",
    ),
    path("reports/panel/<yearmonth:month>/appendix-a", views.appendix_page, name="appendix"),
    path(
        "reports/panel/<yearmonth:month>/appendix-a.<reportformat:fmt>",
        views.appendix_file,
        name="appendix-file",
    ),
    path("reports/panel/<yearmonth:month>/compile", views.compile_page, name="compile"),
    path("reports/panel/<yearmonth:month>/open", views.report_open_view, name="open"),
    path(
        "reports/panel/<yearmonth:month>/sections/<str:number>",
        views.section_edit,
        name="section-edit",
    ),
    path("reports/panel/<yearmonth:month>/publish", views.publish, name="publish"),
    path("reports/panel/<yearmonth:month>/counts", views.count_resolve, name="count-resolve"),
]
