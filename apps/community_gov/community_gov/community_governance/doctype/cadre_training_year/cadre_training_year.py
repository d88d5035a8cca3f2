import frappe
from frappe.model.document import Document

from community_gov.training.summary import LEVEL_FIELDS


class CadreTrainingYear(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		attended_hours: DF.Float
		cadre: DF.Link
		city_sessions: DF.Int
		completed_hours: DF.Float
		district_sessions: DF.Int
		rotation_sessions: DF.Int
		sub_district_sessions: DF.Int
		year: DF.Int
	# end: auto-generated types
	# Written by community_gov.training.summary only (set-based), never through a form.
	pass


def on_doctype_update():
	# The reports join the rows to the cadres they list by (cadre, year) and read the figures from the index
	# alone; the name (cadre-year) keeps one row per cadre and year.
	frappe.db.add_index(
		"Cadre Training Year",
		["cadre", "year", "attended_hours", "completed_hours", *LEVEL_FIELDS.values(), "rotation_sessions"],
		"cadre_year_figures_index",
	)
