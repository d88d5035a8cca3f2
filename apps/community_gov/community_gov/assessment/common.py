import frappe
from frappe import _

from community_gov.dates import current_year  # re-exported: tests/browser_seed.py imports it from here
from community_gov.exceptions import AssessmentYearError, CadreNotFoundError
from community_gov.rules.assessment import RuleSettings
from community_gov.text import bold

EARLIEST_YEAR = 2000
ORGANIZATION_ROLE = "Organization Department"


def get_rule_settings() -> RuleSettings:
	return RuleSettings.from_mapping(frappe.get_cached_doc("Governance Settings").as_dict())


def get_covered_positions() -> list[str]:
	return [row.position for row in frappe.get_cached_doc("Governance Settings").covered_positions]


def set_cadre_details(doc) -> None:
	"""Copy who and where the cadre is onto the record, as it stands when the record is made.

	Submitted records keep the post and community of their year: the rules follow the person.
	"""
	if not doc.cadre or doc.docstatus != 0:
		return
	details = frappe.db.get_value(
		"Cadre", doc.cadre, ["full_name", "position", "community", "sub_district"], as_dict=True
	)
	if not details:
		frappe.throw(_("{0} {1} does not exist").format(_("Cadre"), bold(doc.cadre)), CadreNotFoundError)
	doc.update(details)


def validate_year(doc, latest: int) -> None:
	year = doc.year
	if not year or year < EARLIEST_YEAR:
		frappe.throw(
			_("{0} {1} is not a valid year").format(_("Year"), bold(year)),
			AssessmentYearError,
			title=_("Invalid Year"),
		)
	if year > latest:
		frappe.throw(
			_("{0} {1} is in the future").format(_("Year"), bold(year)),
			AssessmentYearError,
			title=_("Invalid Year"),
		)
