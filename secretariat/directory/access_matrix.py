from secretariat.access_matrix import PERSONAS, Route, Sees, everyone, only

ROUTES = [
    Route("home", "/", everyone(200)),
    Route("sign-in", "/sign-in/", everyone(200)),
    Route("sign-out", "/sign-out/", everyone(302), method="post"),
    # Enrolling or proving the second factor: any signed-in account; the public is sent to sign in.
    Route("accounts:two-factor", "/accounts/two-factor/", {**everyone(200), "anonymous": 302}),
    # Lifting sign-in lockouts: the secretariat only; for anyone else the page is not there.
    Route("accounts:lockouts", "/accounts/lockouts/", only({"officer"})),
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
