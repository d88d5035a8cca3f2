"""Masked ID numbers for existing cadres; calendar feed tokens kept only as their SHA-256 hash."""

import frappe


def execute():
	frappe.db.sql(
		"""update `tabCadre` set id_number_masked = concat(left(id_number, 6), repeat('*', 8), right(id_number, 4))
		where char_length(id_number) = 18"""
	)
	if frappe.db.has_column("Cadre", "calendar_token"):
		frappe.db.sql(
			"""update `tabCadre` set calendar_token_hash = sha2(calendar_token, 256)
			where ifnull(calendar_token, '') != ''"""
		)
		frappe.db.sql_ddl("alter table `tabCadre` drop column `calendar_token`")
