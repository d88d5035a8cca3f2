from frappe.model.document import Document


class TargetTemplateItem(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		area: DF.Literal["Social Stability", "Serving Residents", "Party Building", "Other"]
		description: DF.SmallText
		indicator: DF.Data | None
		is_veto: DF.Check
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		weight: DF.Float
	# end: auto-generated types
	pass
