"""Staff roles as Django groups, with the least permissions each job needs.

相談員 (case worker) keeps case records; コーディネーター (coordinator) runs
Space Shiori, participation and food support and may look people up to link
them, but does not see case records; 管理者 (manager) sees everything and
manages users. `roles_sync()` makes the groups match this table; it is
idempotent and runs from `manage.py setup_roles` and `load_demo`.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

CASEWORKER = "相談員"
COORDINATOR = "コーディネーター"
MANAGER = "管理者"

ALL = ("view", "add", "change", "delete")
VIEW = ("view",)
# Food support's own permission: exporting rosters (personal data leaving the system).
FOOD_ALL = (*ALL, "export")

# role -> {"app_label" or "app_label.model": actions}. A model entry
# overrides its app's entry.
ROLE_GRANTS = {
    CASEWORKER: {
        "consultations": ALL,
        # Areas (圏域) are the council's reference data: kept by 管理者.
        "consultations.area": VIEW,
        "ibasho": VIEW,
        "participation": VIEW,
        "food_support": VIEW,
    },
    COORDINATOR: {
        "consultations.person": ("view", "add", "change"),
        "consultations.household": ("view", "add", "change"),
        # 地域づくり: the areas, and the community meetings and local needs (no names in them).
        "consultations.area": VIEW,
        "consultations.communitymeeting": ("view", "add", "change"),
        "consultations.communitymeetingattendee": ALL,
        "consultations.communityneed": ("view", "add", "change"),
        "consultations.communityneedfollowup": ("view", "add"),
        "ibasho": ALL,
        "participation": ALL,
        "food_support": FOOD_ALL,
    },
    MANAGER: {
        "consultations": ALL,
        "ibasho": ALL,
        "participation": ALL,
        "food_support": FOOD_ALL,
        "auth": ALL,
        "admin.logentry": VIEW,
        # Sign-in lockouts (django-axes): see them, unlock by deleting the attempts.
        "axes.accessattempt": ("view", "delete"),
        "axes.accesslog": VIEW,
        "axes.accessfailurelog": VIEW,
        # Who opened which record (閲覧記録): read-only for everyone, 管理者 included.
        "welfare_portal.accesslog": VIEW,
        # The monthly figures for the city (実績報告); may also be given to others.
        "welfare_portal.statistics": VIEW,
    },
}


def _permissions_for(grants):
    """Permission objects for one role's grants, ignoring models that don't exist yet."""
    wanted = set()
    perms = Permission.objects.select_related("content_type")
    for perm in perms:
        app = perm.content_type.app_label
        model = perm.content_type.model
        action = perm.codename.split("_", 1)[0]
        actions = grants.get(f"{app}.{model}", grants.get(app))
        if actions and action in actions:
            wanted.add(perm.pk)
    return wanted


@transaction.atomic
def roles_sync():
    """Create or update the three staff groups; returns {name: permission count}."""
    result = {}
    for name, grants in ROLE_GRANTS.items():
        group, _created = Group.objects.get_or_create(name=name)
        perm_ids = _permissions_for(grants)
        group.permissions.set(perm_ids)
        result[name] = len(perm_ids)
    return result
