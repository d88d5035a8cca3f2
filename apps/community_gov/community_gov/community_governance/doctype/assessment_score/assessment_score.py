from frappe.model.document import Document


class AssessmentScore(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		area: DF.Literal["Social Stability", "Serving Residents", "Party Building", "Other"]
		description: DF.SmallText | None
		indicator: DF.Data | None
		is_veto: DF.Check
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		score: DF.Float
		veto_failed: DF.Check
		weight: DF.Float
	# end: auto-generated types
	pass
