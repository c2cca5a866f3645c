from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "secretariat.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        # Saves through the services keep the index in step (see index.py).
        from secretariat.search import hooks

        hooks.connect()
