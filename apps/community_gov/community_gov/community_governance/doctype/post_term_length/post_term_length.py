"""A row of Governance Settings' Term Length by Post: a post whose term differs from the 两委's Term Length
(community_gov.rules.terms.term_years_for; 0: the post has no term)."""

from frappe.model.document import Document


class PostTermLength(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		post: DF.Literal[
			"Secretary",
			"Deputy Secretary",
			"Committee Member",
			"Director",
			"First Secretary",
			"Community Worker",
		]
		term_years: DF.Int
	# end: auto-generated types
	pass
