"""Discretionary adjustment: the Organization Department opens a case by hand for a written reason (不胜任 /
不称职 with the evidence); it is decided as every case is, and the two-year sweep never withdraws it."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from community_gov.assessment.api import open_case_by_hand
from community_gov.assessment.cases import withdraw_cases
from community_gov.assessment.sweep import daily_sweep
from community_gov.dates import current_year
from community_gov.exceptions import (
	CaseAlreadyOpenError,
	CaseBasisError,
	CaseCadreNotActiveError,
	CaseReasonRequiredError,
)
from community_gov.tests.factories import (
	COMPETENT,
	FAIL,
	add_reviewer,
	decide_case,
	make_assessment,
	make_cadre,
	make_community,
	make_sub_district,
	make_user,
)

REASON = "群众反映强烈,工作推不开,经考察认定不胜任现职"
EVIDENCE = "街道党工委考察报告(2026年10月);群众来信12件;居民代表座谈会记录"


def cases_of(cadre: str) -> list[frappe._dict]:
	return frappe.get_all(
		"Adjustment Case",
		filters={"cadre": cadre},
		fields=["name", "status", "basis", "trigger_year"],
		order_by="creation",
	)


class TestHandOpenedCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.sub_district = make_sub_district().name
		cls.community = make_community(cls.sub_district).name
		cls.org = make_user(["Organization Department"]).name
		cls.reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(cls.sub_district, cls.reviewer)
		cls.leader = make_user(["Leadership"]).name

	def setUp(self):
		frappe.set_user("Administrator")
		self.cadre = make_cadre(self.community).name

	def tearDown(self):
		frappe.set_user("Administrator")

	def open_as_org(self, basis="Unfit for Post", reason=REASON, evidence=EVIDENCE, cadre=None) -> str:
		frappe.set_user(self.org)
		try:
			return open_case_by_hand(cadre or self.cadre, basis, reason, evidence)
		finally:
			frappe.set_user("Administrator")

	def test_the_department_opens_a_case_by_hand(self):
		name = self.open_as_org("Incompetent")
		case = frappe.get_doc("Adjustment Case", name)
		self.assertEqual(
			(case.status, case.basis, case.trigger_year), ("Proposed", "Incompetent", current_year())
		)
		self.assertEqual((case.reason, case.evidence), (REASON, EVIDENCE))
		self.assertEqual(
			(case.sub_district, case.community, case.position),
			(self.sub_district, self.community, "Secretary"),
		)
		self.assertEqual(case.failed_years, [])
		self.assertEqual(case.owner, self.org)
		self.assertTrue(case.opened_by_hand)

	def test_only_the_department_opens_one(self):
		for user in (self.reviewer, self.leader, make_user(["Cadre"]).name):
			frappe.set_user(user)
			with self.assertRaises(frappe.PermissionError):
				open_case_by_hand(self.cadre, "Unfit for Post", REASON, EVIDENCE)
		frappe.set_user("Administrator")
		self.assertEqual(cases_of(self.cadre), [])

	def test_refused_without_a_written_basis(self):
		with self.assertRaises(CaseReasonRequiredError):
			self.open_as_org(evidence="  ")
		with self.assertRaises(CaseReasonRequiredError):
			self.open_as_org(reason="")
		with self.assertRaises(CaseBasisError):
			self.open_as_org(basis="Two-Year Rule")
		self.assertEqual(cases_of(self.cadre), [])

	def test_refused_for_a_cadre_not_in_post_or_with_an_open_case(self):
		retired = make_cadre(self.community, status="Retired").name
		with self.assertRaises(CaseCadreNotActiveError):
			self.open_as_org(cadre=retired)
		self.open_as_org()
		with self.assertRaises(CaseAlreadyOpenError):
			self.open_as_org("Incompetent")
		# An open case of the two-year rule too.
		failing = make_cadre(self.community).name
		make_assessment(failing, 2024, **FAIL)
		make_assessment(failing, 2025, **FAIL)
		with self.assertRaises(CaseAlreadyOpenError):
			self.open_as_org(cadre=failing)

	def test_decided_through_the_same_decision(self):
		name = self.open_as_org()
		frappe.set_user(self.org)
		case = frappe.get_doc("Adjustment Case", name)
		case.start_review()
		decide_case(case, "Adjusted", reason="不胜任现职,予以调整")
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Adjustment Case", name, "status"), "Adjusted")
		self.assertEqual(frappe.db.get_value("Cadre", self.cadre, "status"), "Adjusted")

	def test_the_sweep_never_withdraws_a_hand_opened_case(self):
		# No failed year at all: a case of the rule here would be withdrawn at once.
		make_assessment(self.cadre, 2025, **COMPETENT)
		name = self.open_as_org()
		daily_sweep()
		self.assertEqual(frappe.db.get_value("Adjustment Case", name, "status"), "Proposed")
		# Nor by the bulk withdrawal itself, whatever asks it to.
		withdraw_cases([name], "测试")
		self.assertEqual(frappe.db.get_value("Adjustment Case", name, "status"), "Proposed")

	def test_no_second_case_of_the_rule_while_one_is_open_by_hand(self):
		make_assessment(self.cadre, current_year() - 1, **FAIL)
		name = self.open_as_org()
		make_assessment(self.cadre, current_year(), **FAIL)  # the run now holds
		daily_sweep()
		self.assertEqual([case.name for case in cases_of(self.cadre)], [name])
		# Decided Retained, the run gets its own case of the rule.
		frappe.set_user(self.org)
		decide_case(name, "Retained", reason="经研究予以保留")
		frappe.set_user("Administrator")
		daily_sweep()
		cases = cases_of(self.cadre)
		self.assertEqual(
			[(c.basis, c.status) for c in cases],
			[("Unfit for Post", "Retained"), ("Two-Year Rule", "Proposed")],
		)
		self.assertNotEqual(cases[1].name, name)

	def test_adjusted_by_hand_no_case_of_the_rule_follows(self):
		make_assessment(self.cadre, current_year() - 1, **FAIL)
		name = self.open_as_org()
		frappe.set_user(self.org)
		decide_case(name, "Adjusted", reason="不胜任现职,予以调整")
		frappe.set_user("Administrator")
		make_assessment(self.cadre, current_year(), **FAIL)
		daily_sweep()
		self.assertEqual([case.name for case in cases_of(self.cadre)], [name])

	def test_a_rule_case_is_still_withdrawn_beside_it(self):
		"""Cancelling an assessment withdraws the rule's case; the hand-opened one of another cadre stays."""
		other = make_cadre(self.community).name
		make_assessment(other, 2024, **FAIL)
		second = make_assessment(other, 2025, **FAIL)
		hand = self.open_as_org()
		apply_workflow(second, "Cancel")
		self.assertEqual([c.status for c in cases_of(other)], ["Withdrawn"])
		self.assertEqual(frappe.db.get_value("Adjustment Case", hand, "status"), "Proposed")
