from frappe.model.document import Document


class CadreHonour(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		awarded_on: DF.Date | None
		awarding_body: DF.Data | None
		honour: DF.Data
		level: DF.Literal["", "Sub District", "District", "City", "Province", "National"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
	# end: auto-generated types
	pass
