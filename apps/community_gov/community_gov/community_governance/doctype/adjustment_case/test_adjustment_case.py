"""The two-year-fail rule (BRIEF R1) end to end: approvals, cancellations, sweep, decisions, cost."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from community_gov.assessment.adjustment_rule import apply_adjustment_rule, load_histories
from community_gov.assessment.api import get_watchlist, run_sweep
from community_gov.assessment.common import get_rule_settings
from community_gov.benchmarks.sweep import APPROVAL_QUERY_TARGET
from community_gov.exceptions import (
	AdjustmentDecisionError,
	CaseAlreadyUnderReviewError,
	CaseClosedError,
	CaseStatusChangeError,
	DecisionBasisRequiredError,
	DecisionDateError,
	WatchlistScopeError,
)
from community_gov.tests.factories import (
	COMPETENT,
	FAIL,
	QueryCounter,
	add_reviewer,
	amend,
	decide_case,
	make_assessment,
	make_cadre,
	make_community,
	make_sub_district,
	make_user,
)


def cases_of(cadre: str, status: str | None = None) -> list[frappe._dict]:
	filters = {"cadre": cadre, **({"status": status} if status else {})}
	return frappe.get_all(
		"Adjustment Case", filters=filters, fields=["name", "status", "trigger_year", "run_start_year"]
	)


class TestAdjustmentRule(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.sub_district = make_sub_district().name
		cls.community = make_community(cls.sub_district).name
		cls.org_user = make_user(["Organization Department"]).name

	def setUp(self):
		frappe.set_user("Administrator")
		self.cadre = make_cadre(self.community).name

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_two_consecutive_fails_open_one_case(self):
		make_assessment(self.cadre, 2023, **FAIL)
		self.assertEqual(cases_of(self.cadre), [])
		make_assessment(self.cadre, 2024, **FAIL)
		cases = cases_of(self.cadre)
		self.assertEqual(len(cases), 1)
		self.assertEqual(
			(cases[0].status, cases[0].trigger_year, cases[0].run_start_year), ("Proposed", 2024, 2023)
		)
		case = frappe.get_doc("Adjustment Case", cases[0].name)
		self.assertEqual([row.year for row in case.failed_years], [2023, 2024])
		self.assertEqual({row.grade for row in case.failed_years}, {"Fail"})
		self.assertIn("2023", case.reason)
		self.assertEqual(case.sub_district, self.sub_district)
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": self.org_user, "document_name": case.name})
		)

	def test_third_fail_year_does_not_open_a_second_case(self):
		for year in (2021, 2022, 2023):
			make_assessment(self.cadre, year, **FAIL)
		self.assertEqual(len(cases_of(self.cadre)), 1)

	def test_gap_or_pass_breaks_the_run(self):
		make_assessment(self.cadre, 2021, **FAIL)
		make_assessment(self.cadre, 2023, **FAIL)  # 2022 missing
		make_assessment(self.cadre, 2024, **COMPETENT)
		make_assessment(self.cadre, 2025, **FAIL)
		self.assertEqual(cases_of(self.cadre), [])

	def test_only_approved_assessments_count(self):
		make_assessment(self.cadre, 2024, **FAIL)
		make_assessment(self.cadre, 2025, **FAIL, until="Reviewed")
		self.assertEqual(cases_of(self.cadre), [])
		apply_adjustment_rule(None)
		self.assertEqual(cases_of(self.cadre), [])

	def test_back_filling_an_older_year_triggers_the_rule(self):
		make_assessment(self.cadre, 2025, **FAIL)
		make_assessment(self.cadre, 2024, **FAIL)
		cases = cases_of(self.cadre)
		self.assertEqual([(c.trigger_year, c.run_start_year) for c in cases], [(2025, 2024)])

	def test_the_rule_follows_the_person_across_communities(self):
		make_assessment(self.cadre, 2024, **FAIL)
		frappe.db.set_value("Cadre", self.cadre, "community", make_community(make_sub_district().name).name)
		frappe.get_doc("Cadre", self.cadre).save()
		make_assessment(self.cadre, 2025, **FAIL)
		self.assertEqual(len(cases_of(self.cadre, "Proposed")), 1)

	def test_cancelling_a_year_withdraws_the_undecided_case_with_a_reason(self):
		first = make_assessment(self.cadre, 2024, **FAIL)
		make_assessment(self.cadre, 2025, **FAIL)
		case = cases_of(self.cadre)[0]
		apply_workflow(frappe.get_doc("Annual Assessment", first.name), "Cancel")
		case = frappe.get_doc("Adjustment Case", case.name)
		self.assertEqual(case.status, "Withdrawn")
		self.assertIn(first.name, case.withdrawal_reason)
		self.assertTrue(frappe.db.exists("Comment", {"reference_name": case.name, "comment_type": "Info"}))

	def test_amending_to_a_passing_grade_withdraws_and_back_to_fail_reopens(self):
		first = make_assessment(self.cadre, 2024, **FAIL)
		make_assessment(self.cadre, 2025, **FAIL)
		apply_workflow(frappe.get_doc("Annual Assessment", first.name), "Cancel")
		amended = amend(frappe.get_doc("Annual Assessment", first.name))
		for row in amended.scores:
			row.score = row.weight * 0.8
		amended.satisfaction_rate = 80
		amended.save()
		for action in ("Submit Self-Assessment", "Review", "Approve"):
			amended = apply_workflow(amended, action)
		self.assertEqual(amended.grade, "Competent")
		self.assertEqual([c.status for c in cases_of(self.cadre)], ["Withdrawn"])

		# Amended once more, back to Fail: the run holds again and a new case opens.
		apply_workflow(amended, "Cancel")
		again = amend(frappe.get_doc("Annual Assessment", amended.name))
		for row in again.scores:
			row.score = row.weight * 0.5
		again.satisfaction_rate = 50
		again.save()
		for action in ("Submit Self-Assessment", "Review", "Approve"):
			again = apply_workflow(again, action)
		self.assertEqual(sorted(c.status for c in cases_of(self.cadre)), ["Proposed", "Withdrawn"])

	def test_decided_case_is_not_withdrawn(self):
		first = make_assessment(self.cadre, 2024, **FAIL)
		make_assessment(self.cadre, 2025, **FAIL)
		case = frappe.get_doc("Adjustment Case", cases_of(self.cadre)[0].name)
		decide_case(case.name, "Retained", "群众基础好,整改到位")
		apply_workflow(frappe.get_doc("Annual Assessment", first.name), "Cancel")
		self.assertEqual(frappe.db.get_value("Adjustment Case", case.name, "status"), "Retained")

	def test_positions_not_covered_are_ignored(self):
		worker = make_cadre(self.community, position="Community Worker").name
		make_assessment(worker, 2024, **FAIL)
		make_assessment(worker, 2025, **FAIL)
		self.assertEqual(cases_of(worker), [])

	def test_dissatisfaction_setting(self):
		settings = frappe.get_single("Governance Settings")
		settings.satisfaction_rule = "Counts as Fail"
		settings.save()
		try:
			make_assessment(self.cadre, 2024, target_percent=90, satisfaction=50)  # total 82, dissatisfied
			make_assessment(self.cadre, 2025, target_percent=90, satisfaction=55)
			self.assertEqual(len(cases_of(self.cadre)), 1)
		finally:
			settings.reload()
			settings.satisfaction_rule = "Ignore"
			settings.save()

	def test_watchlist_at_risk_and_open_cases(self):
		sub_district = make_sub_district().name
		community = make_community(sub_district).name
		self.cadre = make_cadre(community).name
		at_risk = make_cadre(community).name
		make_assessment(at_risk, 2024, **COMPETENT)
		make_assessment(at_risk, 2025, **FAIL)
		make_assessment(self.cadre, 2024, **FAIL)
		make_assessment(self.cadre, 2025, **FAIL)
		watchlist = get_watchlist(sub_district)
		self.assertEqual([row["cadre"] for row in watchlist["at_risk"]], [at_risk])
		self.assertEqual([row.cadre for row in watchlist["open_cases"]], [self.cadre])

		other_reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(make_sub_district().name, other_reviewer)
		frappe.set_user(other_reviewer)
		self.assertEqual(get_watchlist(), {"at_risk": [], "open_cases": []})
		with self.assertRaises(WatchlistScopeError):
			get_watchlist(sub_district)

	def test_sweep_on_demand_is_for_organization_department(self):
		make_assessment(self.cadre, 2024, **FAIL)
		make_assessment(self.cadre, 2025, **FAIL)
		frappe.db.delete("Adjustment Case", {"cadre": self.cadre})
		frappe.set_user(self.org_user)
		result = run_sweep()
		self.assertEqual(len(result["opened"]), 1)
		self.assertEqual(run_sweep()["opened"], [])
		frappe.set_user(make_user(["Leadership"]).name)
		with self.assertRaises(frappe.PermissionError):
			run_sweep()


class TestAdjustmentRuleCost(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.community = make_community(make_sub_district().name).name

	def approval_queries(self, history_years: list[int]) -> int:
		cadre = make_cadre(self.community).name
		for year in history_years:
			make_assessment(cadre, year, **COMPETENT)
		doc = make_assessment(cadre, 2025, **FAIL, until="Reviewed")
		with QueryCounter() as counter:
			apply_workflow(doc, "Approve")
		return counter.count

	def test_approval_costs_the_same_whatever_the_history(self):
		short = self.approval_queries([2024])
		long = self.approval_queries([2019, 2020, 2021, 2022, 2023, 2024])
		self.assertEqual(short, long)
		self.assertLessEqual(short, APPROVAL_QUERY_TARGET)

	def test_rule_for_one_cadre_is_two_queries(self):
		cadre = make_cadre(self.community).name
		for year in (2021, 2022, 2023):
			make_assessment(cadre, year, **COMPETENT)
		with self.assertQueryCount(2):
			apply_adjustment_rule([cadre])

	def test_sweep_reads_only_the_cadres_the_rule_can_act_on(self):
		failed_once = make_cadre(self.community).name
		make_assessment(failed_once, 2024, **FAIL)
		passed = make_cadre(self.community).name
		make_assessment(passed, 2024, **COMPETENT)
		histories = load_histories(None, get_rule_settings())
		self.assertIn(failed_once, histories)
		self.assertNotIn(passed, histories)
		self.assertIn(passed, load_histories([passed], get_rule_settings()))

	def test_sweep_is_set_based(self):
		def sweep_queries() -> int:
			with QueryCounter() as counter:
				apply_adjustment_rule(None)
			return counter.count

		for _ in range(2):
			cadre = make_cadre(self.community).name
			make_assessment(cadre, 2024, **COMPETENT)
		before = sweep_queries()
		for _ in range(5):
			cadre = make_cadre(self.community).name
			make_assessment(cadre, 2024, **COMPETENT)
			make_assessment(cadre, 2025, **COMPETENT)
		self.assertEqual(sweep_queries(), before)


class TestCaseDecision(FrappeTestCase):
	"""Adjusting or retaining a secretary needs the decision's basis: reason, meeting minutes number, date."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.community = make_community(make_sub_district().name).name
		cls.org_user = make_user(["Organization Department"]).name

	def setUp(self):
		frappe.set_user("Administrator")
		self.cadre = make_cadre(self.community).name
		make_assessment(self.cadre, 2024, **FAIL)
		make_assessment(self.cadre, 2025, **FAIL)
		self.case = cases_of(self.cadre)[0].name
		frappe.set_user(self.org_user)

	def tearDown(self):
		frappe.set_user("Administrator")

	def decide(
		self, decision, reason="连续两年考核不合格", reference="部务会议纪要〔2026〕3号", decision_date=None
	):
		frappe.get_doc("Adjustment Case", self.case).decide(
			decision, reason, reference, decision_date if decision_date is not None else today()
		)

	def assert_undecided(self):
		self.assertEqual(frappe.db.get_value("Adjustment Case", self.case, "status"), "Proposed")
		self.assertEqual(frappe.db.get_value("Cadre", self.cadre, "status"), "Active")

	def test_each_part_of_the_basis_is_required_for_both_decisions(self):
		for decision in ("Adjusted", "Retained"):
			for missing in ("reason", "reference", "decision_date"):
				with self.subTest(decision=decision, missing=missing):
					with self.assertRaises(DecisionBasisRequiredError):
						self.decide(decision, **{missing: "  " if missing != "decision_date" else ""})
					self.assert_undecided()

	def test_decision_date_is_neither_in_the_future_nor_before_the_case_opened(self):
		for bad_date in (add_days(today(), 1), add_days(today(), -1), "2026-02-30", "昨天"):
			with self.subTest(decision_date=bad_date):
				with self.assertRaises(DecisionDateError):
					self.decide("Adjusted", decision_date=bad_date)
				self.assert_undecided()

	def test_adjusted_with_its_basis_records_it_and_marks_the_cadre(self):
		self.decide("Adjusted", decision_date=today())
		case = frappe.get_doc("Adjustment Case", self.case)
		self.assertEqual(
			(
				case.status,
				case.decision_reason,
				case.decision_reference,
				str(case.decision_date),
				case.decided_by,
			),
			("Adjusted", "连续两年考核不合格", "部务会议纪要〔2026〕3号", today(), self.org_user),
		)
		self.assertEqual(frappe.db.get_value("Cadre", self.cadre, "status"), "Adjusted")

	def test_retained_with_its_basis_keeps_the_cadre(self):
		self.decide("Retained", reason="整改到位,群众基础较好")
		self.assertEqual(frappe.db.get_value("Adjustment Case", self.case, "status"), "Retained")
		self.assertEqual(frappe.db.get_value("Cadre", self.cadre, "status"), "Active")

	def test_each_refusal_of_an_action_has_its_class(self):
		with self.assertRaises(AdjustmentDecisionError):
			self.decide("Dismissed")
		frappe.set_user("Administrator")  # may write every field: the status change itself is refused
		case = frappe.get_doc("Adjustment Case", self.case)
		case.status = "Retained"
		with self.assertRaises(CaseStatusChangeError):
			case.save()
		frappe.set_user(self.org_user)
		frappe.get_doc("Adjustment Case", self.case).start_review()
		with self.assertRaises(CaseAlreadyUnderReviewError):
			frappe.get_doc("Adjustment Case", self.case).start_review()
		self.decide("Retained")
		with self.assertRaises(CaseClosedError) as refused:
			self.decide("Adjusted")
		self.assertIn(frappe.utils.get_link_to_form("Adjustment Case", self.case), str(refused.exception))

	def test_the_basis_is_written_only_by_the_decision(self):
		case = frappe.get_doc("Adjustment Case", self.case)
		case.decision_reference = "伪造文号"
		case.decision_date = today()
		case.save()
		stored = frappe.db.get_value("Adjustment Case", self.case, ["decision_reference", "decision_date"])
		self.assertEqual(stored, (None, None))
