from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from accounts import signals
from accounts.models import User


@require_POST
def keep_alive(request: HttpRequest) -> HttpResponse:
    """The timeout warning's "Stay logged in". Any request of a signed-in user
    restarts the idle clock (IdleTimeoutMiddleware), so this does nothing else.
    Signed-out users are sent to the log-in page like everywhere else."""
    return HttpResponse(status=204)


class SignOutView(auth_views.LogoutView):
    """Django's sign-out (POST only), announced for the audit trail."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        response = super().post(request, *args, **kwargs)
        if isinstance(user, User):
            signals.signed_out.send(sender=User, user=user, reason="signed_out")
        return response
