from frappe.model.document import Document

from community_gov.assessment.common import validate_year
from community_gov.dates import current_year
from community_gov.training.common import validate_training_scope


class TrainingProgram(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		audience: DF.Literal["Secretaries", "Deputy Secretaries", "Reserve Candidates", "All Cadres"]
		category: DF.Literal["Key", "General"]
		hours: DF.Float
		is_rotation: DF.Check
		level: DF.Literal["City", "District", "Sub District"]
		planned_person_times: DF.Int
		planned_sessions: DF.Int
		sub_district: DF.Link | None
		title: DF.Data
		topics: DF.SmallText | None
		training_format: DF.Literal["Lecture", "Experience Exchange", "Site Visit", "Seminar"]
		year: DF.Int

	# end: auto-generated types
	def validate(self):
		if self.level != "Sub District":
			self.sub_district = None
		validate_training_scope(self)
		validate_year(self, latest=current_year() + 1)
