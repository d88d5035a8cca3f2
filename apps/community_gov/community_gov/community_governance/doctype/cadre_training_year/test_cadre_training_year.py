"""Each cadre's training per year follows its sessions through every change, and a rebuild gives the same."""

import frappe
from frappe.tests.utils import FrappeTestCase

from community_gov.query_counter import QueryCounter
from community_gov.tests.factories import (
	make_cadre,
	make_community,
	make_program,
	make_session,
	make_sub_district,
)
from community_gov.training.summary import SUMMARY, rebuild

FIGURES = [
	"attended_hours",
	"completed_hours",
	"city_sessions",
	"district_sessions",
	"sub_district_sessions",
	"rotation_sessions",
]


def years_of(cadre: str) -> dict[int, tuple]:
	rows = frappe.get_all(SUMMARY, filters={"cadre": cadre}, fields=["year", *FIGURES])
	return {row.year: tuple(row[field] for field in FIGURES) for row in rows}


class TestCadreTrainingYear(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.community = make_community(make_sub_district().name).name

	def setUp(self):
		# Each test its own cadres: their rows are the test's alone.
		self.first, self.second = make_cadre(self.community).name, make_cadre(self.community).name

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_rows_follow_the_sessions(self):
		rotation = make_program(year=2017, is_rotation=1).name
		city = make_program(level="City", year=2017).name
		# Completed: the first attended 4 hours of a District rotation class, the second was absent.
		completed = make_session(
			rotation,
			"2017-03-01 09:00:00",
			hours=4,
			attendees=[{"cadre": self.first}, {"cadre": self.second, "status": "Absent"}],
			status="Completed",
		)
		self.assertEqual(years_of(self.first), {2017: (4, 4, 0, 1, 0, 1)})
		self.assertEqual(years_of(self.second), {})
		# In progress, attendance marked: it counts (not cancelled), but not as a completed session's hours.
		running = make_session(city, "2017-05-01 09:00:00", hours=3, status="In Progress")
		running.append("attendees", {"cadre": self.second, "status": "Attended"})
		running.append("attendees", {"cadre": self.first, "status": "Attended"})
		running.save()
		self.assertEqual(years_of(self.second), {2017: (3, 0, 1, 0, 0, 0)})
		self.assertEqual(years_of(self.first), {2017: (7, 4, 1, 1, 0, 1)})
		# Removing an attendee takes its figures away.
		running.reload()
		running.set("attendees", [row for row in running.attendees if row.cadre != self.first])
		running.save()
		self.assertEqual(years_of(self.first), {2017: (4, 4, 0, 1, 0, 1)})
		# Moving a session to another year moves its figures.
		running.reload()
		running.start, running.end = "2018-05-01 09:00:00", "2018-05-01 12:00:00"
		running.save()
		self.assertEqual(years_of(self.second), {2018: (3, 0, 1, 0, 0, 0)})
		# A cancelled session counts for nobody.
		running.reload()
		running.set_status("Cancelled", "场地调整")
		self.assertEqual(years_of(self.second), {})
		completed.reload()
		completed.cancel()
		self.assertEqual(years_of(self.first), {})
		# Nor does a deleted one.
		draft = make_session(city, "2017-06-01 09:00:00", hours=2, status="In Progress")
		draft.append("attendees", {"cadre": self.first, "status": "Attended"})
		draft.save()
		self.assertEqual(years_of(self.first), {2017: (2, 0, 1, 0, 0, 0)})
		frappe.delete_doc("Training Session", draft.name)
		self.assertEqual(years_of(self.first), {})

	def test_enrolling_touches_nothing(self):
		"""Enrolling (the portal's path) moves no figure, so it reads and locks nothing of the table."""
		session = make_session(make_program(year=2017).name, "2017-09-01 09:00:00", status="Enrolling")
		session.append("attendees", {"cadre": self.first})
		with QueryCounter() as counter:
			session.save()
		self.assertEqual([query for query in counter.queries if SUMMARY in query], [])
		self.assertEqual(years_of(self.first), {})

	def test_rebuild_gives_the_same_rows(self):
		program = make_program(year=2016, is_rotation=1).name
		make_session(program, "2016-03-01 09:00:00", attendees=[{"cadre": self.first}], status="Completed")
		make_session(
			program,
			"2016-04-01 09:00:00",
			hours=2,
			attendees=[{"cadre": self.first}, {"cadre": self.second}],
			status="Completed",
		)
		kept = {cadre: years_of(cadre) for cadre in (self.first, self.second)}
		self.assertEqual(kept[self.first], {2016: (5, 5, 0, 2, 0, 2)})
		counts = rebuild(commit=False)
		self.assertEqual({cadre: years_of(cadre) for cadre in (self.first, self.second)}, kept)
		self.assertEqual(counts[2016], frappe.db.count(SUMMARY, {"year": 2016}))
