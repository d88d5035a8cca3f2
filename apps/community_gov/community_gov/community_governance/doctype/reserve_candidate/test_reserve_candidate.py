import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase

from community_gov.exceptions import (
	AppointedOnlyByAppointmentError,
	DuplicateNominationError,
	ReserveStepIncompleteError,
	ReserveStepSkippedError,
	SelfMentorError,
)
from community_gov.tests.factories import (
	add_reviewer,
	make_cadre,
	make_community,
	make_reserve,
	make_sub_district,
	make_user,
)


class TestReserveCandidate(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.sub_district = make_sub_district().name
		cls.community = make_community(cls.sub_district).name

	def setUp(self):
		frappe.set_user("Administrator")

	def tearDown(self):
		frappe.set_user("Administrator")

	def worker(self, community=None):
		return make_cadre(community or self.community, position="Community Worker").name

	def test_steps_in_order_record_who_and_when(self):
		reserve = make_reserve(self.worker(), until="Qualified")
		self.assertEqual(reserve.status, "Qualified")
		for prefix in (
			"forum_recorded",
			"questionnaire_recorded",
			"inspection_recorded",
			"training_started",
			"qualified",
		):
			self.assertEqual(reserve.get(f"{prefix}_by"), "Administrator", prefix)
			self.assertTrue(reserve.get(f"{prefix}_on"), prefix)
		self.assertEqual(reserve.sub_district, self.sub_district)
		self.assertEqual(reserve.current_position, "Community Worker")

	def test_a_step_cannot_be_skipped(self):
		reserve = make_reserve(self.worker())
		with self.assertRaises(WorkflowTransitionError):
			apply_workflow(reserve, "Record Inspection")
		reserve.reload()
		reserve.status = "Inspection"
		reserve.inspection_team = "考察组"
		reserve.inspection_conclusion = "合格"
		with self.assertRaises(ReserveStepSkippedError):
			reserve.save()
		self.assertEqual(frappe.db.get_value("Reserve Candidate", reserve.name, "status"), "Nominated")

	def test_a_step_needs_its_record(self):
		reserve = make_reserve(self.worker())
		with self.assertRaises(ReserveStepIncompleteError):
			apply_workflow(reserve, "Record Forum Talk")
		reserve = make_reserve(self.worker(), until="In Training")
		with self.assertRaises(ReserveStepIncompleteError):
			apply_workflow(reserve, "Qualify")

	def test_withdraw_needs_a_reason(self):
		reserve = make_reserve(self.worker(), until="Questionnaire")
		with self.assertRaises(ReserveStepIncompleteError):
			apply_workflow(reserve, "Withdraw")
		reserve.reload()
		reserve.db_set("withdrawal_reason", "本人调离社区")
		reserve = apply_workflow(reserve, "Withdraw")
		self.assertEqual((reserve.status, reserve.withdrawn_by), ("Withdrawn", "Administrator"))

	def test_no_duplicate_nomination_and_no_self_mentor(self):
		cadre = self.worker()
		make_reserve(cadre)
		with self.assertRaises(DuplicateNominationError):
			make_reserve(cadre)
		make_reserve(cadre, target_post="Deputy Secretary")  # another post is fine
		other = self.worker()
		with self.assertRaises(SelfMentorError):
			make_reserve(other, mentor=other)

	def test_appointed_only_through_an_appointment(self):
		reserve = make_reserve(self.worker(), until="Qualified")
		reserve.status = "Appointed"
		with self.assertRaises(AppointedOnlyByAppointmentError):
			reserve.save()

	def test_pool_range_flags(self):
		sub_district = make_sub_district().name
		community = make_community(sub_district).name
		reserves = [make_reserve(self.worker(community)) for _ in range(2)]
		self.assertEqual(
			frappe.db.get_value("Community", community, ["reserve_count", "reserve_flag"]), (2, "Below Range")
		)
		reserves.append(make_reserve(self.worker(community), until="Qualified"))
		self.assertEqual(
			frappe.db.get_value("Community", community, ["reserve_count", "reserve_flag"]), (3, "")
		)
		for _ in range(5):
			reserves.append(make_reserve(self.worker(community)))
		self.assertEqual(
			frappe.db.get_value("Community", community, ["reserve_count", "reserve_flag"]), (8, "Above Range")
		)
		self.assertEqual(
			frappe.db.get_value("Sub District", sub_district, ["reserve_count", "communities_out_of_range"]),
			(8, 1),
		)
		reserves[0].db_set("withdrawal_reason", "调离")
		apply_workflow(frappe.get_doc("Reserve Candidate", reserves[0].name), "Withdraw")
		self.assertEqual(
			frappe.db.get_value("Community", community, ["reserve_count", "reserve_flag"]), (7, "")
		)

		settings = frappe.get_single("Governance Settings")
		settings.reserve_max_per_community = 6
		settings.save()
		try:
			self.assertEqual(frappe.db.get_value("Community", community, "reserve_flag"), "Above Range")
		finally:
			settings.reload()
			settings.reserve_max_per_community = 7
			settings.save()

	def test_reviewer_nominates_only_in_own_sub_district(self):
		reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(self.sub_district, reviewer)
		other_community = make_community(make_sub_district().name).name
		own_cadre, other_cadre = self.worker(), self.worker(other_community)
		frappe.set_user(reviewer)
		reserve = make_reserve(own_cadre, until="Questionnaire")
		self.assertEqual(reserve.status, "Questionnaire")
		with self.assertRaises(frappe.PermissionError):
			make_reserve(other_cadre)
		with self.assertRaises(frappe.PermissionError):
			make_reserve(own_cadre, community=other_community, target_post="Deputy Secretary")
