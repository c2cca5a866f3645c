from django.core.management import call_command


def test_it_keeps_the_cli_and_api_docs_in_step_with_the_code(db):
    # Fails with "Out of date: ..." when a command or API route changed without `secretariat document`.
    call_command("document", check=True)
