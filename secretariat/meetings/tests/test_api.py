import json

RED_TEXT = "Demo confidential record of Full User Security Assessment"


def test_it_lists_the_meetings_a_reader_may_know(client_as):
    data = client_as("anonymous").get("/api/meetings?body=SSC&year=2019").json()
    assert "SSC_72_2702" in [m["reference"] for m in data]
    assert all(m["body"] == "SSC" for m in data)


def test_it_projects_a_meeting_for_the_reader(client_as):
    public = client_as("anonymous").get("/api/meetings/SSC_72_2702")
    present = client_as("present").get("/api/meetings/SSC_72_2702")
    assert public.status_code == present.status_code == 200
    assert RED_TEXT not in public.content.decode() and RED_TEXT in present.content.decode()
    assert public.json()["label"] == "WHITE" and present.json()["label"] == "RED"


def test_it_answers_404_for_unknown_meetings(client_as):
    response = client_as("officer").get("/api/meetings/SSC_1_0101")
    assert response.status_code == 404


def test_it_publishes_an_openapi_description(client_as):
    spec = json.loads(client_as("anonymous").get("/api/openapi.json").content)
    assert "/api/meetings/{reference}" in spec["paths"]
