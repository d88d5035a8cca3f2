"""Staffing Watch (配备和备案预警): one row per gap (community_gov.rules.staffing): vacant secretary posts,
communities with two secretaries in post, key communities without a first secretary, secretaries not filed with the county (县级备案) or not full-time
(专职), and in-pool reserves below College (大专), each with the day it opened and how many days it has been
open. Within the user's access (a reviewer: its sub-districts); filters: sub-district, community, kind.

Set-based: one query per table (community_gov.staffing.staffing_gaps), however many gaps there are."""

from __future__ import annotations

import frappe
from frappe import _

from community_gov.rules.staffing import GAP_KINDS, Gap, count_by_kind
from community_gov.staffing import as_of, staffing_gaps
from community_gov.text import bold


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	validate_kind(filters)
	gaps = staffing_gaps(filters)
	on = as_of()
	kinds = {kind: _(kind) for kind in GAP_KINDS}  # translated once per kind, not once per row
	return get_columns(), [gap_row(gap, on, kinds) for gap in gaps], None, None, get_report_summary(gaps)


def validate_kind(filters) -> None:
	if filters.kind and filters.kind not in GAP_KINDS:
		frappe.throw(
			_("{0} {1} is not a kind of gap").format(_("Gap"), bold(filters.kind)), title=_("Invalid Filter")
		)


def gap_row(gap: Gap, on, kinds: dict[str, str]) -> dict:
	return {
		"kind": kinds[gap.kind],
		"sub_district": gap.sub_district,
		"community": gap.community,
		"person_doctype": gap.person_doctype,
		"person": gap.person,
		"person_name": gap.person_name,
		"open_since": gap.open_since,
		"days_open": gap.days_open(on),
	}


def get_columns() -> list[dict]:
	return [
		{"fieldname": "kind", "label": _("Gap"), "fieldtype": "Data", "width": 220},
		{"fieldname": "sub_district", "label": _("Sub District"), "fieldtype": "Link", "options": "Sub District", "width": 120},
		{"fieldname": "community", "label": _("Community"), "fieldtype": "Link", "options": "Community", "width": 140},
		{"fieldname": "person_name", "label": _("Person"), "fieldtype": "Data", "width": 120},
		{"fieldname": "open_since", "label": _("Open Since"), "fieldtype": "Date", "width": 110},
		{"fieldname": "days_open", "label": _("Days Open"), "fieldtype": "Int", "width": 90},
	]  # fmt: skip


def get_report_summary(gaps: list[Gap]) -> list[dict]:
	counts = count_by_kind(gaps)
	return [
		{"label": _("Staffing Gaps"), "value": len(gaps), "datatype": "Int", "indicator": "Red" if gaps else "Green"},
		*(
			{"label": _(kind), "value": count, "datatype": "Int", "indicator": "Red" if count else "Green"}
			for kind, count in counts.items()
		),
	]  # fmt: skip
