import os

from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# A WSGI server runs no system checks: refuse to start on the deployment
# guards' errors (accounts/checks.py) rather than serve with them.
_guard_errors = [
    e for e in checks.run_checks(tags=["deployment_guard"]) if e.is_serious()
]
if _guard_errors:
    raise ImproperlyConfigured("\n".join(str(e) for e in _guard_errors))
