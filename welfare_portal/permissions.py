"""The one permission check for staff pages outside the admin."""

import functools

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def staff_required(*perms):
    """A staff page: visitors who are not signed-in staff go to the login page, staff
    without every one of `perms` get 403. (The second factor and the idle limit
    are checked before any view, by the staff middleware.)"""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not (user.is_authenticated and user.is_active and user.is_staff):
                return redirect_to_login(request.get_full_path())
            if perms and not user.has_perms(perms):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
