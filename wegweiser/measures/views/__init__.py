"""Pages of the measures app (see ``urls.py``)."""

from .departures import DepartureCreateView, DepartureWithdrawView
from .execution import ExecutionView
from .office import OfficeSettingsView, ReportView
from .plans import (
    AcknowledgeView,
    ApproveView,
    CertificateCreateView,
    CertificateSetAsideView,
    PlanCheckView,
    PlanCreateView,
    PlanDetailView,
    PlanEditView,
    PlanListView,
)

__all__ = [
    "AcknowledgeView", "ApproveView", "CertificateCreateView", "CertificateSetAsideView", "DepartureCreateView",
    "DepartureWithdrawView", "ExecutionView",
    "OfficeSettingsView", "PlanCheckView", "PlanCreateView", "PlanDetailView", "PlanEditView", "PlanListView",
    "ReportView",
]
