"""Notifications against every persona: the settings page is a person's own (404 for accounts
that are nobody of the directory), an unsubscribe link works only as signed (a forged one is
404 for everyone), and only an officer of the body announces a meeting's papers."""

from secretariat.access_matrix import Route, only

# Every persona who is a person of the directory (the break-glass superuser and the auditor
# are, with no seat); the outsider's account belongs to nobody.
PEOPLE = frozenset(
    {"officer", "chair", "present", "absent", "party", "panel", "breakglass", "auditor"}
)
SSC_72 = "/workspace/meetings/SSC_72_2702/"

ROUTES = [
    Route("notifications:settings", "/my/notifications/", only(PEOPLE)),
    Route(
        "notifications:settings",
        "/my/notifications/",
        only(PEOPLE, 400),
        method="post",
        data={"body": "SSC", "mode": "sometimes"},
    ),
    Route(
        "notifications:settings",
        "/my/notifications/",
        only(PEOPLE, 303),
        method="post",
        data={"body": "SSC", "mode": "digest"},
    ),
    Route("notifications:unsubscribe", "/notifications/unsubscribe/forged/", only(set())),
    Route(
        "notifications:unsubscribe",
        "/notifications/unsubscribe/forged/",
        only(set()),
        method="post",
    ),
    Route(
        "notifications:announce",
        f"{SSC_72}papers/announce/",
        only({"officer"}, 303),
        method="post",
    ),
    Route("notifications:announce", f"{SSC_72}papers/announce/", only(set(), otherwise=405)),
    Route(
        "notifications:announce",
        "/workspace/meetings/SSC_99_0101/papers/announce/",
        only(set()),
        method="post",
    ),
]
