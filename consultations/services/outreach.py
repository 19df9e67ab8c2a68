"""Outreach visits (アウトリーチ)."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ..models import Case
from .errors import CaseAlreadyClosed, ConsultationError


@transaction.atomic
def outreach_visit_save(*, visit, by=None):
    """A visit about an open case, or about a concern report not yet a case."""
    if visit.case_id is None and visit.concern_report_id is None:
        raise ConsultationError(_("Choose the case or the concern report this visit is about."), field="case")
    if visit.pk is None and visit.case_id is not None:
        case = Case.objects.select_for_update().get(pk=visit.case_id)
        if case.status == Case.Status.CLOSED:
            raise CaseAlreadyClosed(field="case")
    visit.full_clean()
    visit.save()
    return visit
