from frappe.model.document import Document


class TargetTemplatePosition(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		position: DF.Literal[
			"Secretary",
			"Deputy Secretary",
			"Committee Member",
			"Director",
			"First Secretary",
			"Community Worker",
		]
	# end: auto-generated types
	pass
