import frappe
from frappe.model.document import Document
from frappe.utils import today

from community_gov.permissions import validate_sub_district_scope
from community_gov.reserves.pool import update_pool_counts


class Community(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		address: DF.SmallText | None
		community_name: DF.Data
		community_type: DF.Literal["Urban", "Village-to-Residential"]
		grid_party_groups: DF.Int
		households: DF.Int
		is_key_community: DF.Check
		key_community_since: DF.Date | None
		population: DF.Int
		reserve_count: DF.Int
		reserve_flag: DF.Literal["", "Below Range", "Above Range"]
		sub_district: DF.Link

	# end: auto-generated types
	def validate(self):
		validate_sub_district_scope(self)
		self.set_key_community_since()

	def set_key_community_since(self):
		"""The Staffing Watch counts a key community's missing first secretary from this day."""
		if not self.is_key_community:
			self.key_community_since = None
		elif not self.key_community_since:
			self.key_community_since = today()

	def on_update(self):
		self.update_cadre_sub_districts()
		# A new community starts below the reserve range; a moved one changes two sub-districts' totals.
		if self.has_value_changed("sub_district"):
			update_pool_counts(None)

	def update_cadre_sub_districts(self):
		"""Cadres follow their community: one update when the community changes sub-district."""
		if not self.has_value_changed("sub_district"):
			return
		cadre = frappe.qb.DocType("Cadre")
		frappe.qb.update(cadre).set(cadre.sub_district, self.sub_district).where(
			cadre.community == self.name
		).run()
