import frappe
from frappe import _

from community_gov.permissions import get_access_scope
from community_gov.rules.training import TrainingSettings
from community_gov.text import bold


def get_training_settings() -> TrainingSettings:
	return TrainingSettings.from_mapping(frappe.get_cached_doc("Governance Settings").as_dict())


def validate_training_scope(doc) -> None:
	"""Reviewers manage the Sub District level training of their own sub-district; higher levels are
	the Organization Department's. Both the stored record and the new values must qualify."""
	scope = get_access_scope()
	if scope.unrestricted or not scope.is_reviewer:
		return
	for values in (doc, doc.get_doc_before_save()):
		if values is None:
			continue
		level = values.get("level")
		if level != "Sub District" or values.get("sub_district") not in scope.sub_districts:
			frappe.throw(
				_(
					"You can only manage Sub District level training of your own sub-district, not {0} {1}"
				).format(
					_(level) if level else "",
					bold(values.get("sub_district") or values.get("title") or ""),
				),
				frappe.PermissionError,
			)
