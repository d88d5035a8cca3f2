"""Pay (seeds 000, 003, 004): dated pay standards, each cadre's dated pay records, the pay due against the pay on
record on a date in the Cadre Pay report, and who may see any of it (the Organization Department only).

Standards:
- Secretary, Urban: 1,600 from 2017-01-01; 2,487 from 2020-01-01 with a work subsidy of 1,100, 200 for a
  secretary also director (一肩挑), 30 per year of service (at most 30 years), performance 600 / 400 / 200 / 0.
- Secretary, Village-to-Residential: 600 from 2017-01-01; 2,368.5 from 2020-01-01, the rest as urban.
- Deputy Secretary, any community type: 2,200 from 2020-01-01, subsidy 1,000, 30 a year of service.
- Community Worker, any community type: 1,800 from 2020-01-01, growing 2% a year, subsidy 900, 30 a year.

Performance pay in a year follows the approved grade of the year before.
"""

from __future__ import annotations

import frappe
from frappe.desk.query_report import run as run_report
from frappe.tests.utils import FrappeTestCase

from community_gov.community_governance.report.cadre_pay.cadre_pay import execute
from community_gov.connections import get_open_count
from community_gov.exceptions import PayRecordError, PayStandardError
from community_gov.portal import profile
from community_gov.query_counter import QueryCounter
from community_gov.rules.pay import INSURANCE_FIELDS
from community_gov.tests.factories import (
	COMPETENT,
	FAIL,
	add_reviewer,
	api_token,
	make_assessment,
	make_cadre,
	make_community,
	make_pay_record,
	make_pay_standard,
	make_sub_district,
	make_term,
	make_user,
	rest_get,
)
from community_gov.tests.test_security import rest

AS_ON = "2026-06-30"
AFTER_RAISE = {
	"work_subsidy": 1100,
	"director_supplement": 200,
	"service_pay_per_year": 30,
	"service_years_cap": 30,
	"performance_excellent": 600,
	"performance_competent": 400,
	"performance_basically_competent": 200,
	"performance_fail": 0,
}
UNINSURED = {"unemployment_insurance": 0, "maternity_insurance": 0}


class TestPay(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		# Standards are the district's, not per sub-district: this module's are the only ones.
		frappe.db.delete("Pay Standard")
		cls.sd_a, cls.sd_b = make_sub_district().name, make_sub_district().name
		cls.urban_a = make_community(cls.sd_a).name
		village_a = make_community(cls.sd_a, community_type="Village-to-Residential").name
		cls.village_c = make_community(cls.sd_a, community_type="Village-to-Residential").name
		cls.urban_b = make_community(cls.sd_b).name

		cls.old_urban = make_pay_standard("Secretary", "Urban", "2017-01-01", post_pay=1600).name
		cls.old_village = make_pay_standard(
			"Secretary", "Village-to-Residential", "2017-01-01", post_pay=600
		).name
		cls.urban = make_pay_standard("Secretary", "Urban", "2020-01-01", post_pay=2487, **AFTER_RAISE).name
		cls.village = make_pay_standard(
			"Secretary", "Village-to-Residential", "2020-01-01", post_pay=2368.5, **AFTER_RAISE
		).name
		cls.deputy_standard = make_pay_standard(
			"Deputy Secretary", None, "2020-01-01", post_pay=2200, work_subsidy=1000, service_pay_per_year=30
		).name
		cls.worker_standard = make_pay_standard(
			"Community Worker",
			None,
			"2020-01-01",
			post_pay=1800,
			work_subsidy=900,
			service_pay_per_year=30,
			yearly_growth_percent=2,
		).name

		cls.cadre_user = make_user(["Cadre"]).name
		# Urban secretary, also director, in service since 2014-07-01, Fail in 2024 and Competent in 2025;
		# on record: 1,600 from 2017-03-01, 4,300 from the raise.
		cls.urban_secretary = make_cadre(
			cls.urban_a, also_director=1, service_start_date="2014-07-01", user=cls.cadre_user
		).name
		cls.old_record = make_pay_record(cls.urban_secretary, "2017-03-01", 1600).name
		cls.raise_record = make_pay_record(cls.urban_secretary, "2020-01-01", 4300).name
		make_assessment(cls.urban_secretary, 2024, **FAIL)
		make_assessment(cls.urban_secretary, 2025, **COMPETENT)
		# Village-to-residential secretary since 2000, Fail in 2025 (a 2026 Competent not yet approved does
		# not count), 5,000 on record from the raise, without unemployment and maternity insurance.
		cls.village_secretary = make_cadre(village_a, service_start_date="2000-01-01").name
		make_pay_record(cls.village_secretary, "2020-01-01", 5000, **UNINSURED)
		make_assessment(cls.village_secretary, 2025, **FAIL)
		make_assessment(cls.village_secretary, 2026, **COMPETENT, until="Reviewed")
		# A community worker since 2023-03-01 with no pay record; a first secretary (no standard) on 5,000.
		cls.worker = make_cadre(
			cls.urban_a, position="Community Worker", service_start_date="2023-03-01"
		).name
		cls.first_secretary = make_cadre(cls.urban_a, position="First Secretary").name
		make_pay_record(cls.first_secretary, "2020-01-01", 5000)
		make_cadre(cls.urban_a, status="Retired")  # left, no term: never listed
		# B: a secretary of urban_b in service since 2020, never assessed, 3,000 on record; before, from
		# 2020 to 2022, deputy secretary of urban_a (its term).
		cls.secretary_b = make_cadre(cls.urban_b, service_start_date="2020-01-01").name
		make_pay_record(cls.secretary_b, "2020-01-01", 3000)
		make_term(
			cls.secretary_b,
			cls.urban_a,
			post="Deputy Secretary",
			start_date="2020-01-01",
			ended_on="2022-12-31",
			end_reason="调任",
		)
		# Adjusted in 2024: secretary of village_c from 2018 by its term, in service since 2010, 3,000 on
		# record from 2018.
		cls.former = make_cadre(cls.village_c, status="Adjusted", service_start_date="2010-01-01").name
		make_pay_record(cls.former, "2018-01-01", 3000)
		make_term(
			cls.former, cls.village_c, start_date="2018-01-01", ended_on="2024-03-12", end_reason="调整"
		)

		cls.org = make_user(["Organization Department"]).name
		cls.leader = make_user(["Leadership"]).name
		cls.reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(cls.sd_a, cls.reviewer)
		cls.addClassCleanup(cls.remove_standards)

	@classmethod
	def remove_standards(cls):
		frappe.set_user("Administrator")
		frappe.db.delete("Pay Standard")
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")

	def run_pay(self, **filters):
		columns, rows, _message, _chart, summary = execute({"as_on_date": AS_ON, **filters})
		return {row.get("cadre", row["sub_district"]): row for row in rows}, columns, summary

	def figures(self, row) -> tuple:
		return tuple(
			row.get(key)
			for key in (
				"standard",
				"post_pay",
				"service_years",
				"service_pay",
				"work_subsidy",
				"performance_pay",
				"due",
				"recorded",
				"difference",
			)
		)

	# ------------------------------------------------------------ the figures

	def test_pay_due_by_component_against_the_pay_on_record(self):
		rows, columns, summary = self.run_pay(sub_district=self.sd_a)
		self.assertEqual(
			set(rows), {self.urban_secretary, self.village_secretary, self.worker, self.first_secretary}
		)
		# 2,487 + 11 × 30 + (1,100 + 200) + 400 (Competent 2025) = 4,517; paid 4,300 since the raise: 217 short.
		self.assertEqual(
			self.figures(rows[self.urban_secretary]), (self.urban, 2487, 11, 330, 1300, 400, 4517, 4300, -217)
		)
		self.assertEqual(
			(rows[self.urban_secretary]["grade_year"], rows[self.urban_secretary]["pay_record"]),
			(2025, self.raise_record),
		)
		self.assertEqual(rows[self.urban_secretary]["below_standard"], 1)
		# 2,368.5 + 26 × 30 + 1,100 + 0 (Fail 2025) = 4,248.5; paid 5,000: 751.5 above.
		self.assertEqual(
			self.figures(rows[self.village_secretary]),
			(self.village, 2368.5, 26, 780, 1100, 0, 4248.5, 5000, 751.5),
		)
		self.assertEqual(rows[self.village_secretary]["grade_year"], 2025)
		# 1,800 × 1.02^6 = 2,027.09, + 3 × 30 + 900 = 3,017.09; no record: not recorded.
		self.assertEqual(
			self.figures(rows[self.worker]),
			(self.worker_standard, 2027.09, 3, 90, 900, 0, 3017.09, None, None),
		)
		self.assertEqual((rows[self.worker]["below_standard"], rows[self.worker]["not_recorded"]), (0, 1))
		self.assertIn("No pay on record", rows[self.worker]["note"])
		self.assertIn("Not assessed for 2025", rows[self.worker]["note"])
		self.assertEqual(rows[self.first_secretary]["standard"], None)
		self.assertEqual(rows[self.first_secretary]["recorded"], 5000)

		self.assertEqual(rows[self.urban_secretary]["missing_insurances"], "")
		self.assertEqual(
			rows[self.village_secretary]["missing_insurances"], "Unemployment Insurance、Maternity Insurance"
		)
		# Without a record in force the insurances are not known, not missing.
		self.assertEqual(rows[self.worker]["missing_insurance_count"], 0)
		# Cadres 4; below standard 1 (217 short); no standard 1; missing an insurance 1; not recorded 1.
		self.assertEqual([item["value"] for item in summary], [4, 1, 217, 1, 1, 1])
		self.assertIn("difference", [column["fieldname"] for column in columns])

	def test_the_standard_and_the_record_in_force_follow_the_date(self):
		rows, _columns, summary = self.run_pay(sub_district=self.sd_a, as_on_date="2019-12-31")
		# Before the raise: 1,600 and 600, nothing else in those standards. The urban secretary was on record
		# at 1,600 then: paid the standard; the village secretary's pay is recorded from 2020 only.
		self.assertEqual(
			self.figures(rows[self.urban_secretary]), (self.old_urban, 1600, 5, 0, 0, 0, 1600, 1600, 0)
		)
		self.assertEqual(rows[self.urban_secretary]["pay_record"], self.old_record)
		self.assertEqual(
			self.figures(rows[self.village_secretary]),
			(self.old_village, 600, 19, 0, 0, 0, 600, None, None),
		)
		# The worker's service began in 2023: not listed; the first secretary has no standard.
		self.assertNotIn(self.worker, rows)
		self.assertEqual(rows[self.first_secretary]["standard"], None)
		# Cadres 4 (with the secretary of village_c then, by its term: due 600, paid 3,000); below standard
		# 0; no standard 1; missing an insurance 0; not recorded 2 (the village and the first secretary).
		self.assertEqual((rows[self.former]["due"], rows[self.former]["recorded"]), (600, 3000))
		self.assertEqual([item["value"] for item in summary], [4, 0, 0, 1, 0, 2])
		# The first day of the raise: no grade of 2019, so no performance pay; 5 years of service:
		# 2,487 + 150 + 1,300 + 0 = 3,937 against 4,300 on record from that day.
		rows, *_rest = self.run_pay(sub_district=self.sd_a, as_on_date="2020-01-01")
		self.assertEqual(
			self.figures(rows[self.urban_secretary]), (self.urban, 2487, 5, 150, 1300, 0, 3937, 4300, 363)
		)
		self.assertEqual(
			(rows[self.urban_secretary]["grade"], rows[self.urban_secretary]["grade_year"]),
			("Not Assessed", 2019),
		)

	def test_performance_pay_follows_the_grade_of_the_year_before(self):
		# In 2025 the grade of 2024 (Fail): 2,487 + 10 × 30 + 1,300 + 0 = 4,087.
		rows, *_rest = self.run_pay(cadre=self.urban_secretary, as_on_date="2025-06-30")
		self.assertEqual(
			(rows[self.urban_secretary]["grade"], rows[self.urban_secretary]["due"]), ("Fail", 4087)
		)
		# From 1 January 2026 the grade of 2025 (Competent): 2,487 + 11 × 30 + 1,300 + 400 = 4,517.
		rows, *_rest = self.run_pay(cadre=self.urban_secretary, as_on_date="2026-01-01")
		self.assertEqual(
			(rows[self.urban_secretary]["grade"], rows[self.urban_secretary]["due"]), ("Competent", 4517)
		)
		# In 2027 nothing of 2026 is approved for it: not assessed, whatever its older grades.
		rows, *_rest = self.run_pay(cadre=self.urban_secretary, as_on_date="2027-03-01")
		self.assertEqual(
			(rows[self.urban_secretary]["grade"], rows[self.urban_secretary]["performance_pay"]),
			("Not Assessed", 0),
		)

	def test_post_and_community_as_held_on_the_date(self):
		rows, *_rest = self.run_pay(sub_district=self.sd_a, as_on_date="2021-06-30")
		# Secretary B was deputy secretary of urban_a then (its term): 2,200 + 1 × 30 + 1,000 = 3,230,
		# 3,000 on record: 230 short.
		row = rows[self.secretary_b]
		self.assertEqual(
			(row["community"], row["sub_district"], row["position"]),
			(self.urban_a, self.sd_a, "Deputy Secretary"),
		)
		self.assertEqual(self.figures(row), (self.deputy_standard, 2200, 1, 30, 1000, 0, 3230, 3000, -230))
		# Adjusted in 2024, secretary of village_c then: 2,368.5 + 11 × 30 + 1,100 = 3,798.5, paid 3,000.
		self.assertEqual(
			self.figures(rows[self.former]), (self.village, 2368.5, 11, 330, 1100, 0, 3798.5, 3000, -798.5)
		)
		rows, *_rest = self.run_pay(
			sub_district=self.sd_a, position="Deputy Secretary", as_on_date="2021-06-30"
		)
		self.assertEqual(set(rows), {self.secretary_b})
		# Now: B is urban_b's secretary, the former secretary has left.
		rows, *_rest = self.run_pay(sub_district=self.sd_a)
		self.assertFalse({self.secretary_b, self.former} & set(rows))
		rows, *_rest = self.run_pay(sub_district=self.sd_b)
		self.assertEqual(
			(rows[self.secretary_b]["community"], rows[self.secretary_b]["position"]),
			(self.urban_b, "Secretary"),
		)

	def test_a_standard_for_the_community_type_wins(self):
		general = make_pay_standard("Secretary", None, "2024-01-01", post_pay=3000).name
		try:
			rows, *_rest = self.run_pay(sub_district=self.sd_a)
			self.assertEqual(rows[self.urban_secretary]["standard"], self.urban)
			# The First Secretary's post has no standard of any kind; a general one serves both types.
			frappe.get_doc("Pay Standard", general).update({"post": "First Secretary"}).save()
			rows, *_rest = self.run_pay(sub_district=self.sd_a)
			self.assertEqual(
				(rows[self.first_secretary]["standard"], rows[self.first_secretary]["due"]), (general, 3000)
			)
		finally:
			frappe.delete_doc("Pay Standard", general)

	def test_filters_and_the_sub_district_view(self):
		rows, *_rest = self.run_pay(sub_district=self.sd_a, below_standard_only=1)
		self.assertEqual(set(rows), {self.urban_secretary})
		rows, *_rest = self.run_pay(sub_district=self.sd_a, position="Community Worker")
		self.assertEqual(set(rows), {self.worker})
		community = frappe.db.get_value("Cadre", self.village_secretary, "community")
		rows, *_rest = self.run_pay(community=community)
		self.assertEqual(set(rows), {self.village_secretary})
		rows, *_rest = self.run_pay(cadre=self.village_secretary)
		self.assertEqual(set(rows), {self.village_secretary})
		with self.assertRaises(frappe.ValidationError) as raised:
			execute({"cadre": "CAD-不存在"})
		self.assertIn("CAD-不存在", str(raised.exception))

		rows, columns, summary = self.run_pay(sub_district=self.sd_b, group_by="Sub District")
		# 2,487 + 6 × 30 + 1,100 = 3,767 due, 3,000 paid: 767 short; a year: 45,204 due, 36,000 paid.
		self.assertEqual(
			rows[self.sd_b],
			{
				"sub_district": self.sd_b,
				"cadres": 1,
				"below_standard": 1,
				"no_standard": 0,
				"not_recorded": 0,
				"missing_insurance": 0,
				"due": 3767,
				"recorded": 3000,
				"shortfall": 767,
				"annual_due": 45204,
				"annual_recorded": 36000,
			},
		)
		self.assertEqual((rows["Total"]["shortfall"], rows["Total"]["annual_due"]), (767, 45204))
		self.assertEqual([item["value"] for item in summary], [1, 1, 767, 0, 0, 0])
		self.assertIn("annual_due", [column["fieldname"] for column in columns])
		rows, *_rest = self.run_pay(sub_district=self.sd_a, group_by="Sub District")
		# Due and on record over the cadres with a standard: 4,517 + 4,248.5 + 3,017.09 = 11,782.59 a month,
		# 141,391.08 a year; 4,300 + 5,000 = 9,300 a month, 111,600 a year.
		self.assertEqual(
			{
				key: rows[self.sd_a][key]
				for key in (
					"cadres",
					"below_standard",
					"no_standard",
					"not_recorded",
					"due",
					"recorded",
					"shortfall",
					"annual_due",
					"annual_recorded",
				)
			},
			{
				"cadres": 4,
				"below_standard": 1,
				"no_standard": 1,
				"not_recorded": 1,
				"due": 11782.59,
				"recorded": 9300,
				"shortfall": 217,
				"annual_due": 141391.08,
				"annual_recorded": 111600,
			},
		)

	def test_query_count_does_not_grow_with_rows(self):
		execute({"as_on_date": AS_ON})  # warm the metadata caches
		with QueryCounter() as few:
			execute({"as_on_date": AS_ON, "sub_district": self.sd_b})
		with QueryCounter() as many:
			execute({"as_on_date": AS_ON})
		self.assertEqual(few.count, many.count)
		# The cadres whose terms then differ from the register and their terms; the cadres with their
		# communities, pay records in force and assessments; the standards.
		self.assertLessEqual(many.count, 4)

	# ------------------------------------------------------------ the pay records

	def test_record_validation(self):
		with self.assertRaises(PayRecordError) as raised:
			make_pay_record(self.urban_secretary, "2020-01-01", 4400)
		self.assertIn(self.raise_record, str(raised.exception))
		with self.assertRaises(PayRecordError) as raised:
			make_pay_record(self.urban_secretary, "2014-06-30", 1000)
		self.assertIn("Community Service Start Date", str(raised.exception))
		with self.assertRaises(frappe.ValidationError):
			make_pay_record(self.urban_secretary, "2021-01-01", -1)
		# Who recorded it is the user who did, whatever was sent.
		frappe.set_user(self.org)
		record = make_pay_record(self.worker, "2024-03-01", 3100, recorded_by="Administrator")
		try:
			self.assertEqual(record.recorded_by, self.org)
			record.recorded_by = "Administrator"
			record.save()
			self.assertEqual(frappe.db.get_value("Cadre Pay Record", record.name, "recorded_by"), self.org)
		finally:
			frappe.set_user("Administrator")
			record.delete()

	def test_the_move_takes_pay_out_of_the_cadres_history(self):
		"""The patch that moved pay into pay records leaves none in the Cadre's change history, which every
		reader of the cadre sees: a change of pay and education keeps the education, one of pay only goes."""
		import json

		from community_gov.patches.v1.move_cadre_pay_to_pay_records import remove_from_history

		def version(changed):
			return frappe.get_doc(
				{
					"doctype": "Version",
					"ref_doctype": "Cadre",
					"docname": self.worker,
					"data": json.dumps({"changed": changed, "added": [], "removed": [], "row_changed": []}),
				}
			).insert(ignore_permissions=True)

		mixed = version([["monthly_pay", 3000, 3100], ["education", "College", "Undergraduate"]])
		pay_only = version([["pension_insurance", 0, 1], ["monthly_pay", 3100, 3200]])
		other = version([["native_place", "", "山东济南"]])
		remove_from_history()
		self.assertEqual(
			json.loads(frappe.db.get_value("Version", mixed.name, "data"))["changed"],
			[["education", "College", "Undergraduate"]],
		)
		self.assertFalse(frappe.db.exists("Version", pay_only.name))
		self.assertEqual(frappe.db.get_value("Version", other.name, "data"), other.data)

	def test_the_cadre_form_connects_to_its_records_for_the_department_only(self):
		def pay_count(user):
			frappe.set_user(user)
			counts = get_open_count("Cadre", self.urban_secretary, ["Cadre Pay Record"])["count"]
			return [row["count"] for row in counts["external_links_found"]]

		self.assertEqual(pay_count(self.org), [2])
		self.assertEqual(pay_count(self.leader), [0])
		self.assertEqual(pay_count(self.reviewer), [0])

	# ------------------------------------------------------------ who sees pay

	def test_only_the_organization_department_runs_the_report(self):
		frappe.set_user(self.org)
		rows, *_rest = self.run_pay(sub_district=self.sd_a)
		self.assertIn(self.urban_secretary, rows)
		result = run_report("Cadre Pay", filters={"as_on_date": AS_ON, "sub_district": self.sd_a})
		self.assertEqual(len(result["result"]), 4)
		for user in (self.leader, self.reviewer, self.cadre_user):
			frappe.set_user(user)
			with self.assertRaises(frappe.PermissionError, msg=user):
				execute({"sub_district": self.sd_a})
			with self.assertRaises(frappe.PermissionError, msg=user):
				run_report("Cadre Pay", filters={"sub_district": self.sd_a})

	def test_pay_standards_and_records_are_the_department_s(self):
		frappe.set_user(self.org)
		for doctype, name in (("Pay Standard", self.urban), ("Cadre Pay Record", self.raise_record)):
			self.assertTrue(frappe.has_permission(doctype, "create"))
			self.assertIn(name, frappe.get_list(doctype, pluck="name"))
		for user in (self.leader, self.reviewer, self.cadre_user):
			frappe.set_user(user)
			for doctype, name in (("Pay Standard", self.urban), ("Cadre Pay Record", self.raise_record)):
				self.assertFalse(frappe.has_permission(doctype, "read", name), user)
				with self.assertRaises(frappe.PermissionError, msg=user):
					frappe.get_list(doctype)
			with self.assertRaises(frappe.PermissionError, msg=user):
				make_pay_record(self.worker, "2024-01-01", 3100)

	def test_the_workspace_links_show_to_the_department_only(self):
		import json

		from frappe.desk.desktop import get_desktop_page

		page = json.dumps({"name": "Community Governance", "title": "Community Governance", "public": 1})

		def linked(user):
			frappe.set_user(user)
			cards = get_desktop_page(page)["cards"]["items"]
			return {link["link_to"] for card in cards for link in card["links"]}

		pay_links = {"Pay Standard", "Cadre Pay Record", "Cadre Pay"}
		self.assertLessEqual(pay_links, linked(self.org))
		for user in (self.leader, self.reviewer):
			self.assertFalse(pay_links & linked(user), user)

	def test_pay_and_insurances_hidden_from_others_through_rest(self):
		tokens = {user: api_token(user) for user in (self.org, self.leader, self.reviewer, self.cadre_user)}
		frappe.db.commit()  # the REST calls below run on their own connection
		path = f"/api/resource/Cadre Pay Record/{self.raise_record}"
		org = rest_get(path, tokens[self.org]).json["data"]
		self.assertEqual([org[field] for field in INSURANCE_FIELDS], [1] * 5)
		self.assertEqual((org["monthly_pay"], org["cadre"]), (4300, self.urban_secretary))
		for user in (self.leader, self.reviewer, self.cadre_user):
			self.assertEqual(rest_get(path, tokens[user]).status_code, 403, user)
			listed = rest_get("/api/resource/Cadre Pay Record", tokens[user])
			self.assertEqual(listed.status_code, 403, user)
			response = rest("put", path, tokens[user], {"monthly_pay": 9999})
			self.assertEqual(response.status_code, 403, user)
			response = rest(
				"post",
				"/api/resource/Cadre Pay Record",
				tokens[user],
				{
					"cadre": self.urban_secretary,
					"effective_from": "2026-01-01",
					"monthly_pay": 9999,
					"reason": "Other",
				},
			)
			self.assertEqual(response.status_code, 403, user)
			# The cadre's own record carries no pay at all: pay is nowhere else.
			cadre = (
				rest_get(f"/api/resource/Cadre/{self.urban_secretary}", tokens[user]).json.get("data") or {}
			)
			self.assertFalse({"monthly_pay", *INSURANCE_FIELDS} & set(cadre), user)
		self.assertEqual(frappe.db.get_value("Cadre Pay Record", self.raise_record, "monthly_pay"), 4300)
		self.assertFalse(frappe.get_meta("Cadre").get_field("monthly_pay"))

	def test_the_cadre_s_file_does_not_show_them(self):
		frappe.set_user(self.cadre_user)
		data = profile.profile_page_data()
		shown = {field.label: field.value for section in data["sections"] for field in section.fields}
		labels = {section.label for section in data["sections"]}
		for hidden in (
			"Monthly Pay",
			"Social Insurance",
			"Pension Insurance",
			"Unemployment Insurance",
			"Work Injury Insurance",
			"Medical Insurance",
			"Maternity Insurance",
		):
			self.assertNotIn(frappe._(hidden), shown)
			self.assertNotIn(frappe._(hidden), labels)
		self.assertNotIn("4300", str(shown))

	# ------------------------------------------------------------ the standards themselves

	def test_standard_validation(self):
		with self.assertRaises(PayStandardError) as raised:
			make_pay_standard(post_pay=-1)
		self.assertIn("Post Pay", str(raised.exception))
		self.assertIn("-1", str(raised.exception))
		with self.assertRaises(PayStandardError) as raised:
			make_pay_standard(performance_excellent=-50)
		self.assertIn("Excellent", str(raised.exception))
		with self.assertRaises(PayStandardError) as raised:
			make_pay_standard(yearly_growth_percent=120)
		self.assertIn("120", str(raised.exception))
		# One standard per post, community type and date; blank type is its own (any type).
		with self.assertRaises(PayStandardError) as raised:
			make_pay_standard("Secretary", "Urban", "2020-01-01", post_pay=2500)
		self.assertIn(self.urban, str(raised.exception))
		with self.assertRaises(PayStandardError):
			make_pay_standard("Community Worker", None, "2020-01-01", post_pay=1)
		other = make_pay_standard("Secretary", None, "2020-01-01", post_pay=2400)
		other.delete()
		# Saving a standard again is not a duplicate of itself.
		frappe.get_doc("Pay Standard", self.urban).save()

	def test_post_options_are_the_cadre_positions(self):
		from community_gov.constants import cadre_positions, doctype_options

		self.assertEqual(doctype_options("Pay Standard", "post"), cadre_positions())
