"""Meeting pages against every persona. SSC_72 is WHITE; its items carry every label."""

from secretariat.access_matrix import PERSONAS, Route, Sees, everyone

ALL = frozenset(PERSONAS)
COMMUNITY = frozenset({"officer", "chair", "present", "absent", "party", "panel"})
SSC_MEMBERS = frozenset({"officer", "chair", "present", "absent"})
AT_SSC_72 = frozenset({"officer", "chair", "present"})

SSC_72 = "/meetings/SSC_72_2702/"

ROUTES = [
    Route("meetings:meeting", SSC_72, everyone(200)),
    Route("meetings:meeting", "/meetings/SSC_99_0101/", everyone(404)),
    Route("api:meetings", "/api/meetings", everyone(200)),
    Route("api:meeting", "/api/meetings/SSC_72_2702", everyone(200)),
    Route("api:meeting", "/api/meetings/SSC_99_0101", everyone(404)),
    Route("api:bodies", "/api/bodies", everyone(200)),
    Route("api:openapi-json", "/api/openapi.json", everyone(200)),
    Route("api:api-root", "/api/", everyone(404)),
]

SEES = [
    Sees(
        "/api/meetings/SSC_72_2702",
        "Demo confidential record of Full User Security Assessment",
        AT_SSC_72,
        "RED text in the API",
    ),
    Sees(
        "/api/meetings/SSC_72_2702",
        "option analysis for SMKI certificate segmentation",
        SSC_MEMBERS,
        "AMBER text in the API",
    ),
    Sees(SSC_72, "Other User", ALL, "WHITE title"),
    Sees(SSC_72, "The SSC considered Other User", ALL, "WHITE summary of a RED item"),
    Sees(
        SSC_72, "Demo confidential record of Full User Security Assessment", AT_SSC_72, "RED text"
    ),
    Sees(SSC_72, "supplier shortlist and budget", AT_SSC_72, "RED sub-point text"),
    Sees(SSC_72, "option analysis for SMKI certificate segmentation", SSC_MEMBERS, "AMBER text"),
    Sees(SSC_72, "SSC members to consider the business impact", SSC_MEMBERS, "AMBER action"),
    Sees(SSC_72, "SECAS to seek NCSC advice", AT_SSC_72, "RED action"),
    Sees(SSC_72, "Tom Reilly", SSC_MEMBERS, "AMBER attendance"),
    Sees(SSC_72, "SMETS1 Draft CIO Report (draft findings)", AT_SSC_72, "RED paper title"),
    Sees(
        SSC_72,
        "and therefore recorded in the Confidential Minutes",
        ALL - AT_SSC_72,
        "stock sentence for those who may not see RED",
    ),
    Sees(
        "/meetings/OPSG_32_1405/",
        "Demo confidential record: Communication Hub Firmware Updates",
        COMMUNITY,
        "GREEN text",
    ),
]
