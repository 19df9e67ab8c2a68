"""Demo data for a first look at the portal. Safe to run again: it updates in place."""

import importlib
import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from welfare_portal import two_factor
from welfare_portal.checks import site_url_is_local
from welfare_portal.roles import CASEWORKER, COORDINATOR, MANAGER, roles_sync

# Each app that has demo data keeps it in <app>/demo.py as `load(*, stdout)`; the past
# year of activity behind the monthly figures is in <app>/demo_year.py, loaded after
# every app's demo.py (it uses their places, activities and staff).
DEMO_APPS = ["consultations", "ibasho", "participation", "food_support"]
DEMO_MODULES = [f"{app}.demo" for app in DEMO_APPS] + [f"{app}.demo_year" for app in DEMO_APPS]

DEMO_STAFF = [
    ("demo-caseworker", "相談 花子", CASEWORKER),
    ("demo-coordinator", "調整 太郎", COORDINATOR),
    ("demo-manager", "管理 一郎", MANAGER),
]


class Command(BaseCommand):
    help = "Load demo data for every app and create demo staff logins (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load demo data and demo logins even though SITE_URL is not a local address.",
        )

    def handle(self, *args, **options):
        if not (site_url_is_local() or options["force"]):
            raise CommandError(
                "SITE_URL is not a local address: this looks like a real deployment, and the demo "
                "creates staff logins. Use --force if you really mean to load demo data here."
            )
        password = os.environ.get("DEMO_PASSWORD") or secrets.token_urlsafe(12)
        with transaction.atomic():
            roles_sync()
            self._staff(password)
            for name in DEMO_MODULES:
                try:
                    module = importlib.import_module(name)
                except ModuleNotFoundError:
                    continue
                module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write("Staff logins for /admin/ (password for all three):")
        for username, _name, role in DEMO_STAFF:
            self.stdout.write(f"  {username:18} {role}")
        self.stdout.write(f"  password: {password}")
        self.stdout.write(
            "Two-step sign-in: each demo login is enrolled already. Add its key to an authenticator "
            "app, or print the current codes with `.venv/bin/python manage.py demo_codes`:"
        )
        for username, _name, _role in DEMO_STAFF:
            device = TOTPDevice.objects.get(user__username=username, confirmed=True)
            self.stdout.write(f"  {username:18} key {two_factor.secret_for_typing(device)}")

    def _staff(self, password):
        User = get_user_model()
        for username, name, role in DEMO_STAFF:
            family, given = name.split(" ")
            user, _created = User.objects.update_or_create(
                username=username,
                defaults={"last_name": family, "first_name": given, "is_staff": True},
            )
            user.set_password(password)
            user.save()
            user.groups.set([Group.objects.get(name=role)])
            # Enrolled already, so the first look needs no phone set-up; the key is kept between runs.
            if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
                TOTPDevice.objects.create(user=user, name=two_factor.APP_DEVICE_NAME, confirmed=True)
