"""Recovery from the server when nobody who could reset it can sign in (e.g. the only 管理者 lost a phone)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from welfare_portal import services


class Command(BaseCommand):
    help = (
        "Forget a staff user's two-step sign-in (and lift a lockout); they set it up again at next sign-in."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user with the login name {username!r}.") from None
        removed = services.staff_two_factor_reset(user=user)
        services.staff_login_unlock(username=user.username)
        self.stdout.write(
            f"Reset: {removed} device records removed; {username} sets up two-step sign-in again."
        )
