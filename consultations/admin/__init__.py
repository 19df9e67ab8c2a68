"""The consultations admin, one module per subject: people, intake, cases, plans and meetings,
outreach, community work. Importing this package registers them all."""

from . import cases, community, intake, outreach, people, plans  # noqa: F401
