"""Each cadre's training per year (`Cadre Training Year`): what the scorecards, the Top Ten ranking and R6
compliance read instead of adding up the attendance rows of the province.

One row per cadre and year in which the cadre Attended a session that is not cancelled: the attended hours,
the attended hours of completed (submitted) sessions, and the sessions attended by level and in rotation
training, so each reader applies the settings (the minimum level of a centralized training, the rotation
period) as it reads. A row holds exactly what the attendance rows say: the rules stay in
`community_gov.rules.training`.

Kept current by the Training Session events (hooks.py): a save, submit, cancellation, status change or deletion
of a session recomputes, set-based, the rows of the attendees whose attendance it changed (all its attended
ones when the session's year, level, rotation or state changed), for its year before and after. `rebuild`
recomputes the whole table (after bulk loads, or to check it):

	bench --site SITE execute community_gov.training.summary.rebuild
"""

from __future__ import annotations

import frappe
from frappe.utils import cint, flt, now_datetime

from community_gov.rules.training import ATTENDED

SUMMARY = "Cadre Training Year"
# The session levels (community_gov.rules.training.LEVELS) and the field counting each.
LEVEL_FIELDS = {
	"City": "city_sessions",
	"District": "district_sessions",
	"Sub District": "sub_district_sessions",
}

# Rows of (cadre, year) from the attendance: Attended rows of sessions that are not cancelled, one row per
# cadre and year, of the given years and (unless every_cadre) cadres.
_INSERT = """
	insert into `tabCadre Training Year` (`name`, `creation`, `modified`, `owner`, `modified_by`, `docstatus`,
		`idx`, `cadre`, `year`, `attended_hours`, `completed_hours`, `city_sessions`, `district_sessions`,
		`sub_district_sessions`, `rotation_sessions`)
	select concat(attendance.cadre, '-', session.year), %(now)s, %(now)s, %(user)s, %(user)s, 0, 0,
		attendance.cadre, session.year,
		coalesce(sum(attendance.hours), 0),
		coalesce(sum(case when session.docstatus = 1 then attendance.hours end), 0),
		count(distinct case when session.level = 'City' then session.name end),
		count(distinct case when session.level = 'District' then session.name end),
		count(distinct case when session.level = 'Sub District' then session.name end),
		count(distinct case when session.is_rotation = 1 then session.name end)
	from `tabTraining Attendance` attendance
	join `tabTraining Session` session on session.name = attendance.parent
	where attendance.parenttype = 'Training Session'
		and attendance.status = 'Attended'
		and attendance.cadre is not null and attendance.cadre != ''
		and session.docstatus < 2 and session.status != 'Cancelled'
		and session.year in %(years)s
		and (%(every_cadre)s = 1 or attendance.cadre in %(cadres)s)
	group by attendance.cadre, session.year
"""


def refresh(cadres, years) -> None:
	"""Recomputes the rows of these cadres in these years from their attendance: two statements."""
	cadres = sorted({cadre for cadre in cadres if cadre})
	years = sorted({int(year) for year in years if year})
	if not cadres or not years:
		return
	summary = frappe.qb.DocType(SUMMARY)
	frappe.qb.from_(summary).delete().where(summary.cadre.isin(cadres) & summary.year.isin(years)).run()
	_insert(years, cadres)


def _insert(years: list[int], cadres: list[str] | None = None) -> None:
	"""The rows of `years` for `cadres` (None: every cadre), read from the attendance."""
	values = {
		"years": years,
		"every_cadre": int(cadres is None),
		"cadres": cadres or [""],
		"now": now_datetime(),
		"user": frappe.session.user,
	}
	frappe.db.sql(_INSERT, values)


def on_session_change(doc, method: str | None = None) -> None:
	"""Training Session events (on_change: save, submit, cancel, status; after_delete): the rows its change can
	move, for its year before and after. Enrolments (a seat, not attendance) move none, so the portal's
	enrolling touches nothing here."""
	before = None if method == "after_delete" else doc.get_doc_before_save()
	attended = _attended(doc)
	if before is None:
		refresh(attended, {doc.get("year")})
		return
	attended_before = _attended(before)
	if _counts_as(doc) != _counts_as(before):
		cadres = set(attended) | set(attended_before)
	else:
		cadres = {
			cadre
			for cadre in set(attended) | set(attended_before)
			if attended.get(cadre) != attended_before.get(cadre)
		}
	refresh(cadres, {doc.get("year"), before.get("year")})


def _attended(session) -> dict[str, float]:
	"""The session's Attended cadres and their hours."""
	return {
		row.cadre: flt(row.hours)
		for row in session.get("attendees") or ()
		if row.cadre and row.status == ATTENDED
	}


def _counts_as(session) -> tuple:
	"""What of the session itself a row of Cadre Training Year depends on."""
	return (
		session.get("year"),
		session.get("level"),
		cint(session.get("is_rotation")),
		session.get("docstatus"),
		session.get("status") == "Cancelled",
	)


def rebuild(commit: bool = True) -> dict[int, int]:
	"""Recomputes the whole table from the attendance, one year at a time (committed after each year unless
	`commit` is false): returns the rows per year. Run by
	`bench --site SITE execute community_gov.training.summary.rebuild` (as Administrator)."""
	session = frappe.qb.DocType("Training Session")
	summary = frappe.qb.DocType(SUMMARY)
	years = sorted(
		frappe.qb.from_(session)
		.select(session.year)
		.distinct()
		.where(session.year.isnotnull())
		.run(pluck=True)
	)
	frappe.qb.from_(summary).delete().where(summary.year.notin(years or [0])).run()
	counts = {}
	for year in years:
		frappe.qb.from_(summary).delete().where(summary.year == year).run()
		_insert([year])
		counts[year] = frappe.db.count(SUMMARY, {"year": year})
		if commit:
			frappe.db.commit()
	return counts
