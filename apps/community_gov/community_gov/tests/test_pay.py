"""Pay (seeds 000, 003, 004): dated pay standards, the pay due against the pay on record in the Cadre Pay
report, the social-insurance flags, and who may see any of it (the Organization Department only).

Standards (as on 2026-06-30 unless said):
- Secretary, Urban: 1,600 from 2017-01-01; 2,487 from 2020-01-01 with a work subsidy of 1,100, 200 for a
  secretary also director (一肩挑), 30 per year of service (at most 30 years), performance 600 / 400 / 200 / 0.
- Secretary, Village-to-Residential: 600 from 2017-01-01; 2,368.5 from 2020-01-01, the rest as urban.
- Community Worker, any community type: 1,800 from 2020-01-01, growing 2% a year, subsidy 900, 30 a year.
"""

from __future__ import annotations

import frappe
from frappe.desk.query_report import run as run_report
from frappe.tests.utils import FrappeTestCase

from community_gov.community_governance.report.cadre_pay.cadre_pay import execute
from community_gov.exceptions import PayStandardError
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
	make_pay_standard,
	make_sub_district,
	make_user,
	rest_get,
)

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
INSURED = dict.fromkeys(INSURANCE_FIELDS, 1)


class TestPay(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		# Standards are the district's, not per sub-district: this module's are the only ones.
		frappe.db.delete("Pay Standard")
		cls.sd_a, cls.sd_b = make_sub_district().name, make_sub_district().name
		urban_a = make_community(cls.sd_a).name
		village_a = make_community(cls.sd_a, community_type="Village-to-Residential").name
		urban_b = make_community(cls.sd_b).name

		cls.old_urban = make_pay_standard("Secretary", "Urban", "2017-01-01", post_pay=1600).name
		cls.old_village = make_pay_standard(
			"Secretary", "Village-to-Residential", "2017-01-01", post_pay=600
		).name
		cls.urban = make_pay_standard("Secretary", "Urban", "2020-01-01", post_pay=2487, **AFTER_RAISE).name
		cls.village = make_pay_standard(
			"Secretary", "Village-to-Residential", "2020-01-01", post_pay=2368.5, **AFTER_RAISE
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
		# Urban secretary, also director, 11 years of service, Competent in 2025 (Fail in 2024), paid 4,300.
		cls.urban_secretary = make_cadre(
			urban_a,
			also_director=1,
			service_start_date="2014-07-01",
			monthly_pay=4300,
			user=cls.cadre_user,
			**INSURED,
		).name
		make_assessment(cls.urban_secretary, 2024, **FAIL)
		make_assessment(cls.urban_secretary, 2025, **COMPETENT)
		# Village-to-residential secretary, 26 years of service, Fail in 2025 (a 2026 Competent not yet
		# approved does not count), paid 5,000, without unemployment and maternity insurance.
		cls.village_secretary = make_cadre(
			village_a,
			service_start_date="2000-01-01",
			monthly_pay=5000,
			**{**INSURED, "unemployment_insurance": 0, "maternity_insurance": 0},
		).name
		make_assessment(cls.village_secretary, 2025, **FAIL)
		make_assessment(cls.village_secretary, 2026, **COMPETENT, until="Reviewed")
		# A community worker of 3 years, no pay on record, no insurance; a first secretary (no standard).
		cls.worker = make_cadre(urban_a, position="Community Worker", service_start_date="2023-03-01").name
		cls.first_secretary = make_cadre(
			urban_a, position="First Secretary", monthly_pay=5000, **INSURED
		).name
		make_cadre(urban_a, status="Retired", monthly_pay=100, **INSURED)  # not listed
		# B: a secretary since 2020, never assessed, paid 3,000.
		cls.secretary_b = make_cadre(
			urban_b, service_start_date="2020-01-01", monthly_pay=3000, **INSURED
		).name

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

	# ------------------------------------------------------------ the figures

	def test_pay_due_by_component_against_the_pay_on_record(self):
		rows, columns, summary = self.run_pay(sub_district=self.sd_a)
		self.assertEqual(
			set(rows), {self.urban_secretary, self.village_secretary, self.worker, self.first_secretary}
		)

		def figures(name):
			row = rows[name]
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

		# 2,487 + 11 × 30 + (1,100 + 200) + 400 (Competent 2025) = 4,517; paid 4,300: 217 short.
		self.assertEqual(
			figures(self.urban_secretary), (self.urban, 2487, 11, 330, 1300, 400, 4517, 4300, -217)
		)
		self.assertEqual(rows[self.urban_secretary]["grade_year"], 2025)
		self.assertEqual(rows[self.urban_secretary]["below_standard"], 1)
		# 2,368.5 + 26 × 30 + 1,100 + 0 (Fail 2025) = 4,248.5; paid 5,000: 751.5 above.
		self.assertEqual(
			figures(self.village_secretary), (self.village, 2368.5, 26, 780, 1100, 0, 4248.5, 5000, 751.5)
		)
		self.assertEqual(rows[self.village_secretary]["grade_year"], 2025)
		# 1,800 × 1.02^6 = 2,027.09, + 3 × 30 + 900 = 3,017.09; nothing on record.
		self.assertEqual(
			figures(self.worker), (self.worker_standard, 2027.09, 3, 90, 900, 0, 3017.09, None, None)
		)
		self.assertEqual(rows[self.worker]["below_standard"], 0)
		self.assertEqual(rows[self.first_secretary]["standard"], None)
		self.assertEqual(rows[self.first_secretary]["recorded"], 5000)

		self.assertEqual(rows[self.urban_secretary]["missing_insurances"], "")
		self.assertEqual(
			rows[self.village_secretary]["missing_insurances"], "Unemployment Insurance、Maternity Insurance"
		)
		self.assertEqual(rows[self.worker]["missing_insurance_count"], 5)
		# Cadres 4; below standard 1 (217 short); no standard 1; missing an insurance 2.
		self.assertEqual([item["value"] for item in summary], [4, 1, 217, 1, 2])
		self.assertIn("difference", [column["fieldname"] for column in columns])

	def test_the_standard_in_force_follows_the_date(self):
		rows, _columns, summary = self.run_pay(sub_district=self.sd_a, as_on_date="2019-12-31")
		# Before the raise: 1,600 and 600, nothing else in those standards; the worker's starts in 2020.
		self.assertEqual(
			(rows[self.urban_secretary]["standard"], rows[self.urban_secretary]["due"]),
			(self.old_urban, 1600),
		)
		self.assertEqual(
			(rows[self.village_secretary]["standard"], rows[self.village_secretary]["due"]),
			(self.old_village, 600),
		)
		self.assertEqual(rows[self.urban_secretary]["difference"], 2700)
		self.assertEqual(rows[self.worker]["standard"], None)
		self.assertEqual([item["value"] for item in summary], [4, 0, 0, 2, 2])
		# The first day of the raise; the latest grade then is 2024's Fail for the urban secretary: no
		# performance pay, and 5 years of service: 2,487 + 150 + 1,300 + 0 = 3,937.
		rows, *_rest = self.run_pay(sub_district=self.sd_a, as_on_date="2020-01-01")
		self.assertEqual(
			(rows[self.urban_secretary]["standard"], rows[self.urban_secretary]["due"]), (self.urban, 3937)
		)
		self.assertEqual(rows[self.urban_secretary]["grade"], None)

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

		rows, columns, summary = self.run_pay(sub_district=self.sd_b, group_by="Sub District")
		# 2,487 + 6 × 30 + 1,100 = 3,767 due, 3,000 paid: 767 short.
		self.assertEqual(
			rows[self.sd_b],
			{
				"sub_district": self.sd_b,
				"cadres": 1,
				"below_standard": 1,
				"no_standard": 0,
				"missing_insurance": 0,
				"due": 3767,
				"recorded": 3000,
				"shortfall": 767,
			},
		)
		self.assertEqual(rows["Total"]["shortfall"], 767)
		self.assertEqual([item["value"] for item in summary], [1, 1, 767, 0, 0])
		rows, *_rest = self.run_pay(sub_district=self.sd_a, group_by="Sub District")
		# Due and on record over the cadres with a standard: 4,517 + 4,248.5 + 3,017.09; 4,300 + 5,000.
		self.assertEqual(
			{
				key: rows[self.sd_a][key]
				for key in ("cadres", "below_standard", "no_standard", "due", "recorded", "shortfall")
			},
			{
				"cadres": 4,
				"below_standard": 1,
				"no_standard": 1,
				"due": 11782.59,
				"recorded": 9300,
				"shortfall": 217,
			},
		)

	def test_query_count_does_not_grow_with_rows(self):
		execute({"as_on_date": AS_ON})  # warm the metadata caches
		with QueryCounter() as few:
			execute({"as_on_date": AS_ON, "sub_district": self.sd_b})
		with QueryCounter() as many:
			execute({"as_on_date": AS_ON})
		self.assertEqual(few.count, many.count)
		self.assertLessEqual(many.count, 3)  # cadres with communities, standards, assessments

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

	def test_pay_standards_are_the_department_s(self):
		frappe.set_user(self.org)
		self.assertTrue(frappe.has_permission("Pay Standard", "create"))
		self.assertIn(self.urban, frappe.get_list("Pay Standard", pluck="name"))
		for user in (self.leader, self.reviewer, self.cadre_user):
			frappe.set_user(user)
			self.assertFalse(frappe.has_permission("Pay Standard", "read", self.urban), user)
			with self.assertRaises(frappe.PermissionError, msg=user):
				frappe.get_list("Pay Standard")

	def test_the_workspace_links_show_to_the_department_only(self):
		import json

		from frappe.desk.desktop import get_desktop_page

		page = json.dumps({"name": "Community Governance", "title": "Community Governance", "public": 1})

		def linked(user):
			frappe.set_user(user)
			cards = get_desktop_page(page)["cards"]["items"]
			return {link["link_to"] for card in cards for link in card["links"]}

		self.assertLessEqual({"Pay Standard", "Cadre Pay"}, linked(self.org))
		for user in (self.leader, self.reviewer):
			self.assertFalse({"Pay Standard", "Cadre Pay"} & linked(user), user)

	def test_insurance_flags_and_pay_hidden_from_others(self):
		tokens = {user: api_token(user) for user in (self.org, self.leader, self.reviewer, self.cadre_user)}
		frappe.db.commit()  # the REST calls below run on their own connection
		path = f"/api/resource/Cadre/{self.urban_secretary}"
		org = rest_get(path, tokens[self.org]).json["data"]
		self.assertEqual([org[field] for field in INSURANCE_FIELDS], [1] * 5)
		self.assertEqual(org["monthly_pay"], 4300)
		for user in (self.leader, self.reviewer, self.cadre_user):
			data = rest_get(path, tokens[user]).json["data"]
			self.assertFalse([field for field in (*INSURANCE_FIELDS, "monthly_pay") if data.get(field)], user)
			# The form's load (get_doc with Frappe's field-level read permissions) as that user.
			frappe.set_user(user)
			doc = frappe.get_doc("Cadre", self.urban_secretary)
			doc.apply_fieldlevel_read_permissions()
			self.assertFalse([field for field in INSURANCE_FIELDS if doc.get(field)], user)
			frappe.set_user("Administrator")
		# Filtering by a hidden flag would read it back: refused.
		response = rest_get('/api/resource/Cadre?filters=[["pension_insurance","=",1]]', tokens[self.leader])
		self.assertEqual(response.status_code, 403)

	def test_a_reviewer_cannot_change_the_flags(self):
		frappe.set_user(self.reviewer)
		doc = frappe.get_doc("Cadre", self.village_secretary)
		doc.unemployment_insurance = 1
		doc.monthly_pay = 9999
		doc.native_place = "山东济南"
		doc.save()
		frappe.set_user("Administrator")
		stored = frappe.db.get_value(
			"Cadre", self.village_secretary, ["unemployment_insurance", "monthly_pay", "native_place"]
		)
		self.assertEqual(stored, (0, 5000, "山东济南"))

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
