from frappe.model.document import Document


class AdjustmentCaseYear(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		assessment: DF.Link | None
		grade: DF.Literal["", "Excellent", "Competent", "Basically Competent", "Fail"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		satisfaction_rate: DF.Percent
		total_score: DF.Float
		year: DF.Int
	# end: auto-generated types
	pass
