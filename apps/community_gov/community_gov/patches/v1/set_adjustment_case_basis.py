"""Cases opened before a case could be opened by hand were all opened by the two-year rule."""

import frappe


def execute():
	case = frappe.qb.DocType("Adjustment Case")
	frappe.qb.update(case).set(case.basis, "Two-Year Rule").where(
		case.basis.isnull() | (case.basis == "")
	).run()
