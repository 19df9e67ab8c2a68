from django.core.management.base import BaseCommand

from welfare_portal.roles import roles_sync


class Command(BaseCommand):
    help = "Create or update the staff roles (相談員, コーディネーター, 管理者). Safe to run again."

    def handle(self, *args, **options):
        for name, count in roles_sync().items():
            self.stdout.write(f"{name}: {count} permissions")
