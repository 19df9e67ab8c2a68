"""The current two-step sign-in codes of the demo logins, for trying the portal without a phone."""

from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from welfare_portal.checks import site_url_is_local

from .load_demo import DEMO_STAFF


class Command(BaseCommand):
    help = "Print the current six-digit codes of the demo staff logins (local demo sites only)."

    def handle(self, *args, **options):
        if not site_url_is_local():
            raise CommandError("SITE_URL is not a local address: demo codes are for a local demo only.")
        for username, _name, role in DEMO_STAFF:
            device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
            if device is None:
                self.stdout.write(f"  {username:18} not enrolled (run load_demo)")
                continue
            totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
            self.stdout.write(f"  {username:18} {totp.token():06d}  ({role}, valid about {device.step}s)")
