"""Day-before reminders; a scheduler runs this daily. Safe to run twice."""

from django.core.management.base import BaseCommand

from ibasho.services import reminders_send


class Command(BaseCommand):
    help = "Email a reminder to everyone with a confirmed place at tomorrow's gatherings (each once)."

    def handle(self, *args, **options):
        sent = reminders_send()
        self.stdout.write(f"Reminders sent: {sent}")
