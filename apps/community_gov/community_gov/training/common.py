import frappe
from frappe import _

from community_gov.permissions import get_access_scope
from community_gov.rules.training import TrainingSettings

TAKEN_STATUSES = ("Enrolled", "Attended")  # the statuses that hold a seat
OPEN_SESSION_STATUSES = ("Planned", "Enrolling", "In Progress")


def get_training_settings() -> TrainingSettings:
	return TrainingSettings.from_mapping(frappe.get_cached_doc("Governance Settings").as_dict())


def validate_training_scope(doc) -> None:
	"""Reviewers manage the Sub District level training of their own sub-district; higher levels are
	the Organization Department's."""
	scope = get_access_scope()
	if scope.unrestricted or not scope.is_reviewer:
		return
	if doc.get("level") != "Sub District" or doc.get("sub_district") not in scope.sub_districts:
		frappe.throw(
			_("You can only manage Sub District level training of your own sub-district, not {0} {1}").format(
				_(doc.get("level") or ""), frappe.bold(doc.get("sub_district") or doc.get("title") or "")
			),
			frappe.PermissionError,
		)


def has_training_permission(doc, ptype: str | None = None, user: str | None = None, debug=False):
	"""Everyone with a role reads the schedule; reviewers write only their own sub-district's level."""
	scope = get_access_scope(user)
	if scope.unrestricted or ptype in ("read", "print", "report", "export", None):
		return None
	if scope.is_reviewer:
		return doc.get("level") == "Sub District" and doc.get("sub_district") in scope.sub_districts
	return False
