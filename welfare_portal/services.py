"""Staff accounts: what a 管理者 does when someone cannot sign in."""

import logging

from axes.utils import reset as axes_reset

from . import two_factor

security_log = logging.getLogger("welfare_portal.security")


def staff_login_unlock(*, username, by=None):
    """Lift the lockout of a login name (too many wrong passwords); returns how many records went."""
    removed = axes_reset(username=username)
    security_log.warning("Login lockout lifted for a user by %s", getattr(by, "pk", "the server command"))
    return removed


def staff_two_factor_reset(*, user, by=None):
    """A lost phone: forget the user's authenticator and backup codes; they enrol again at next sign-in."""
    return two_factor.reset(user=user, by=by)
