"""The WSGI application, for `secretariat serve` or any other WSGI server.

It refuses to start on the public local key: only the demo's development server, which says so
in its own process, may."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secretariat.settings")
application = get_wsgi_application()

from secretariat.core.deployment import require_production_settings  # noqa: E402

# DEBUG is the operator's choice here (a developer's `runserver`); `secretariat serve` refuses it.
require_production_settings(allow_debug=True)
