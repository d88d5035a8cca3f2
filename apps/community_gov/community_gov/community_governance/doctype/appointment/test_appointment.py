"""Succession after an Adjusted case and appointments from the reserve pool."""

import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase

from community_gov.exceptions import (
	CaseNotAdjustedError,
	CountyFilingDateError,
	ReserveCandidateRequiredError,
	ReserveNotQualifiedError,
)
from community_gov.tests.factories import (
	FAIL,
	add_reviewer,
	decide_case,
	make_assessment,
	make_cadre,
	make_community,
	make_reserve,
	make_sub_district,
	make_user,
	render_print_format,
)


class TestSuccession(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.sub_district = make_sub_district().name

	def setUp(self):
		frappe.set_user("Administrator")
		self.community = make_community(self.sub_district).name
		self.secretary = make_cadre(self.community).name
		make_assessment(self.secretary, 2024, **FAIL)
		make_assessment(self.secretary, 2025, **FAIL)
		self.case = frappe.get_doc("Adjustment Case", {"cadre": self.secretary})

	def tearDown(self):
		frappe.set_user("Administrator")

	def worker(self):
		return make_cadre(self.community, position="Community Worker").name

	def approve(self, appointment):
		appointment = apply_workflow(frappe.get_doc("Appointment", appointment), "Submit for Approval")
		return apply_workflow(appointment, "Approve")

	def test_adjusted_case_offers_reserves_and_appoints_the_successor(self):
		qualified = make_reserve(self.worker(), until="Qualified")
		training = make_reserve(self.worker(), until="In Training")
		make_reserve(self.worker(), until="Questionnaire")  # not offered
		make_reserve(self.worker(), target_post="Deputy Secretary", until="Qualified")  # another post

		with self.assertRaises(CaseNotAdjustedError):
			self.case.start_succession(qualified.name)  # not decided yet
		decide_case(self.case, "Adjusted")
		self.assertEqual(frappe.db.get_value("Cadre", self.secretary, "status"), "Adjusted")

		offered = self.case.get_successor_candidates()
		self.assertEqual(
			[(c.name, c.status) for c in offered],
			[(qualified.name, "Qualified"), (training.name, "In Training")],
		)

		appointment = self.case.start_succession(qualified.name)
		self.assertEqual(
			frappe.db.get_value("Adjustment Case", self.case.name, "successor_appointment"), appointment
		)
		draft = frappe.get_doc("Appointment", appointment)
		self.assertEqual(
			(draft.post, draft.community, draft.current_position),
			("Secretary", self.community, "Community Worker"),
		)
		self.assertIn(self.case.full_name, draft.reason)

		approved = self.approve(appointment)
		self.assertEqual(approved.docstatus, 1)
		cadre = frappe.get_doc("Cadre", qualified.cadre)
		self.assertEqual(
			(cadre.position, cadre.community, str(cadre.appointment_date)),
			("Secretary", self.community, str(approved.from_date)),
		)
		self.assertEqual(
			frappe.db.get_value("Reserve Candidate", qualified.name, ["status", "appointment"]),
			("Appointed", appointment),
		)
		# Appointed reserves leave the pool: 2 of the 4 nominations for this community remain in it... plus training.
		self.assertEqual(frappe.db.get_value("Community", self.community, "reserve_count"), 3)

	def test_county_filing_is_not_dated_before_the_approval(self):
		qualified = make_reserve(self.worker(), until="Qualified")
		decide_case(self.case, "Adjusted")
		approved = self.approve(self.case.start_succession(qualified.name))
		approved.county_filing_number = "X组备〔2026〕1号"
		approved.county_filing_date = "2020-01-01"
		with self.assertRaises(CountyFilingDateError):
			approved.save()
		approved.reload()
		approved.county_filing_number = "X组备〔2026〕1号"
		approved.county_filing_date = frappe.utils.today()
		approved.save()
		self.assertEqual(
			str(frappe.db.get_value("Appointment", approved.name, "county_filing_date")), frappe.utils.today()
		)

	def test_a_reserve_in_training_cannot_be_appointed(self):
		training = make_reserve(self.worker(), until="In Training")
		decide_case(self.case, "Adjusted")
		appointment = self.case.start_succession(training.name)
		with self.assertRaises(ReserveNotQualifiedError):
			self.approve(appointment)
		self.assertEqual(frappe.db.get_value("Appointment", appointment, "docstatus"), 0)
		self.assertEqual(frappe.db.get_value("Cadre", training.cadre, "position"), "Community Worker")

	def test_secretary_appointment_needs_a_reserve_candidate(self):
		appointment = frappe.get_doc(
			{"doctype": "Appointment", "cadre": self.worker(), "post": "Secretary", "community": self.community,
				"from_date": "2025-06-01", "reason": "工作需要"}
		)  # fmt: skip
		with self.assertRaises(ReserveCandidateRequiredError):
			appointment.insert()

	def test_cancelling_restores_the_post_and_the_reserve(self):
		qualified = make_reserve(self.worker(), until="Qualified")
		appointment = frappe.get_doc(
			{"doctype": "Appointment", "cadre": qualified.cadre, "reserve_candidate": qualified.name,
				"post": "Secretary", "community": self.community, "from_date": "2025-06-01", "reason": "工作需要"}
		).insert()  # fmt: skip
		approved = self.approve(appointment.name)
		apply_workflow(approved, "Cancel")
		self.assertEqual(frappe.db.get_value("Cadre", qualified.cadre, "position"), "Community Worker")
		self.assertEqual(frappe.db.get_value("Reserve Candidate", qualified.name, "status"), "Qualified")

	def test_reviewer_drafts_but_cannot_approve(self):
		reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(self.sub_district, reviewer)
		qualified = make_reserve(self.worker(), until="Qualified")
		frappe.set_user(reviewer)
		appointment = frappe.get_doc(
			{"doctype": "Appointment", "cadre": qualified.cadre, "reserve_candidate": qualified.name,
				"post": "Secretary", "community": self.community, "from_date": "2025-06-01", "reason": "工作需要"}
		).insert()  # fmt: skip
		appointment = apply_workflow(appointment, "Submit for Approval")
		with self.assertRaises((frappe.PermissionError, WorkflowTransitionError)):
			apply_workflow(appointment, "Approve")
		with self.assertRaises(frappe.PermissionError):
			self.case.start_succession(qualified.name)

	def test_approval_form_prints_in_chinese(self):
		qualified = make_reserve(self.worker(), until="Qualified")
		decide_case(self.case, "Adjusted")
		appointment = self.case.start_succession(qualified.name)
		html = render_print_format("Appointment", appointment, "Appointment Approval Form")
		for text in ("干部任免审批表", "拟任职务", "拟免职务", "近三年年度考核结果", "书记"):
			self.assertIn(text, html)
