from frappe.model.document import Document


class SubDistrict(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from community_gov.community_governance.doctype.sub_district_user.sub_district_user import (
			SubDistrictUser,
		)

		address: DF.SmallText | None
		code: DF.Data | None
		communities_out_of_range: DF.Int
		party_committee: DF.Data | None
		reserve_count: DF.Int
		reviewers: DF.Table[SubDistrictUser]
		sub_district_name: DF.Data
	# end: auto-generated types
	pass
