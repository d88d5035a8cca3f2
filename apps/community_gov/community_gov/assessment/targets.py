"""The checks a list of targets passes wherever it is kept (a target template; the agreements issued from it
pass the agreement's own, which read the same setting): weights above 0 that add up to the required total
(R4, Governance Settings `target_weight_total`)."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import flt

from community_gov.exceptions import MissingTargetsError, TargetWeightError, TargetWeightTotalError
from community_gov.text import bold


def required_weight_total() -> float:
	return flt(frappe.get_cached_doc("Governance Settings").target_weight_total) or 100


def validate_target_weights(rows) -> float:
	"""Every row weighted above 0 and the weights adding up to the required total; returns the total."""
	if not rows:
		frappe.throw(_("Add at least one target"), MissingTargetsError, title=_("Missing Targets"))
	for row in rows:
		if flt(row.weight) <= 0:
			frappe.throw(
				_("Row {0}: {1} must be greater than 0, not {2}").format(
					row.idx, _("Weight"), bold(row.weight)
				),
				TargetWeightError,
				title=_("Invalid Weight"),
			)
	total = flt(sum(flt(row.weight) for row in rows), 2)
	required = required_weight_total()
	if abs(total - required) > 0.001:
		frappe.throw(
			_("The weights of the targets must add up to {0}, they add up to {1}").format(
				required, bold(total)
			),
			TargetWeightTotalError,
			title=_("Invalid Weight"),
		)
	return total
