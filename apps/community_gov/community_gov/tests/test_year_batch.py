"""The year as HR runs it, in batches (issue 12): a district's agreements issued in one action, its scores
and satisfaction imported from a sheet."""

from __future__ import annotations

import frappe
from frappe.tests.utils import FrappeTestCase

from community_gov.assessment.issuing import issue_agreements
from community_gov.batch.scores import headers, import_scores, score_sheet, target_header
from community_gov.batch.workflow_actions import apply_to_selected
from community_gov.exceptions import IssueScopeError, TemplatePositionError, TemplateYearError
from community_gov.query_counter import QueryCounter
from community_gov.tests import sheet_helpers as sheets
from community_gov.tests.factories import (
	DEFAULT_TARGETS,
	add_reviewer,
	make_agreement,
	make_assessment,
	make_cadre,
	make_community,
	make_sub_district,
	make_survey,
	make_target_template,
	make_user,
)


def make_district(communities: int = 5) -> frappe._dict:
	"""A demo-like sub-district: per community a secretary and a deputy secretary, one community worker, one
	retired secretary; and a second sub-district with two secretaries."""
	district = frappe._dict(sub_district=make_sub_district().name, other=make_sub_district().name)
	district.communities = [make_community(district.sub_district).name for _ in range(communities)]
	district.secretaries = [make_cadre(community).name for community in district.communities]
	district.deputies = [
		make_cadre(community, position="Deputy Secretary").name for community in district.communities
	]
	district.worker = make_cadre(district.communities[0], position="Community Worker").name
	district.retired = make_cadre(district.communities[1], status="Retired").name
	other_community = make_community(district.other).name
	district.other_secretaries = [make_cadre(other_community).name for _ in range(2)]
	return district


def agreements_of(cadres: list[str], year: int) -> list[frappe._dict]:
	return frappe.get_all(
		"Target Agreement",
		filters={"cadre": ("in", cadres), "year": year},
		fields=["name", "cadre", "workflow_state", "docstatus", "total_weight", "veto_targets"],
	)


class TestIssueAgreements(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.org = make_user(["Organization Department"]).name
		cls.leader = make_user(["Leadership"]).name
		cls.template = make_target_template().name

	def setUp(self):
		frappe.set_user("Administrator")
		self.district = make_district()
		self.reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(self.district.sub_district, self.reviewer)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_a_district_in_one_action_and_nothing_on_a_second_run(self):
		district, year = self.district, 2026
		# One secretary has this year's agreement already (a draft counts: it is on its way).
		already = make_agreement(district.secretaries[0], year, sign=False).name
		frappe.set_user(self.org)
		summary = issue_agreements(year, self.template, [district.sub_district])

		in_scope = district.secretaries + district.deputies
		self.assertEqual(summary["counts"]["created"], 9)
		self.assertEqual(summary["counts"]["has_agreement"], 1)
		self.assertEqual(summary["counts"]["inactive"], 1)
		self.assertEqual(summary["counts"]["refused"], 0)
		self.assertEqual(summary["positions"], ["Deputy Secretary", "Secretary"])
		skipped = {row["cadre"]: row for row in summary["skipped"]}
		self.assertEqual(skipped[district.secretaries[0]]["reason"], "has_agreement")
		self.assertEqual(skipped[district.secretaries[0]]["detail"], already)
		self.assertEqual(skipped[district.retired]["reason"], "inactive")
		self.assertNotIn(district.worker, skipped)  # not a position of the template: not in scope at all

		issued = [row for row in agreements_of(in_scope, year) if row.name != already]
		self.assertEqual(
			sorted(row.name for row in issued), sorted(r["agreement"] for r in summary["created"])
		)
		for row in issued:
			self.assertEqual((row.workflow_state, row.docstatus), ("Pending Signature", 0))
			self.assertEqual((row.total_weight, row.veto_targets), (100, 1))
		targets = frappe.get_doc("Target Agreement", issued[0].name).targets
		self.assertEqual(
			[(t.area, t.weight, t.is_veto) for t in targets],
			[("Social Stability", 30, 1), ("Serving Residents", 40, 0), ("Party Building", 30, 0)],
		)
		self.assertFalse(
			agreements_of([*district.other_secretaries, district.worker, district.retired], year)
		)

		before = frappe.db.count("Target Agreement")
		again = issue_agreements(year, self.template, [district.sub_district])
		self.assertEqual(again["counts"]["created"], 0)
		self.assertEqual(again["counts"]["has_agreement"], 10)
		self.assertEqual(frappe.db.count("Target Agreement"), before)

	def test_existing_agreements_are_found_in_one_query(self):
		from community_gov.assessment.issuing import existing_agreements

		cadres = self.district.secretaries + self.district.deputies
		make_agreement(cadres[0], 2025, sign=False)
		with QueryCounter() as counter:
			found = existing_agreements(2025, cadres)
		self.assertEqual(list(found), [cadres[0]])
		self.assertEqual(counter.count, 1)

	def test_reviewer_within_its_sub_district(self):
		district, year = self.district, 2025
		frappe.set_user(self.reviewer)
		summary = issue_agreements(year, self.template, positions=["Secretary"])
		self.assertEqual(summary["sub_districts"], [district.sub_district])
		self.assertEqual(sorted(row["cadre"] for row in summary["created"]), sorted(district.secretaries))
		self.assertEqual(summary["counts"]["inactive"], 1)

	def test_reviewer_refused_outside_its_scope(self):
		district = self.district
		frappe.set_user(self.reviewer)
		for sub_districts in ([district.other], [district.sub_district, district.other]):
			with self.assertRaises(IssueScopeError):
				issue_agreements(2025, self.template, sub_districts)
		frappe.set_user("Administrator")
		self.assertFalse(agreements_of(district.secretaries + district.other_secretaries, 2025))

	def test_only_those_who_make_agreements(self):
		for user in (self.leader, make_user(["Cadre"]).name):
			frappe.set_user(user)
			with self.assertRaises(frappe.PermissionError):
				issue_agreements(2025, self.template, [self.district.sub_district])

	def test_template_year_and_positions(self):
		frappe.set_user(self.org)
		with self.assertRaises(TemplateYearError):
			issue_agreements(2025, make_template_as_admin(year=2026), [self.district.sub_district])
		with self.assertRaises(TemplatePositionError):
			issue_agreements(2025, self.template, [self.district.sub_district], ["Community Worker"])

	def test_a_refused_agreement_skips_its_cadre_only(self):
		"""The agreement's own checks run for each: a cadre refused by them is listed with the reason and
		nothing of it is written; the others are issued."""
		district, year = self.district, 2024
		# The template's weights add up to 100; the agreements are now required to add up to 90.
		settings = frappe.get_doc("Governance Settings")
		required = settings.target_weight_total
		settings.target_weight_total = 90
		settings.save()
		try:
			frappe.set_user(self.org)
			summary = issue_agreements(year, self.template, [district.sub_district], ["Secretary"])
		finally:
			frappe.set_user("Administrator")
			settings.reload()
			settings.target_weight_total = required
			settings.save()
		self.assertEqual(summary["counts"]["created"], 0)
		self.assertEqual(summary["counts"]["refused"], 5)
		refused = [row for row in summary["skipped"] if row["reason"] == "refused"]
		self.assertEqual(sorted(row["cadre"] for row in refused), sorted(district.secretaries))
		self.assertIn("90", refused[0]["detail"])
		self.assertNotIn("<", refused[0]["detail"])  # the message as text
		self.assertFalse(agreements_of(district.secretaries, year))
		self.assertFalse(frappe.local.message_log)


def make_template_as_admin(**values) -> str:
	user = frappe.session.user
	frappe.set_user("Administrator")
	try:
		return make_target_template(**values).name
	finally:
		frappe.set_user(user)


YEAR = 2026


def stability() -> str:
	return target_header(*DEFAULT_TARGETS[0][:2])  # weight 30, the veto target


def service() -> str:
	return target_header(*DEFAULT_TARGETS[1][:2])  # weight 40


def assessment_values(cadres: list[str], year: int = YEAR) -> dict[str, tuple]:
	"""Every stored figure of these cadres' assessments: what "nothing written" must leave alone."""
	values = {}
	for row in frappe.get_all(
		"Annual Assessment",
		filters={"cadre": ("in", cadres), "year": year},
		fields=["name", "cadre", "satisfaction_rate", "workflow_state", "modified"],
	):
		scores = frappe.get_all(
			"Assessment Score", filters={"parent": row.name}, fields=["score", "veto_failed"], order_by="idx"
		)
		values[row.cadre] = (row.satisfaction_rate, row.workflow_state, str(row.modified),
			[(s.score, s.veto_failed) for s in scores])  # fmt: skip
	return values


class TestScoreImport(FrappeTestCase):
	"""Scores and satisfaction from a spreadsheet (community_gov.batch.scores)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.org = make_user(["Organization Department"]).name
		cls.reviewer = make_user(["Sub District Reviewer"]).name
		cls.template = make_target_template().name

	def setUp(self):
		frappe.set_user("Administrator")
		self.district = make_district(communities=3)
		add_reviewer(self.district.sub_district, self.reviewer)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.lang = "en"
		frappe.local.lang_full_dict = None

	def issue_and_sign(self, year: int = YEAR) -> list[str]:
		"""The district's agreements issued in one action and their paper signatures recorded in one action."""
		frappe.set_user(self.org)
		issued = issue_agreements(year, self.template, [self.district.sub_district])
		names = [row["agreement"] for row in issued["created"]]
		signed = apply_to_selected("Target Agreement", names, "Record Paper Signature", "纸质责任书已签字")
		self.assertEqual(signed["done"], len(names), signed)
		return names

	def in_chinese(self):
		frappe.local.lang = "zh"
		frappe.local.lang_full_dict = None

	def test_a_district_issued_filled_refused_and_fixed(self):
		"""The issue's test: agreements issued in one action, scores from the generated sheet with one bad row
		(refused, naming row and column, nothing written), then the corrected sheet imported."""
		agreements = self.issue_and_sign()
		cadres = self.district.secretaries + self.district.deputies
		self.assertEqual(len(agreements), len(cadres))
		self.in_chinese()
		h = headers()
		sheet = score_sheet(self.district.sub_district, YEAR)
		rows = sheets.rows_of(sheet)
		self.assertEqual(sorted(row[h.cadre] for row in rows), sorted(cadres))
		self.assertEqual(h.satisfaction, "群众满意度(%)")
		self.assertIn("社会稳定:维护社区稳定,无重大信访事件", rows[0])
		filled = {}
		for row in rows:
			filled[(row["_row"], stability())] = 28
			filled[(row["_row"], service())] = 36
			filled[(row["_row"], h.satisfaction)] = 90
		bad_row = rows[2]["_row"]
		corrupted = sheets.edit(sheet, {**filled, (bad_row, service()): 45})

		result = import_scores(sheets.upload(corrupted))
		self.assertEqual(result["status"], "Refused")
		self.assertEqual(
			[(e["row"], e["column"]) for e in result["errors"]], [(bad_row, "为民服务:为民服务事项按时办结")]
		)
		self.assertIn("45", result["errors"][0]["message"])
		self.assertIn("40", result["errors"][0]["message"])
		self.assertIn("权重", result["errors"][0]["message"])
		self.assertEqual(assessment_values(cadres), {})  # nothing written
		log = frappe.get_doc("Batch Import Log", result["log"])
		self.assertEqual((log.status, log.failed_count, log.created_count), ("Refused", 1, 0))
		self.assertEqual([(e.row_number, e.column_label) for e in log.errors], [(bad_row, service())])

		result = import_scores(sheets.upload(sheets.edit(sheet, filled)))
		self.assertEqual((result["status"], result["created"], result["errors"]), ("Imported", 6, []))
		for cadre, (satisfaction, state, _modified, scores) in assessment_values(cadres).items():
			self.assertEqual((satisfaction, state), (90, "Draft"), cadre)
			self.assertEqual([score for score, _veto in scores], [28, 36, 0])
		log = frappe.get_doc("Batch Import Log", result["log"])
		self.assertEqual(
			(log.status, log.created_count, log.total_rows, log.sub_district, log.year, log.imported_by),
			("Imported", 6, 6, self.district.sub_district, YEAR, self.org),
		)
		self.assertEqual(frappe.db.get_value("File", {"file_url": log.file}, "attached_to_name"), log.name)

		# The sheet downloaded again shows what is stored; uploaded unchanged, it writes nothing.
		again = import_scores(sheets.upload(score_sheet(self.district.sub_district, YEAR)))
		self.assertEqual((again["unchanged"], again["created"], again["updated"]), (6, 0, 0))

	def test_an_error_in_an_update_leaves_every_assessment_as_it_was(self):
		self.issue_and_sign()
		cadres = self.district.secretaries
		frappe.set_user(self.org)
		sheet = score_sheet(self.district.sub_district, YEAR)
		rows = {row[headers().cadre]: row for row in sheets.rows_of(sheet)}
		first = import_scores(
			sheets.upload(sheets.edit(sheet, {(rows[c]["_row"], service()): 30 for c in cadres}))
		)
		self.assertEqual(first["created"], 3)
		before = assessment_values(cadres)
		h = headers()
		changes = {(rows[c]["_row"], service()): 39 for c in cadres}
		changes[(rows[cadres[1]]["_row"], h.satisfaction)] = 120
		changes[(rows[cadres[2]]["_row"], h.veto)] = "maybe"
		result = import_scores(sheets.upload(sheets.edit(sheet, changes)))
		self.assertEqual(result["status"], "Refused")
		self.assertEqual(
			sorted((e["row"], e["column"]) for e in result["errors"]),
			sorted([(rows[cadres[1]]["_row"], h.satisfaction), (rows[cadres[2]]["_row"], h.veto)]),
		)
		self.assertEqual(assessment_values(cadres), before)

	def test_good_rows_only_writes_the_rest_and_lists_the_bad_ones(self):
		self.issue_and_sign()
		frappe.set_user(self.org)
		h = headers()
		sheet = score_sheet(self.district.sub_district, YEAR)
		rows = sheets.rows_of(sheet)
		changes = {(row["_row"], h.satisfaction): 85 for row in rows}
		changes[(rows[0]["_row"], stability())] = "三十"
		changes[(rows[1]["_row"], h.cadre)] = "CAD-NOBODY"
		result = import_scores(sheets.upload(sheets.edit(sheet, changes)), "Good Rows Only")
		self.assertEqual(
			(result["status"], result["created"], result["failed_rows"]), ("Partially Imported", 4, 2)
		)
		self.assertEqual(
			sorted((e["row"], e["column"]) for e in result["errors"]),
			[(rows[0]["_row"], stability()), (rows[1]["_row"], h.cadre)],
		)
		self.assertEqual(len(assessment_values(self.district.secretaries + self.district.deputies)), 4)

	def test_a_reviewer_within_its_sub_district(self):
		self.issue_and_sign()
		other = self.district.other_secretaries[0]
		frappe.set_user("Administrator")
		make_assessment(other, YEAR, until="Draft")
		frappe.set_user(self.reviewer)
		with self.assertRaises(frappe.PermissionError):
			score_sheet(self.district.other, YEAR)
		h = headers()
		sheet = score_sheet(self.district.sub_district, YEAR)
		rows = sheets.rows_of(sheet)
		outsider = {h.cadre: other, h.year: YEAR, service(): 20, h.satisfaction: 70}
		result = import_scores(
			sheets.upload(sheets.edit(sheet, {(rows[0]["_row"], service()): 33}, append=[outsider]))
		)
		self.assertEqual(result["status"], "Refused")
		self.assertEqual([(e["row"], e["column"]) for e in result["errors"]], [(len(rows) + 2, h.cadre)])
		self.assertIn("outside your access", result["errors"][0]["message"])
		frappe.set_user("Administrator")
		self.assertEqual(assessment_values([rows[0][h.cadre]]), {})
		# The reviewer reads its own log; another sub-district's reviewer does not.
		frappe.set_user(self.reviewer)
		self.assertTrue(frappe.has_permission("Batch Import Log", "read", result["log"]))
		frappe.set_user(make_user(["Sub District Reviewer"]).name)
		self.assertFalse(frappe.has_permission("Batch Import Log", "read", result["log"]))

	def test_states_the_uploader_may_no_longer_change(self):
		secretaries = self.district.secretaries
		reviewed = make_assessment(secretaries[0], YEAR, until="Reviewed")
		approved = make_assessment(secretaries[1], YEAR - 1)
		make_assessment(secretaries[2], YEAR, until="Self Assessed")
		h = headers()
		frappe.set_user(self.reviewer)
		sheet = score_sheet(self.district.sub_district, YEAR)
		rows = {row[h.cadre]: row for row in sheets.rows_of(sheet)}
		self.assertEqual(sorted(rows), sorted([secretaries[0], secretaries[2]]))
		self.assertEqual(rows[secretaries[0]][h.state], "Reviewed")
		changes = {
			(rows[secretaries[0]]["_row"], service()): 10,  # Reviewed: only the department may change it
			(rows[secretaries[2]]["_row"], service()): 10,  # Self Assessed: the reviewer's turn
		}
		result = import_scores(sheets.upload(sheets.edit(sheet, changes)))
		self.assertEqual(
			[(e["row"], e["column"]) for e in result["errors"]], [(rows[secretaries[0]]["_row"], service())]
		)
		self.assertIn(reviewed.name, result["errors"][0]["message"])
		# Unchanged rows of an approved year are no error: the whole year can stay on the sheet.
		frappe.set_user(self.org)
		old_year = score_sheet(self.district.sub_district, YEAR - 1)
		self.assertEqual(import_scores(sheets.upload(old_year))["unchanged"], 1)
		old_rows = sheets.rows_of(old_year)
		result = import_scores(
			sheets.upload(sheets.edit(old_year, {(old_rows[0]["_row"], h.satisfaction): 10}))
		)
		self.assertEqual(result["status"], "Refused")
		self.assertIn(approved.name, result["errors"][0]["message"])

	def test_targets_differ_per_agreement(self):
		"""One column per target across the sheet; a target a cadre's agreement lacks is a grey cell, and a
		value typed there is refused."""
		secretaries = self.district.secretaries
		other_targets = (
			("Party Building", "党员发展和教育管理", 60, 0),
			("Serving Residents", "民生实事", 40, 0),
		)
		make_agreement(secretaries[0], YEAR)
		make_agreement(secretaries[1], YEAR, targets=other_targets)
		frappe.set_user(self.org)
		sheet = score_sheet(self.district.sub_district, YEAR)
		rows = {row[headers().cadre]: row for row in sheets.rows_of(sheet)}
		party = target_header(*other_targets[0][:2])
		self.assertIn(party, rows[secretaries[0]])
		result = import_scores(
			sheets.upload(
				sheets.edit(
					sheet,
					{(rows[secretaries[0]]["_row"], party): 50, (rows[secretaries[1]]["_row"], party): 55},
				)
			)
		)
		self.assertEqual(
			[(e["row"], e["column"]) for e in result["errors"]], [(rows[secretaries[0]]["_row"], party)]
		)
		result = import_scores(sheets.upload(sheets.edit(sheet, {(rows[secretaries[1]]["_row"], party): 55})))
		self.assertEqual(result["created"], 1)
		scores = frappe.get_all(
			"Assessment Score",
			filters={"parent": frappe.db.get_value("Annual Assessment", {"cadre": secretaries[1]})},
			pluck="score",
			order_by="idx",
		)
		self.assertEqual(scores, [55, 0])

	def test_veto_target_failed(self):
		self.issue_and_sign()
		frappe.set_user(self.org)
		h = headers()
		sheet = score_sheet(self.district.sub_district, YEAR)
		row = sheets.rows_of(sheet)[0]
		values = {
			(row["_row"], stability()): 30,
			(row["_row"], service()): 40,
			(row["_row"], h.satisfaction): 95,
		}
		import_scores(sheets.upload(sheets.edit(sheet, {**values, (row["_row"], h.veto): "Yes"})))
		assessment = frappe.get_doc("Annual Assessment", {"cadre": row[h.cadre], "year": YEAR})
		self.assertEqual((assessment.veto_failed, assessment.calculated_grade), (1, "Fail"))

	def test_checks_read_the_database_a_fixed_number_of_times(self):
		"""An upload whose rows are all unchanged writes nothing: its queries do not grow with the rows."""
		self.issue_and_sign()
		frappe.set_user(self.org)
		h = headers()
		sheet = score_sheet(self.district.sub_district, YEAR)
		rows = sheets.rows_of(sheet)
		import_scores(sheets.upload(sheets.edit(sheet, {(row["_row"], h.satisfaction): 80 for row in rows})))
		import_scores(sheets.upload(sheet))  # caches warm (workflow, meta), as in a running site
		counts = []
		for count in (2, 6):
			url = sheets.upload(sheets.first_rows(sheet, count))
			with QueryCounter() as counter:
				result = import_scores(url)
			self.assertEqual(result["unchanged"], count, result)
			counts.append(counter.count)
		self.assertEqual(counts[0], counts[1])

	def test_only_the_department_and_reviewers(self):
		for user in (make_user(["Leadership"]).name, make_user(["Cadre"]).name):
			frappe.set_user(user)
			with self.assertRaises(frappe.PermissionError):
				score_sheet(self.district.sub_district, YEAR)
			with self.assertRaises(frappe.PermissionError):
				import_scores("/private/files/none.xlsx")

	def test_satisfaction_resting_on_surveys_is_the_surveys(self):
		"""A cadre's year with submitted Satisfaction Surveys takes its rate from them: the sheet shows it
		(grey) and refuses another value; the scores are still imported."""
		self.issue_and_sign()
		surveyed = self.district.secretaries[0]
		frappe.set_user("Administrator")
		make_survey(surveyed, YEAR, sample_size=200, satisfied_count=150)
		frappe.set_user(self.org)
		h = headers()
		sheet = score_sheet(self.district.sub_district, YEAR)
		row = next(r for r in sheets.rows_of(sheet) if r[h.cadre] == surveyed)
		refused = import_scores(sheets.upload(sheets.edit(sheet, {(row["_row"], h.satisfaction): 95})))
		self.assertEqual(
			[(e["row"], e["column"]) for e in refused["errors"]], [(row["_row"], h.satisfaction)]
		)
		result = import_scores(sheets.upload(sheets.edit(sheet, {(row["_row"], service()): 35})))
		self.assertEqual(result["created"], 1, result)
		self.assertEqual(
			frappe.db.get_value("Annual Assessment", {"cadre": surveyed, "year": YEAR}, "satisfaction_rate"),
			75,
		)
