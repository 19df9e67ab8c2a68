"""Where a request came from, behind the load balancer."""

from django.conf import settings


def client_address(request):
    """The client's address, behind as many proxies as settings trust.

    With TRUSTED_PROXY_COUNT = N (the load balancer and any proxies in front of
    the app), the Nth address from the right of X-Forwarded-For is the client;
    anything further left could be forged by the client and is ignored.
    Used by the public forms' rate limit, the login lockout and the access log.
    """
    trusted = settings.TRUSTED_PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if trusted and len(forwarded) >= trusted:
        return forwarded[-trusted]
    return request.META.get("REMOTE_ADDR", "")
