from django.http import HttpRequest

from accounts.middleware import idle_seconds_for


def session_timeout(request: HttpRequest) -> dict:
    """The idle timeout of the signed-in user, for the warning before it ends
    (static/js/session-timeout.js reads it from <body data-idle-seconds>)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"idle_seconds": idle_seconds_for(user)}
