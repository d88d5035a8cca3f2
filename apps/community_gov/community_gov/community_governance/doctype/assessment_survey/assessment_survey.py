from frappe.model.document import Document


class AssessmentSurvey(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		method: DF.Literal[
			"Paper Questionnaire",
			"Telephone Survey",
			"Online Survey",
			"Door-to-door Visit",
			"Residents' Forum",
		]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		sample_size: DF.Int
		satisfaction_rate: DF.Percent
		satisfied_count: DF.Int
		survey: DF.Link | None
		survey_date: DF.Date | None
	# end: auto-generated types
	pass
