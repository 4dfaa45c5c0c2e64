"""The request type of pages behind sign-in."""

from __future__ import annotations

from django.http import HttpRequest

from accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """A request that the role decorators (or the sign-in middleware) have
    let through: its user is a signed-in `User`, never AnonymousUser. For
    type checking only; Django still builds plain HttpRequests."""

    user: User
