"""The cadre's personal space (/my): signing its agreement, writing its self-summary through the year, its
file, the notices, the mobile-number login; every write limited to its own record and fields."""

import random

import frappe
from frappe.core.doctype.user.user import User
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_test_client, nowdate
from frappe.utils.password import update_password

from community_gov.api import set_reason
from community_gov.dates import current_year
from community_gov.exceptions import (
	AgreementNotPendingError,
	SelfSummaryClosedError,
	SelfSummaryIncompleteError,
	SigningNoteRequiredError,
)
from community_gov.portal import assessment as my_assessment
from community_gov.portal import home, notices, profile, shell, targets
from community_gov.query_counter import QueryCounter
from community_gov.tests.factories import (
	add_reviewer,
	amend,
	future,
	make_agreement,
	make_assessment,
	make_cadre,
	make_community,
	make_pay_record,
	make_program,
	make_session,
	make_sub_district,
	make_user,
)

PASSWORD = "Portal@2026"
SUMMARY = {
	"integrity": "坚定理想信念,对党忠诚",
	"ability": "统筹推进社区治理",
	"diligence": "全年无缺勤,夜间值守",
	"performance": "完成年度目标任务",
	"honesty": "严守廉洁纪律",
}
PAYLOAD = '认真履职<img src=x onerror="alert(1)"><script>alert(2)</script>'


def unused_mobile() -> str:
	"""A mobile number no user has (the test site keeps committed users between runs)."""
	while True:
		number = f"139{random.randrange(10**8):08d}"
		if not frappe.db.exists("User", {"mobile_no": number}):
			return number


def pending_agreement(cadre: str, year: int):
	return apply_workflow(make_agreement(cadre, year, sign=False), "Send for Signature")


class TestCadrePortal(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.sub_district = make_sub_district().name
		cls.community = make_community(cls.sub_district).name
		cls.org = make_user(["Organization Department"]).name
		cls.reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(cls.sub_district, cls.reviewer)
		cls.year = current_year()

	def setUp(self):
		frappe.set_user("Administrator")
		self.user, self.cadre = self.cadre_with_login()

	def tearDown(self):
		frappe.set_user("Administrator")

	def cadre_with_login(self, **values) -> tuple[str, str]:
		user = make_user(["Cadre"]).name
		return user, make_cadre(self.community, user=user, **values).name

	def as_user(self, user: str):
		frappe.set_user(user)
		return self

	# ------------------------------------------------------------ 我的目标

	def test_a_secretary_signs_its_own_agreement_on_the_portal(self):
		agreement = pending_agreement(self.cadre, self.year)
		frappe.set_user(self.user)
		data = targets.targets_page_data()
		self.assertEqual([row.name for row in data["pending"]], [agreement.name])
		self.assertEqual(len(data["pending"][0].targets), 3)
		result = targets.sign_agreement(agreement.name)
		frappe.set_user("Administrator")
		signed = frappe.get_doc("Target Agreement", agreement.name)
		self.assertEqual((signed.workflow_state, signed.docstatus), ("Signed", 1))
		self.assertEqual((signed.signed_by, signed.signing_method), (self.user, "Portal"))
		self.assertTrue(signed.signed_on)
		self.assertEqual(str(signed.signed_by_cadre_on), nowdate())
		self.assertIn(str(self.year), result["message"])
		frappe.set_user(self.user)
		data = targets.targets_page_data()
		self.assertEqual((data["pending"], [row.name for row in data["signed"]]), ([], [agreement.name]))

	def test_signing_another_cadres_agreement_is_refused(self):
		_other_user, other = self.cadre_with_login()
		agreement = pending_agreement(other, self.year)
		frappe.set_user(self.user)
		for name in (agreement.name, "TA-NO-SUCH-AGREEMENT"):
			with self.assertRaises(frappe.PermissionError):
				targets.sign_agreement(name)
		# Nor through the workflow or a save of the document itself.
		with self.assertRaises(frappe.PermissionError):
			apply_workflow(frappe.get_doc("Target Agreement", agreement.name), "Sign")
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value("Target Agreement", agreement.name, "workflow_state"), "Pending Signature"
		)

	def test_an_agreement_not_waiting_for_the_signature_is_not_signed(self):
		draft = make_agreement(self.cadre, self.year, sign=False)
		frappe.set_user(self.user)
		with self.assertRaises(AgreementNotPendingError):
			targets.sign_agreement(draft.name)
		frappe.set_user("Administrator")
		signed = make_agreement(self.cadre, self.year - 1)
		frappe.set_user(self.user)
		with self.assertRaises(AgreementNotPendingError):
			targets.sign_agreement(signed.name)
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Target Agreement", draft.name, "docstatus"), 0)

	def test_a_cadre_cannot_change_the_agreement_it_signs(self):
		agreement = pending_agreement(self.cadre, self.year)
		frappe.set_user(self.user)
		doc = frappe.get_doc("Target Agreement", agreement.name)
		doc.targets[0].weight, doc.targets[1].weight = 10, 60
		with self.assertRaises(frappe.PermissionError):
			doc.save()
		doc = frappe.get_doc("Target Agreement", agreement.name)
		doc.remarks = "改写"
		with self.assertRaises(frappe.PermissionError):
			doc.submit()
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Target Agreement", agreement.name, "docstatus"), 0)

	def test_hr_records_a_paper_signature_with_a_note(self):
		agreement = pending_agreement(self.cadre, self.year)
		frappe.set_user(self.org)
		# The secretary's own action is not HR's; a paper signature needs its note.
		with self.assertRaises(WorkflowTransitionError):
			apply_workflow(frappe.get_doc("Target Agreement", agreement.name), "Sign")
		with self.assertRaises(SigningNoteRequiredError):
			apply_workflow(frappe.get_doc("Target Agreement", agreement.name), "Record Paper Signature")
		note = "2月15日在街道党工委会议室签订纸质责任书"
		set_reason("Target Agreement", agreement.name, "Record Paper Signature", note)
		apply_workflow(frappe.get_doc("Target Agreement", agreement.name), "Record Paper Signature")
		frappe.set_user("Administrator")
		signed = frappe.get_doc("Target Agreement", agreement.name)
		self.assertEqual((signed.workflow_state, signed.docstatus), ("Signed", 1))
		self.assertEqual(
			(signed.signing_method, signed.signed_by, signed.signing_note),
			("Paper (recorded by HR)", self.org, note),
		)
		self.assertTrue(signed.signed_on)
		frappe.set_user(self.user)
		self.assertEqual(targets.targets_page_data()["signed"][0].signing_method, "Paper (recorded by HR)")

	def test_an_amended_agreement_is_signed_again(self):
		agreement = pending_agreement(self.cadre, self.year)
		frappe.set_user(self.user)
		targets.sign_agreement(agreement.name)
		frappe.set_user("Administrator")
		cancelled = apply_workflow(frappe.get_doc("Target Agreement", agreement.name), "Cancel")
		amended = amend(cancelled)
		self.assertFalse(
			amended.signed_by or amended.signed_on or amended.signing_method or amended.signing_note
		)
		apply_workflow(amended, "Send for Signature")
		frappe.set_user(self.user)
		targets.sign_agreement(amended.name)
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Target Agreement", amended.name, "signing_method"), "Portal")

	def test_a_reviewer_records_a_paper_signature_in_its_sub_district(self):
		agreement = pending_agreement(self.cadre, self.year)
		frappe.set_user(self.reviewer)
		set_reason("Target Agreement", agreement.name, "Record Paper Signature", "纸质签订")
		apply_workflow(frappe.get_doc("Target Agreement", agreement.name), "Record Paper Signature")
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Target Agreement", agreement.name, "signed_by"), self.reviewer)

	# ------------------------------------------------------------ 我的考核

	def test_the_self_summary_through_the_year(self):
		assessment = make_assessment(self.cadre, self.year - 1, until="Draft")
		frappe.set_user(self.user)
		data = my_assessment.assessment_page_data()
		self.assertEqual([row.name for row in data["open"]], [assessment.name])

		# A draft is kept, cleaned as any save cleans; an incomplete summary is not submitted.
		my_assessment.save_self_summary(assessment.name, integrity=PAYLOAD, ability=SUMMARY["ability"])
		stored = frappe.db.get_value("Annual Assessment", assessment.name, ["workflow_state", "summary_integrity",
			"summary_ability"], as_dict=True)  # fmt: skip
		self.assertEqual(stored.workflow_state, "Draft")
		self.assertEqual(stored.summary_ability, SUMMARY["ability"])
		self.assertIn("认真履职", stored.summary_integrity)
		for marker in ("onerror", "<script"):
			self.assertNotIn(marker, stored.summary_integrity.lower())
		with self.assertRaises(SelfSummaryIncompleteError):
			my_assessment.submit_self_assessment(assessment.name, diligence="", performance="完成任务")
		self.assertEqual(frappe.db.get_value("Annual Assessment", assessment.name, "workflow_state"), "Draft")

		result = my_assessment.submit_self_assessment(assessment.name, **SUMMARY)
		self.assertEqual(result["workflow_state"], "Self Assessed")
		with self.assertRaises(SelfSummaryClosedError):
			my_assessment.save_self_summary(assessment.name, integrity="再改")

		# The reviewer returns it with a reason, which the cadre reads; it revises and resubmits.
		reason = "“绩”部分请补充为民服务的具体事例"
		frappe.set_user(self.reviewer)
		set_reason("Annual Assessment", assessment.name, "Return", reason)
		apply_workflow(frappe.get_doc("Annual Assessment", assessment.name), "Return")
		frappe.set_user(self.user)
		returned = my_assessment.assessment_page_data()["open"][0]
		self.assertEqual((returned.workflow_state, returned.return_reason), ("Returned", reason))
		# What the page's script shows: the method's data.
		self.assertEqual(my_assessment.get_my_assessments()["open"][0].return_reason, reason)
		my_assessment.submit_self_assessment(
			assessment.name, performance="完成年度目标任务,办结为民服务事项326件"
		)
		self.assertEqual(
			frappe.db.get_value("Annual Assessment", assessment.name, "workflow_state"), "Self Assessed"
		)

		# Reviewed and approved: the cadre sees its result.
		frappe.set_user(self.reviewer)
		apply_workflow(frappe.get_doc("Annual Assessment", assessment.name), "Review")
		frappe.set_user(self.org)
		apply_workflow(frappe.get_doc("Annual Assessment", assessment.name), "Approve")
		frappe.set_user(self.user)
		data = my_assessment.assessment_page_data()
		self.assertEqual(data["open"], [])
		result = data["results"][0]
		self.assertEqual((result.year, result.grade, result.total_score), (self.year - 1, "Competent", 80))
		self.assertEqual(result.satisfaction_rate, 80)
		self.assertEqual(
			[(row.area, row.score, row.weight) for row in result.areas],
			[("Social Stability", 24, 30), ("Serving Residents", 32, 40), ("Party Building", 24, 30)],
		)
		self.assertEqual(
			frappe.db.get_value("Annual Assessment", assessment.name, "summary_performance"),
			"完成年度目标任务,办结为民服务事项326件",
		)

	def test_earlier_years_results_are_listed(self):
		make_assessment(self.cadre, self.year - 3)
		make_assessment(self.cadre, self.year - 2, target_percent=50, satisfaction=50)
		frappe.set_user(self.user)
		results = my_assessment.assessment_page_data()["results"]
		self.assertEqual(
			[(row.year, row.grade) for row in results],
			[(self.year - 2, "Fail"), (self.year - 3, "Competent")],
		)

	def test_writes_to_other_records_or_reviewer_fields_are_refused(self):
		_other_user, other = self.cadre_with_login()
		others = make_assessment(other, self.year - 1, until="Draft")
		own = make_assessment(self.cadre, self.year - 1, until="Draft")
		frappe.set_user(self.user)
		for method in (my_assessment.save_self_summary, my_assessment.submit_self_assessment):
			with self.assertRaises(frappe.PermissionError):
				method(others.name, **SUMMARY)
		# Whatever the request carries, the method takes the five parts only.
		frappe.call("community_gov.portal.assessment.save_self_summary", assessment=own.name,
			integrity="自评", satisfaction_rate=100, return_reason="无", grade="Excellent", cadre=other)  # fmt: skip
		# A save of the document itself: fields above the cadre's level are put back as stored.
		doc = frappe.get_doc("Annual Assessment", own.name)
		doc.satisfaction_rate = 100
		doc.scores[0].score = doc.scores[0].weight
		doc.reviewer_opinion = "优秀"
		doc.summary_honesty = "廉洁自律"
		doc.save()
		frappe.set_user("Administrator")
		stored = frappe.get_doc("Annual Assessment", own.name)
		self.assertEqual((stored.summary_integrity, stored.summary_honesty), ("自评", "廉洁自律"))
		self.assertEqual(
			(stored.satisfaction_rate, stored.cadre, stored.reviewer_opinion), (80, self.cadre, None)
		)
		self.assertEqual(stored.scores[0].score, own.scores[0].score)
		self.assertFalse(frappe.db.get_value("Annual Assessment", others.name, "summary_integrity"))
		# Once with the reviewers, not even its own self-summary.
		frappe.set_user(self.user)
		my_assessment.submit_self_assessment(own.name, **SUMMARY)
		doc = frappe.get_doc("Annual Assessment", own.name)
		doc.summary_integrity = "改写"
		with self.assertRaises(frappe.PermissionError):
			doc.save()

	# ------------------------------------------------------------ 我的档案

	def test_the_file_shows_what_a_cadre_may_read(self):
		frappe.db.set_value("Cadre", self.cadre, {"phone": "13800138000", "native_place": "山东济南"})
		make_pay_record(self.cadre, "2024-01-01", 4321)
		doc = frappe.get_doc("Cadre", self.cadre)
		doc.append("honours", {"honour": "优秀党务工作者", "level": "District", "awarded_on": "2024-07-01"})
		doc.save()
		session = make_session(
			make_program().name, future(-30), attendees=[{"cadre": self.cadre}], status="Completed"
		)
		frappe.set_user(self.user)
		data = profile.profile_page_data()
		shown = {field.label: field.value for section in data["sections"] for field in section.fields}
		self.assertEqual(shown[frappe._("Native Place")], "山东济南")
		self.assertIn(frappe._("ID Number (Masked)"), shown)
		for hidden in ("Monthly Pay", "ID Number", "Calendar Feed Token Hash", "User"):
			self.assertNotIn(frappe._(hidden), shown)
		self.assertNotIn("4321", str(shown))
		self.assertEqual([row.honour for row in data["honours"]], ["优秀党务工作者"])
		self.assertEqual([row.title for row in data["training"]], [session.title])
		self.assertEqual(data["training_hours"], 3)

	# ------------------------------------------------------------ notices

	def test_notices_follow_the_year_and_can_be_switched_off(self):
		agreement = pending_agreement(self.cadre, self.year)
		assessment = make_assessment(self.cadre, self.year - 1, until="Draft")
		self.assertEqual(self.logs_for(agreement.name), 1)
		self.assertEqual(self.logs_for(assessment.name), 1)
		frappe.set_user(self.user)
		data = home.home_page_data()
		self.assertEqual([n.kind for n in data["notices"]], ["agreement_to_sign", "self_assessment_to_write"])
		my_assessment.submit_self_assessment(assessment.name, **SUMMARY)
		frappe.set_user(self.reviewer)
		set_reason("Annual Assessment", assessment.name, "Return", "请补充")
		apply_workflow(frappe.get_doc("Annual Assessment", assessment.name), "Return")
		self.assertEqual(self.logs_for(assessment.name), 2)
		frappe.set_user(self.user)
		returned = [n for n in home.home_page_data()["notices"] if n.kind == "assessment_returned"]
		self.assertEqual(len(returned), 1)
		self.assertIn("请补充", returned[0].text)
		my_assessment.submit_self_assessment(assessment.name, **SUMMARY)
		frappe.set_user("Administrator")
		apply_workflow(
			apply_workflow(frappe.get_doc("Annual Assessment", assessment.name), "Review"), "Approve"
		)
		self.assertEqual(self.logs_for(assessment.name), 3)
		frappe.set_user(self.user)
		kinds = [n.kind for n in home.home_page_data()["notices"]]
		self.assertEqual(kinds, ["agreement_to_sign", "results_approved"])

		# Switched off: neither sent nor listed.
		frappe.set_user("Administrator")
		self.switch("notify_agreement_to_sign", 0)
		try:
			next_year = pending_agreement(self.cadre, self.year + 1)
			self.assertEqual(self.logs_for(next_year.name), 0)
			frappe.set_user(self.user)
			self.assertNotIn("agreement_to_sign", [n.kind for n in home.home_page_data()["notices"]])
		finally:
			frappe.set_user("Administrator")
			self.switch("notify_agreement_to_sign", 1)

	def test_a_session_tomorrow_is_a_notice(self):
		program = make_program().name
		session = make_session(program, future(1, hour=14), attendees=[{"cadre": self.cadre}])
		frappe.set_user(self.user)
		tomorrow = [n for n in home.home_page_data()["notices"] if n.kind == "session_tomorrow"]
		self.assertEqual(len(tomorrow), 1)
		self.assertIn(session.title, tomorrow[0].text)
		frappe.set_user("Administrator")
		self.switch("send_session_reminders", 0)
		try:
			frappe.set_user(self.user)
			self.assertEqual(
				[n for n in home.home_page_data()["notices"] if n.kind == "session_tomorrow"], []
			)
		finally:
			frappe.set_user("Administrator")
			self.switch("send_session_reminders", 1)

	def test_the_home_page_costs_the_same_whatever_the_history(self):
		frappe.set_user(self.user)
		with QueryCounter() as empty:
			home.home_page_data()
		frappe.set_user("Administrator")
		for offset in (1, 2, 3):
			make_assessment(self.cadre, self.year - offset)
		pending_agreement(self.cadre, self.year)
		frappe.set_user(self.user)
		with QueryCounter() as full:
			home.home_page_data()
		self.assertLessEqual(full.count, empty.count + 2)  # the targets and scores of what there is

	def switch(self, fieldname: str, value: int) -> None:
		frappe.db.set_single_value("Governance Settings", fieldname, value)
		frappe.clear_document_cache("Governance Settings", "Governance Settings")

	def logs_for(self, document_name: str) -> int:
		return frappe.db.count("Notification Log", {"for_user": self.user, "document_name": document_name})

	# ------------------------------------------------------------ login and pages

	def test_a_cadre_logs_in_with_its_mobile_number(self):
		self.assertEqual(frappe.db.get_single_value("System Settings", "allow_login_using_mobile_number"), 1)
		first, second = unused_mobile(), unused_mobile()
		user, cadre = self.cadre_with_login(phone=f"{first[:3]} {first[3:7]} {first[7:]}")
		self.assertEqual(frappe.db.get_value("User", user, "mobile_no"), first)
		# A new number follows; a landline is no login.
		doc = frappe.get_doc("Cadre", cadre)
		doc.phone = second
		doc.save()
		self.assertEqual(frappe.db.get_value("User", user, "mobile_no"), second)
		doc.phone = "0531-86012345"
		doc.save()
		self.assertEqual(frappe.db.get_value("User", user, "mobile_no"), second)
		update_password(user, PASSWORD)
		found = User.find_by_credentials(second, PASSWORD)
		self.assertEqual((found["name"], found["is_authenticated"]), (user, True))
		frappe.db.commit()
		response = make_request(target=get_test_client(use_cookies=True).post, args=("/api/method/login",),
			kwargs={"data": {"usr": second, "pwd": PASSWORD}}, site=frappe.local.site)  # fmt: skip
		self.assertEqual(response.status_code, 200, response.text)
		# Another login with that number already: not taken over.
		other_user, other = self.cadre_with_login()
		doc = frappe.get_doc("Cadre", other)
		doc.phone = second
		doc.save()
		self.assertFalse(frappe.db.get_value("User", other_user, "mobile_no"))

	def test_pages_are_a_shell_without_the_cadres_data(self):
		"""Each page of the space is the light shell (its menu, its script's strings and the translations of the
		options it shows), the same for every cadre, so it is cached; its data comes from its method."""
		agreement = pending_agreement(self.cadre, self.year)
		frappe.db.set_value("Target Agreement", agreement.name, "remarks", PAYLOAD)
		full_name = frappe.db.get_value("Cadre", self.cadre, "full_name")
		frappe.set_user(self.user)
		for route, page in shell.SHELLS.items():
			html = self.render(f"/{route}")
			# not assertIn: the page would be printed whole
			self.assertTrue(f'data-page="{page}"' in html and 'href="/my/targets"' in html, route)
			self.assertTrue("/assets/community_gov/js/portal.js?v=" in html, route)
			self.assertFalse(
				full_name in html or agreement.name in html or "templates/web.html" in html, route
			)
			self.assertLess(len(html), 20_000, route)  # not Frappe's website page (over 300 KB)
		self.assertTrue(
			frappe.cache.hget(shell.CACHE_KEY, f"training:{frappe.local.lang}:{shell.asset_version()}")
		)
		pending = targets.get_my_targets()["pending"]
		self.assertEqual([(row.name, row.remarks) for row in pending], [(agreement.name, PAYLOAD)])

	def test_the_shell_carries_the_script_strings_and_option_labels(self):
		frappe.local.lang = "zh"
		try:
			messages = shell.script_messages("training")
			self.assertEqual(messages["Upcoming Sessions"], "即将开始的培训")
			self.assertIn("Something went wrong. Please try again.", messages)  # the shared part's
			# A page's own strings only: the signing dialog's are on 我的目标.
			self.assertNotIn("Sign the Target Agreement", messages)
			self.assertIn("Sign the Target Agreement", shell.script_messages("targets"))
			self.assertEqual(shell.option_labels("training")["Secretary"], "书记")
			self.assertEqual(shell.option_labels("home")["Pending Signature"], "待签订")
			self.assertNotIn("</script>", shell.script_json({"text": "</script><b>"}))
		finally:
			frappe.local.lang = "en"
			frappe.local.lang_full_dict = None

	def test_a_logged_in_cadre_gets_the_shell_over_http(self):
		update_password(self.user, PASSWORD)
		frappe.db.commit()
		client = get_test_client(use_cookies=True)
		site = frappe.local.site
		login = make_request(target=client.post, args=("/api/method/login",),
			kwargs={"data": {"usr": self.user, "pwd": PASSWORD}}, site=site)  # fmt: skip
		self.assertEqual(login.status_code, 200, login.text)
		page = make_request(target=client.get, args=("/training",), site=site)
		self.assertEqual(page.status_code, 200)
		self.assertTrue('data-page="training"' in page.text and "private" in page.headers["Cache-Control"])
		data = make_request(target=client.get, args=("/api/method/community_gov.training.portal.get_my_training",),
			site=site)  # fmt: skip
		self.assertEqual(data.json["message"]["cadre"]["name"], self.cadre)

	def test_guests_and_desk_users_have_no_space(self):
		frappe.set_user("Guest")
		with self.assertRaises(frappe.PermissionError):
			home.home_page_data()
		frappe.set_user(self.org)
		for fetch in (
			home.get_my_space,
			targets.get_my_targets,
			my_assessment.get_my_assessments,
			profile.get_my_profile,
		):
			with self.assertRaises(frappe.PermissionError):
				fetch()
		frappe.db.commit()
		response = make_request(target=get_test_client(use_cookies=False).get, args=("/my/assessment",),
			kwargs={"follow_redirects": False}, site=frappe.local.site)  # fmt: skip
		self.assertIn(response.status_code, (301, 302))
		self.assertIn("/login", response.headers["Location"])

	def render(self, route: str) -> str:
		"""The page as the current user gets it."""
		from frappe.utils import set_request
		from frappe.website.serve import get_response

		set_request(method="GET", path=route)
		response = get_response(route.lstrip("/"))
		self.assertEqual(response.status_code, 200, route)
		return response.get_data(as_text=True)

	def test_notices_are_texts_for_the_page(self):
		self.assertEqual(set(notices.SWITCHES), set(notices.ROUTES))
