"""Pay leaves the Cadre for its own dated records (Cadre Pay Record): each cadre with a monthly pay or a social
insurance on its register gets one record of them (reason Initial Record), effective from its appointment to
its current post, else the start of its community service, else today. Then the register no longer holds pay
anywhere: the pay fields go out of the cadres' change history (Version), which every reader of a cadre sees
(a change of nothing but pay goes altogether), and their columns are dropped.

Set-based: one query for the cadres, the records inserted in batches with names reserved from their series in
one update, the history rewritten in batches of one statement each. Runs once: without the column there is
nothing to move; a cadre with a pay record already is left alone."""

import json

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Coalesce
from frappe.utils import now, today
from pypika.terms import Criterion

from community_gov.rules.pay import INSURANCE_FIELDS

PAY_FIELDS = ("monthly_pay", *INSURANCE_FIELDS)
SERIES = "PAY-"  # Cadre Pay Record's naming series, PAY-.#####
BATCH = 500


def execute():
	if not frappe.db.has_column("Cadre", "monthly_pay"):
		return
	move_to_records()
	remove_from_history()
	frappe.db.commit()  # the records and the history, before the columns go (DDL commits by itself)
	for fieldname in PAY_FIELDS:  # names of this module, not input
		if frappe.db.has_column("Cadre", fieldname):
			frappe.db.sql_ddl(f"alter table `tabCadre` drop column `{fieldname}`")
	frappe.cache.hdel("table_columns", "tabCadre")  # has_column reads a cached list of the columns
	frappe.clear_cache(doctype="Cadre")


def move_to_records() -> None:
	cadre, record = frappe.qb.DocType("Cadre"), frappe.qb.DocType("Cadre Pay Record")
	flags = [fieldname for fieldname in INSURANCE_FIELDS if frappe.db.has_column("Cadre", fieldname)]
	recorded = frappe.qb.from_(record).select(record.cadre)
	rows = (
		frappe.qb.from_(cadre)
		.select(
			cadre.name,
			cadre.full_name,
			cadre.sub_district,
			Coalesce(cadre.appointment_date, cadre.service_start_date).as_("effective_from"),
			cadre.monthly_pay,
			*(cadre[fieldname] for fieldname in flags),
		)
		.where(
			((Coalesce(cadre.monthly_pay, 0) > 0) | Criterion.any([cadre[field] == 1 for field in flags]))
			& cadre.name.notin(recorded)
		)
		.orderby(cadre.name)
		.run(as_dict=True)
	)
	if not rows:
		return
	stamp, day = now(), today()
	fields = [
		"name",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"docstatus",
		"cadre",
		"full_name",
		"sub_district",
		"effective_from",
		"reason",
		"monthly_pay",
		*INSURANCE_FIELDS,
		"recorded_by",
	]
	values = [
		(
			name,
			stamp,
			stamp,
			"Administrator",
			"Administrator",
			0,
			row.name,
			row.full_name,
			row.sub_district,
			row.effective_from or day,
			"Initial Record",
			row.monthly_pay or 0,
			*(int(row.get(fieldname) or 0) for fieldname in INSURANCE_FIELDS),
			"Administrator",
		)
		for name, row in zip(reserve_names(len(rows)), rows, strict=True)
	]
	frappe.db.bulk_insert("Cadre Pay Record", fields, values, chunk_size=BATCH)


def reserve_names(count: int) -> list[str]:
	"""`count` names of the Cadre Pay Record series, as `make_autoname("PAY-.#####")` would give them one by
	one, taken from the series in one update."""
	series = frappe.qb.DocType("Series")
	current = frappe.qb.from_(series).select(series.current).where(series.name == SERIES).for_update().run()
	if current:
		start = int(current[0][0] or 0)
		frappe.qb.update(series).set(series.current, start + count).where(series.name == SERIES).run()
	else:
		start = 0
		frappe.qb.into(series).columns(series.name, series.current).insert(SERIES, count).run()
	return [f"{SERIES}{number:05d}" for number in range(start + 1, start + count + 1)]


def remove_from_history() -> None:
	version = frappe.qb.DocType("Version")
	rows = (
		frappe.qb.from_(version)
		.select(version.name, version.data)
		.where(
			(version.ref_doctype == "Cadre")
			& Criterion.any([version.data.like(f'%"{fieldname}"%') for fieldname in PAY_FIELDS])
		)
		.run()
	)
	rewritten, emptied = {}, []
	for name, data in rows:
		try:
			diff = json.loads(data)
		except (TypeError, ValueError):
			continue
		changed = [change for change in diff.get("changed") or [] if change[0] not in PAY_FIELDS]
		if changed == (diff.get("changed") or []):
			continue
		diff["changed"] = changed
		if not any(diff.get(key) for key in ("changed", "added", "removed", "row_changed")):
			emptied.append(name)
		else:
			rewritten[name] = json.dumps(diff, separators=(",", ":"), ensure_ascii=False)
	names = list(rewritten)
	for start in range(0, len(names), BATCH):
		batch = names[start : start + BATCH]
		data = Case()
		for name in batch:
			data = data.when(version.name == name, rewritten[name])
		frappe.qb.update(version).set(version.data, data).where(version.name.isin(batch)).run()
	for start in range(0, len(emptied), BATCH):
		frappe.qb.from_(version).delete().where(version.name.isin(emptied[start : start + BATCH])).run()
