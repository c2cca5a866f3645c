from secretariat.access_matrix import PERSONAS, Route, Sees, everyone

ROUTES = [
    Route("home", "/", everyone(200)),
    Route("sign-in", "/sign-in/", everyone(200)),
    Route("sign-out", "/sign-out/", everyone(302), method="post"),
    Route("directory:bodies", "/bodies/", everyone(200)),
    Route("directory:body", "/bodies/SSC/", everyone(200)),
    Route("directory:body", "/bodies/NOPE/", everyone(404)),
]

SEES = [
    Sees(
        "/bodies/SSC/?year=2019",
        "SSC_72_2702",
        # A WHITE meeting: every persona knows it exists.
        frozenset(PERSONAS),
        "WHITE meeting",
    ),
]
