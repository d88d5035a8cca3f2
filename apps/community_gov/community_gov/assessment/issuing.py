"""Issuing a year's target agreements in one action: one agreement per active cadre of the chosen
sub-districts and positions who has none for the year, its targets copied from a Target Template, each
inserted through the document (the agreement's own checks run) and sent for signature through the
workflow, as the desk's button does it.

Running it again changes nothing: a cadre with an agreement for the year that is not cancelled is skipped.
The summary lists who got one and who was skipped and why. The Organization Department issues for every
sub-district; a reviewer only for its own (`community_gov.cadres.visible_cadres` lists the cadres).
"""

from dataclasses import asdict, dataclass, field

import frappe
from frappe import _, _lt
from frappe.model.workflow import apply_workflow
from frappe.utils import strip_html

from community_gov.assessment.common import ORGANIZATION_ROLE, validate_year
from community_gov.cadres import visible_cadres
from community_gov.dates import current_year
from community_gov.exceptions import IssueScopeError, TemplatePositionError, TemplateYearError
from community_gov.permissions import REVIEWER_ROLE, require_roles
from community_gov.query_utils import in_names
from community_gov.text import bold

SEND_FOR_SIGNATURE = "Send for Signature"
ACTIVE = "Active"
SKIP_REASONS = {
	"has_agreement": _lt("Already has an agreement for the year"),
	"inactive": _lt("Not in post"),
	"refused": _lt("Refused by the agreement's checks"),
}


@dataclass
class IssuedAgreement:
	agreement: str
	cadre: str
	full_name: str
	community: str | None
	sub_district: str | None


@dataclass
class SkippedCadre:
	cadre: str
	full_name: str
	community: str | None
	sub_district: str | None
	reason: str  # a key of SKIP_REASONS
	reason_label: str
	detail: str  # the existing agreement, the cadre's status or the refusal's message


@dataclass
class IssueSummary:
	year: int
	template: str
	sub_districts: list[str]
	positions: list[str]
	created: list[IssuedAgreement] = field(default_factory=list)
	skipped: list[SkippedCadre] = field(default_factory=list)

	def skip(self, cadre, reason: str, detail: str) -> None:
		self.skipped.append(
			SkippedCadre(
				cadre=cadre.name,
				full_name=cadre.full_name,
				community=cadre.community,
				sub_district=cadre.sub_district,
				reason=reason,
				reason_label=str(SKIP_REASONS[reason]),
				detail=detail,
			)
		)

	def as_dict(self) -> dict:
		counts = {"created": len(self.created), "skipped": len(self.skipped)}
		for reason in SKIP_REASONS:
			counts[reason] = sum(1 for row in self.skipped if row.reason == reason)
		return {**asdict(self), "counts": counts}


@frappe.whitelist(methods=["POST"])
def issue_agreements(
	year: int,
	template: str,
	sub_districts: list[str] | str | None = None,
	positions: list[str] | str | None = None,
) -> dict:
	"""Issue `year`'s agreements from `template` to the active cadres of `sub_districts` (none given: every
	one the user may see) in `positions` (none given: the template's). Returns the summary."""
	require_roles(ORGANIZATION_ROLE, REVIEWER_ROLE, "System Manager")
	if not frappe.has_permission("Target Agreement", "create"):
		frappe.throw(_("Not permitted to create target agreements"), frappe.PermissionError)
	year = int(year)
	validate_year(frappe._dict(year=year), latest=current_year() + 1)
	template_doc = frappe.get_doc("Target Template", template)
	template_doc.check_permission("read")
	if template_doc.year and template_doc.year != year:
		frappe.throw(
			_("{0} {1} is for {2}, not for {3}").format(
				_("Target Template"), bold(template_doc.title), template_doc.year, bold(year)
			),
			TemplateYearError,
			title=_("Wrong Year"),
		)
	summary = IssueSummary(
		year=year,
		template=template_doc.name,
		sub_districts=chosen_sub_districts(as_list(sub_districts)),
		positions=chosen_positions(template_doc, as_list(positions)),
	)
	cadres = visible_cadres(
		{"sub_district": ("in", summary.sub_districts or [""]), "position": ("in", summary.positions)},
		fields=["full_name", "position", "community", "sub_district", "status"],
		order_by="sub_district asc, community asc, full_name asc, name asc",
	)
	existing = existing_agreements(year, [cadre.name for cadre in cadres])
	targets = [
		{key: row.get(key) for key in ("area", "description", "indicator", "weight", "is_veto")}
		for row in template_doc.targets
	]
	for cadre in cadres:
		if cadre.status != ACTIVE:
			summary.skip(cadre, "inactive", _(cadre.status))
		elif cadre.name in existing:
			summary.skip(cadre, "has_agreement", existing[cadre.name])
		else:
			issue_one(summary, cadre, year, targets)
	if summary.created:
		template_doc.add_comment(
			"Info",
			_("Issued {0} target agreements for {1} ({2}); {3} cadres skipped").format(
				len(summary.created), year, "、".join(summary.sub_districts), len(summary.skipped)
			),
		)
	return summary.as_dict()


def as_list(value: list[str] | str | None) -> list[str]:
	"""The desk sends a list as JSON text; one name alone is a list of one."""
	if not value:
		return []
	if isinstance(value, str):
		value = frappe.parse_json(value) if value.lstrip().startswith("[") else [value]
	return sorted({str(item) for item in value if item})


def chosen_sub_districts(requested: list[str]) -> list[str]:
	"""The requested sub-districts, each within the user's access (refused otherwise), or all it may see."""
	visible = frappe.get_list(
		"Sub District",
		filters={"name": ("in", requested)} if requested else {},
		pluck="name",
		limit_page_length=0,
	)
	if not requested:
		return sorted(visible)
	for sub_district in sorted(set(requested) - set(visible)):
		if not frappe.db.exists("Sub District", sub_district):
			frappe.throw(
				_("{0} {1} does not exist").format(_("Sub District"), bold(sub_district)),
				frappe.DoesNotExistError,
			)
		frappe.throw(
			_("You can only issue agreements to cadres of your own sub-district, not {0} {1}").format(
				_("Sub District"), bold(sub_district)
			),
			IssueScopeError,
			title=_("Not Permitted"),
		)
	return requested


def chosen_positions(template, requested: list[str]) -> list[str]:
	"""The requested positions, each one the template is for, or the template's."""
	allowed = template.position_names
	for position in requested:
		if position not in allowed:
			frappe.throw(
				_("{0} {1} is not for {2} {3}").format(
					_("Target Template"), bold(template.title), _("Position"), bold(_(position))
				),
				TemplatePositionError,
				title=_("Wrong Position"),
			)
	return requested or sorted(allowed)


def existing_agreements(year: int, cadres: list[str]) -> dict[str, str]:
	"""Cadre → its agreement for the year that is not cancelled (draft, waiting for signature or signed):
	one query. Every cadre here is one the caller may see."""
	if not cadres:
		return {}
	agreement = frappe.qb.DocType("Target Agreement")
	rows = (
		frappe.qb.from_(agreement)
		.select(agreement.cadre, agreement.name)
		.where((agreement.year == year) & (agreement.docstatus < 2) & in_names(agreement.cadre, cadres))
		.orderby(agreement.creation)
		.run()
	)
	wanted = set(cadres)
	return {cadre: name for cadre, name in rows if cadre in wanted}


def issue_one(summary: IssueSummary, cadre, year: int, targets: list[dict]) -> None:
	"""Insert the cadre's agreement and send it for signature; a refusal by the agreement's own checks
	skips this cadre only (its message in the summary, nothing of it written)."""
	messages = len(frappe.local.message_log)
	frappe.db.savepoint("issue_agreement")
	try:
		doc = frappe.get_doc(
			{
				"doctype": "Target Agreement",
				"cadre": cadre.name,
				"year": year,
				"targets": [dict(target) for target in targets],
			}
		).insert()
		doc = apply_workflow(doc, SEND_FOR_SIGNATURE)
	except (frappe.ValidationError, frappe.PermissionError) as error:
		frappe.db.rollback(save_point="issue_agreement")
		del frappe.local.message_log[messages:]
		summary.skip(cadre, "refused", strip_html(str(error)) or type(error).__name__)
		return
	summary.created.append(
		IssuedAgreement(
			agreement=doc.name,
			cadre=cadre.name,
			full_name=cadre.full_name,
			community=cadre.community,
			sub_district=cadre.sub_district,
		)
	)
