import frappe
from frappe.model.document import Document


class TrainingAttendance(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		cadre: DF.Link
		enrolled_via: DF.Literal["Assigned", "Menu"]
		feedback_comment: DF.SmallText | None
		feedback_rating: DF.Rating
		full_name: DF.Data | None
		hours: DF.Float
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		result: DF.Data | None
		status: DF.Literal["Enrolled", "Attended", "Absent", "Excused"]
		sub_district: DF.Link | None
	# end: auto-generated types
	pass


def on_doctype_update():
	# A sub-district's attendees (Training Coverage statistics for a reviewer or a chosen sub-district).
	frappe.db.add_index("Training Attendance", ["sub_district", "status"])
