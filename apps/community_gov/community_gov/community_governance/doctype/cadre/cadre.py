import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_link_to_form, getdate, today

from community_gov.assessment.common import ORGANIZATION_ROLE
from community_gov.batch.accounts import disable_account_of_leaving_cadre
from community_gov.constants import PARTY_MEMBER_STATUSES, SECRETARY
from community_gov.exceptions import HonourReservedError
from community_gov.permissions import community_sub_district, validate_sub_district_scope
from community_gov.rules import honours, id_number, phone
from community_gov.scorecard import cadre_history, cadre_scorecard
from community_gov.text import bold


class Cadre(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from community_gov.community_governance.doctype.cadre_honour.cadre_honour import CadreHonour

		also_director: DF.Check
		appointment_date: DF.Date | None
		calendar_token_hash: DF.Data | None
		community: DF.Link
		county_filing_date: DF.Date | None
		county_filing_number: DF.Data | None
		date_of_birth: DF.Date | None
		education: DF.Literal[
			"",
			"Postgraduate",
			"Undergraduate",
			"College",
			"Technical Secondary",
			"High School",
			"Junior High or Below",
		]
		ethnicity: DF.Data | None
		full_name: DF.Data
		full_time: DF.Check
		gender: DF.Literal["", "Male", "Female"]
		honours: DF.Table[CadreHonour]
		id_number: DF.Data
		id_number_masked: DF.Data | None
		native_place: DF.Data | None
		party_join_date: DF.Date | None
		phone: DF.Data | None
		photo: DF.AttachImage | None
		political_status: DF.Literal["", "CPC Member", "Probationary Member", "Masses"]
		position: DF.Literal[
			"Secretary",
			"Deputy Secretary",
			"Committee Member",
			"Director",
			"First Secretary",
			"Community Worker",
		]
		service_start_date: DF.Date | None
		status: DF.Literal["Active", "Adjusted", "Retired", "Resigned"]
		sub_district: DF.Link | None
		user: DF.Link | None

	# end: auto-generated types
	def validate(self):
		self.validate_id_number()
		self.validate_unique_id_number()
		self.validate_phone()
		self.set_sub_district()
		validate_sub_district_scope(self)
		self.validate_dates()
		self.validate_also_director()
		self.validate_user()
		self.validate_honours()

	def on_update(self):
		self.disable_account_on_leaving()

	def disable_account_on_leaving(self):
		"""A cadre who leaves (Adjusted, Retired, Resigned) loses its portal login (community_gov.batch.accounts)."""
		disable_account_of_leaving_cadre(self)

	def scorecard(self, years: int = 4) -> list[dict]:
		"""The last `years` assessed years, as the Cadre Scorecard report shows them (the printed card)."""
		return cadre_scorecard(self, years)

	def validate_id_number(self):
		try:
			info = id_number.parse(self.id_number, today=getdate(today()))
		except id_number.InvalidIdNumber as error:
			frappe.throw(id_number_message(error), title=_("Invalid ID Number"))
		self.id_number = info.number
		self.id_number_masked = id_number.mask(info.number)
		self.date_of_birth = info.date_of_birth
		self.gender = info.gender

	def validate_unique_id_number(self):
		existing = frappe.db.get_value(
			"Cadre",
			{"id_number": self.id_number, "name": ("!=", self.name)},
			["name", "full_name"],
			as_dict=True,
		)
		if not existing:
			return
		# Name the other record only to a user who may see it.
		holder = (
			_(" for {0} ({1})").format(existing.full_name, get_link_to_form("Cadre", existing.name))
			if frappe.has_permission("Cadre", "read", existing.name)
			else ""
		)
		frappe.throw(
			_("{0} {1} is already registered{2}").format(_("ID Number"), bold(self.id_number), holder),
			frappe.UniqueValidationError,
			title=_("Duplicate ID Number"),
		)

	def validate_phone(self):
		if not self.phone:
			return
		if not phone.is_valid(self.phone):
			frappe.throw(
				_("{0} {1} is not a valid mobile number (11 digits starting with 1) or landline").format(
					_("Mobile Phone"), bold(self.phone)
				),
				title=_("Invalid Phone Number"),
			)
		self.phone = phone.normalize(self.phone)

	def set_sub_district(self):
		self.sub_district = community_sub_district(self.community)

	def validate_dates(self):
		current_date = getdate(today())
		for fieldname in (
			"party_join_date",
			"service_start_date",
			"appointment_date",
			"county_filing_date",
		):
			value = self.get(fieldname)
			if not value:
				continue
			label = _(self.meta.get_label(fieldname))
			if getdate(value) > current_date:
				frappe.throw(
					_("{0} {1} is in the future").format(label, bold(value)), title=_("Invalid Date")
				)
			if getdate(value) < getdate(self.date_of_birth):
				frappe.throw(
					_("{0} {1} is before the date of birth {2}").format(
						label, bold(value), self.date_of_birth
					),
					title=_("Invalid Date"),
				)
		if self.political_status not in PARTY_MEMBER_STATUSES:
			self.party_join_date = None
		if (
			self.service_start_date
			and self.appointment_date
			and getdate(self.appointment_date) < getdate(self.service_start_date)
		):
			frappe.throw(
				_("{0} {1} is before the {2} {3}").format(
					_("Appointed to Current Post On"),
					bold(self.appointment_date),
					_("Community Service Start Date"),
					self.service_start_date,
				),
				title=_("Invalid Date"),
			)

	def validate_also_director(self):
		if self.position != SECRETARY:
			self.also_director = 0

	def validate_honours(self):
		for honour in self.honours:
			honour.validate_honour()  # kind, year and a recommendation's result (cadre_honour.py)
		self.validate_honour_changes()

	def validate_honour_changes(self):
		"""Honours above Sub District level (or without a level) and Top Ten titles are the Organization
		Department's to add, change or remove; a reviewer records its cadres' Sub District honours
		(rules.honours.reserved_changes). Compared with the honours as stored, whatever path saves."""
		if may_record_any_honour():
			return
		before = self.get_doc_before_save()
		changes = honours.reserved_changes(
			[row.as_dict() for row in before.honours] if before else [],
			[row.as_dict() for row in self.honours],
		)
		if changes:
			frappe.throw(
				"<br>".join(reserved_change_message(change) for change in changes),
				HonourReservedError,
				title=_("Honour Reserved to the Organization Department"),
			)

	def validate_user(self):
		if not self.user:
			return
		other = frappe.db.get_value("Cadre", {"user": self.user, "name": ("!=", self.name)}, "full_name")
		if other:
			frappe.throw(
				_("{0} {1} is already linked to the cadre {2}").format(_("User"), bold(self.user), other),
				title=_("Duplicate User"),
			)


def may_record_any_honour() -> bool:
	return frappe.session.user == "Administrator" or bool(
		set(frappe.get_roles()) & {ORGANIZATION_ROLE, "System Manager"}
	)


def reserved_change_message(change: honours.HonourChange) -> str:
	actions = {honours.ADDED: _("add"), honours.CHANGED: _("change"), honours.REMOVED: _("remove")}
	return _(
		"Only the Organization Department may {0} the honour {1} ({2}, level {3}): a reviewer records its cadres' Sub District honours, other than Top Ten titles"
	).format(
		actions[change.action],
		bold(change.honour),
		_(change.kind) if change.kind else _("kind not given"),
		bold(_(change.level) if change.level else _("not given")),
	)


def id_number_message(error: id_number.InvalidIdNumber) -> str:
	value = bold(error.value or _("(empty)"))
	label = _("ID Number")
	messages = {
		id_number.IdNumberProblem.EMPTY: _("{0} is required").format(label),
		id_number.IdNumberProblem.LENGTH: _("{0} {1} must have 18 characters, it has {2}").format(
			label, value, len(error.value)
		),
		id_number.IdNumberProblem.CHARACTERS: _(
			"{0} {1} may contain only digits, with X allowed as the last character"
		).format(label, value),
		id_number.IdNumberProblem.BIRTH_DATE: _("{0} {1} does not contain a valid date of birth").format(
			label, value
		),
		id_number.IdNumberProblem.CHECK_DIGIT: _("{0} {1} has a wrong check digit").format(label, value),
	}
	return messages[error.problem]


@frappe.whitelist()
def get_personal_file(cadre: str) -> list[dict]:
	"""The cadre's record year by year, newest first, as the form's personal file shows it: grade, scores,
	training hours and compliance. The documents themselves (assessments, agreements, training, reserves,
	appointments, cases) the form's connections list (cadre_dashboard.py)."""
	doc = frappe.get_doc("Cadre", cadre)
	doc.check_permission("read")
	return [
		{
			field: row[field]
			for field in (
				"year",
				"total_score",
				"grade",
				"satisfaction_rate",
				"training_hours",
				"training_compliant",
			)
		}
		for row in cadre_history(doc)
	]


def on_doctype_update():
	# The reports' cadres of one sub-district (cadres.cadre_criterion: sub-district, status, position), read
	# through one index instead of the province's.
	frappe.db.add_index("Cadre", ["sub_district", "status", "position"])
