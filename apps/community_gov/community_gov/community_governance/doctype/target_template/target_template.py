import frappe
from frappe import _
from frappe.model.document import Document

from community_gov.assessment.common import validate_year
from community_gov.assessment.targets import validate_target_weights
from community_gov.dates import current_year
from community_gov.exceptions import TemplatePositionError
from community_gov.text import bold


class TargetTemplate(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from community_gov.community_governance.doctype.target_template_item.target_template_item import (
			TargetTemplateItem,
		)
		from community_gov.community_governance.doctype.target_template_position.target_template_position import (
			TargetTemplatePosition,
		)

		positions: DF.Table[TargetTemplatePosition]
		remarks: DF.SmallText | None
		targets: DF.Table[TargetTemplateItem]
		title: DF.Data
		total_weight: DF.Float
		veto_targets: DF.Int
		year: DF.Int

	# end: auto-generated types
	def validate(self):
		if self.year:
			# Templates are prepared for the coming year, like the agreements issued from them.
			validate_year(self, latest=current_year() + 1)
		self.validate_positions()
		self.total_weight = validate_target_weights(self.targets)
		self.veto_targets = sum(1 for row in self.targets if row.is_veto)

	def validate_positions(self):
		if not self.positions:
			frappe.throw(
				_("Choose at least one {0}").format(_("Position")),
				TemplatePositionError,
				title=_("Missing Positions"),
			)
		seen = set()
		for row in self.positions:
			if row.position in seen:
				frappe.throw(
					_("Row {0}: {1} {2} is listed twice").format(
						row.idx, _("Position"), bold(_(row.position))
					),
					TemplatePositionError,
					title=_("Duplicate Position"),
				)
			seen.add(row.position)

	@property
	def position_names(self) -> list[str]:
		return [row.position for row in self.positions]
