"""Cadre Term's status and "elected or appointed" take their own words: Current → In Office (在任), Elected →
By Election (选举产生), Appointed → By Appointment (任命). The desk translates a Select value without context in
lists and reports, where "Current", "Elected" and "Appointed" mean something else (Frappe's 当前, a reserve's
已当选 and 已任用). Set-based: one update per value."""

import frappe

RENAMES = {
	"status": {"Current": "In Office"},
	"how": {"Elected": "By Election", "Appointed": "By Appointment"},
}


def execute():
	term = frappe.qb.DocType("Cadre Term")
	for fieldname, values in RENAMES.items():
		for old, new in values.items():
			frappe.qb.update(term).set(term[fieldname], new).where(term[fieldname] == old).run()
