from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST


@require_POST
def keep_alive(request: HttpRequest) -> HttpResponse:
    """The timeout warning's "Stay logged in". Any request of a signed-in user
    restarts the idle clock (IdleTimeoutMiddleware), so this does nothing else.
    Signed-out users are sent to the log-in page like everywhere else."""
    return HttpResponse(status=204)
