from frappe.model.document import Document


class ReserveAssignment(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		assessor_comment: DF.SmallText | None
		end_date: DF.Date | None
		outcome: DF.Literal["In Progress", "Excellent", "Good", "Adequate", "Not Completed"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		start_date: DF.Date | None
		task: DF.SmallText
	# end: auto-generated types
	pass
