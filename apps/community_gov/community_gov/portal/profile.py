"""我的档案: the cadre's own record as HR keeps it, in the fields the access model lets a cadre read (the
form's fields after Frappe's field-level read permissions), with its honours, the training it attended and
its approved appointments."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model import no_value_fields, table_fields
from frappe.utils import cstr, flt, format_date

from community_gov.portal.common import my_cadre
from community_gov.training.portal import my_sessions

# Not shown although readable: the login itself, bookkeeping, and the full ID number (the masked one is
# shown: the page is read on a phone, in company).
NOT_SHOWN = frozenset({"user", "calendar_token_hash", "id_number", "photo", "personal_file_html"})
# The cadre's own approved appointments (干部任免) are part of its file: read for it, not through a role
# permission on Appointment, which the Cadre role does not have.
APPOINTMENT_FIELDS = (
	"name",
	"post",
	"community",
	"post_to_remove",
	"from_date",
	"to_date",
	"county_filing_date",
)


def display_value(df, value) -> str:
	if df.fieldtype == "Select":
		return _(value)
	if df.fieldtype == "Check":
		return _("Yes") if value else _("No")
	if df.fieldtype == "Date":
		return format_date(value)
	if df.fieldtype in ("Float", "Currency", "Percent"):
		return cstr(flt(value, 2))
	return cstr(value)


def record_sections(doc) -> list[frappe._dict]:
	"""The form's sections with the fields the user may read that hold a value (labels and values as text)."""
	sections = [frappe._dict(label=_("Basic Information"), fields=[])]
	for df in doc.meta.fields:
		if df.fieldtype in ("Section Break", "Tab Break"):
			sections.append(frappe._dict(label=_(df.label) if df.label else "", fields=[]))
			continue
		if df.fieldtype in no_value_fields or df.fieldtype in table_fields or df.fieldname in NOT_SHOWN:
			continue
		value = doc.get(df.fieldname)
		if value in (None, "") or (df.fieldtype == "Check" and not value):
			continue
		sections[-1].fields.append(frappe._dict(label=_(df.label), value=display_value(df, value)))
	return [section for section in sections if section.fields]


def profile_page_data(user: str | None = None) -> dict:
	cadre = my_cadre(user)
	doc = frappe.get_doc("Cadre", cadre.name)
	doc.check_permission("read")
	doc.apply_fieldlevel_read_permissions()
	photo = doc.photo if (doc.photo or "").startswith(("/files/", "/private/files/")) else None
	attended = [row for row in my_sessions(cadre.name) if row.status == "Attended"][::-1]
	appointments = frappe.get_all(
		"Appointment",
		filters={"cadre": cadre.name, "docstatus": 1},
		fields=list(APPOINTMENT_FIELDS),
		order_by="from_date desc",
	)
	return {
		"cadre": cadre,
		"photo": photo,
		"sections": record_sections(doc),
		"honours": [
			frappe._dict(
				honour=row.honour,
				level=_(row.level) if row.level else "",
				awarded_on=format_date(row.awarded_on) if row.awarded_on else "",
				awarding_body=row.awarding_body,
			)
			for row in doc.get("honours") or []
		],
		"training": attended,
		"training_hours": flt(sum(flt(row.hours) for row in attended), 1),
		"appointments": appointments,
	}


@frappe.whitelist(methods=["GET"])
def get_my_profile() -> dict:
	return profile_page_data()
