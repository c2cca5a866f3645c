"""The break-glass page: a superuser's alone; everyone else is told it does not exist."""

from secretariat.access_matrix import Route, only

SUPERUSERS = {"breakglass"}

ROUTES = [
    Route("audit:break-glass", "/break-glass/", only(SUPERUSERS)),
    Route(
        "audit:break-glass",
        "/break-glass/",
        only(SUPERUSERS, 400),
        method="post",
        data={"reason": "", "minutes": "30"},
    ),
]
