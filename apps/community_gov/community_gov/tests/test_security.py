"""The holes found when the demo was tried as an attacker, each as it was reproduced (REST calls with the
user's credentials where that was the path), next to the general access matrix."""

import json
import threading

import frappe
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_test_client

from community_gov.tests.factories import (
	COMPETENT,
	add_reviewer,
	api_token,
	cadre_values,
	future,
	make_assessment,
	make_cadre,
	make_community,
	make_pay_record,
	make_program,
	make_session,
	make_sub_district,
	make_user,
	rest_get,
)
from community_gov.training import portal

PAYLOAD = '<img src=x onerror="alert(1)">'


def rest(method: str, path: str, token: str, data: dict | None = None):
	client = get_test_client(use_cookies=False)
	return make_request(
		target=getattr(client, method),
		args=(path,),
		kwargs={"json": data, "headers": {"Authorization": token}} if data is not None else {"headers": {"Authorization": token}},
		site=frappe.local.site,
	)  # fmt: skip


class TestSecurityHoles(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.sd_a, cls.sd_b = make_sub_district().name, make_sub_district().name
		cls.community_a, cls.community_b = make_community(cls.sd_a).name, make_community(cls.sd_b).name
		cls.reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(cls.sd_a, cls.reviewer)
		cls.leader = make_user(["Leadership"]).name
		cls.cadre_user = make_user(["Cadre"]).name
		cls.cadre_a = make_cadre(cls.community_a, user=cls.cadre_user).name
		cls.pay_record = make_pay_record(cls.cadre_a, monthly_pay=2487).name
		cls.cadre_b = make_cadre(cls.community_b).name
		cls.district_program = make_program().name
		cls.district_session = make_session(cls.district_program, future(30)).name
		cls.tokens = {user: api_token(user) for user in (cls.reviewer, cls.leader, cls.cadre_user)}
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_reviewer_cannot_take_over_district_training(self):
		token = self.tokens[self.reviewer]
		move = {"level": "Sub District", "sub_district": self.sd_a}
		response = rest("put", f"/api/resource/Training Program/{self.district_program}", token, move)
		self.assertEqual(response.status_code, 403, response.text)
		response = rest(
			"put", f"/api/resource/Training Session/{self.district_session}", token, {"venue": "x"}
		)
		self.assertEqual(response.status_code, 403, response.text)
		self.assertEqual(frappe.db.get_value("Training Program", self.district_program, "level"), "District")

	def test_reviewer_cannot_nominate_or_enrol_a_foreign_cadre(self):
		token = self.tokens[self.reviewer]
		nomination = {"cadre": self.cadre_b, "community": self.community_a, "target_post": "Secretary",
			"nomination_date": "2025-01-10", "nomination_source": "Community Party Organization"}  # fmt: skip
		response = rest("post", "/api/resource/Reserve Candidate", token, nomination)
		self.assertEqual(response.status_code, 403, response.text)
		self.assertNotIn("date_of_birth", response.text)
		own_program = make_program(level="Sub District", sub_district=self.sd_a).name
		own_session = make_session(own_program, future(31)).name
		frappe.db.commit()
		add = {"attendees": [{"cadre": self.cadre_b, "status": "Enrolled"}]}
		response = rest("put", f"/api/resource/Training Session/{own_session}", token, add)
		self.assertEqual(response.status_code, 403, response.text)

	def test_reviewed_assessment_and_audit_fields_are_locked(self):
		frappe.set_user("Administrator")
		reviewed = make_assessment(make_cadre(self.community_a).name, 2025, **COMPETENT, until="Reviewed")
		frappe.db.commit()
		token = self.tokens[self.reviewer]
		path = f"/api/resource/Annual Assessment/{reviewed.name}"
		response = rest("put", path, token, {"satisfaction_rate": 10})
		self.assertEqual(response.status_code, 403, response.text)
		response = rest(
			"put", path, token, {"grade_override": 1, "override_grade": "Fail", "override_reason": "x"}
		)
		self.assertEqual(response.status_code, 403, response.text)
		self.assertEqual(frappe.db.get_value("Annual Assessment", reviewed.name, "grade"), "Competent")
		# Audit and computed fields take no value from a client, even where the record is editable.
		draft = make_assessment(make_cadre(self.community_a).name, 2025, **COMPETENT, until="Draft")
		frappe.db.commit()
		forged = {
			"reviewed_by": self.leader,
			"approved_by": self.leader,
			"total_score": 99,
			"grade": "Excellent",
		}
		response = rest("put", f"/api/resource/Annual Assessment/{draft.name}", token, forged)
		self.assertEqual(response.status_code, 200, response.text)
		stored = frappe.db.get_value("Annual Assessment", draft.name, list(forged), as_dict=True)
		self.assertEqual((stored.reviewed_by, stored.approved_by, stored.grade), (None, None, "Competent"))
		response = rest("put", f"/api/resource/Community/{self.community_a}", token, {"reserve_count": 99})
		self.assertEqual(response.status_code, 200, response.text)
		self.assertNotEqual(frappe.db.get_value("Community", self.community_a, "reserve_count"), 99)

	def test_personal_data_by_role(self):
		path = f"/api/resource/Cadre/{self.cadre_a}"
		personal = ("id_number", "phone", "date_of_birth")
		leader = rest_get(path, self.tokens[self.leader]).json["data"]
		# Frappe serializes a removed number field as 0: the key may stay, the value never shows.
		self.assertFalse({key for key in personal if leader.get(key)}, leader)
		self.assertRegex(leader["id_number_masked"], r"^\d{6}\*{8}[\dX]{4}$")
		reviewer = rest_get(path, self.tokens[self.reviewer]).json["data"]
		self.assertIn("id_number", reviewer)
		own = rest_get(path, self.tokens[self.cadre_user]).json["data"]
		self.assertIn("id_number", own)
		for data in (leader, reviewer, own):
			self.assertFalse([key for key in data if "calendar" in key], data)
			# Pay is not the cadre record's: it is in the department's pay records only.
			self.assertFalse([key for key in data if "pay" in key or "insurance" in key], data)
		listed = rest_get('/api/resource/Cadre?fields=["name","id_number"]', self.tokens[self.leader])
		self.assertFalse([row for row in listed.json["data"] if row.get("id_number")])
		# The pay records: no other role reads, lists or filters them, whatever it sees of the cadre.
		for user in (self.leader, self.reviewer, self.cadre_user):
			token = self.tokens[user]
			record = rest_get(f"/api/resource/Cadre Pay Record/{self.pay_record}", token)
			self.assertEqual(record.status_code, 403, user)
			self.assertNotIn("2487", record.text)
			for query in ('fields=["name","monthly_pay"]', 'filters=[["monthly_pay",">",2000]]'):
				listed = rest_get(f"/api/resource/Cadre Pay Record?{query}", token)
				self.assertEqual(listed.status_code, 403, f"{user} {query}")

	def test_hidden_fields_cannot_be_read_back_by_filtering(self):
		id_number = frappe.db.get_value("Cadre", self.cadre_a, "id_number")
		by_id = json.dumps([["id_number", "like", id_number[:6] + "%"]])
		for query in (
			f"filters={by_id}",
			"order_by=date_of_birth%20asc",
		):
			response = rest_get(f"/api/resource/Cadre?{query}", self.tokens[self.leader])
			self.assertEqual(response.status_code, 403, f"{query}: {response.text[:200]}")
		exact = json.dumps([["id_number", "=", id_number]])
		response = rest_get(f"/api/resource/Cadre?filters={exact}", self.tokens[self.reviewer])
		self.assertEqual(response.status_code, 200, response.text[:200])
		self.assertEqual([row["name"] for row in response.json["data"]], [self.cadre_a])

	def test_hidden_fields_cannot_be_read_back_through_any_list_endpoint(self):
		"""Every endpoint that reaches a list query, whatever it names its filters: the query itself is checked."""
		prefix = frappe.db.get_value("Cadre", self.cadre_a, "id_number")[:6]
		by_id = json.dumps([["id_number", "like", prefix + "%"]])
		method = "/api/method/"
		for path in (
			f"{method}frappe.desk.listview.get_group_by_count?doctype=Cadre&current_filters={by_id}&field=sub_district",
			f"{method}frappe.desk.listview.get_group_by_count?doctype=Cadre&current_filters=[]&field=date_of_birth",
			f"{method}frappe.client.get_count?doctype=Cadre&filters={by_id}",
			f"{method}frappe.client.get_value?doctype=Cadre&fieldname=name&filters={by_id}",
			f'{method}frappe.desk.reportview.get?doctype=Cadre&fields=["name"]&filters={by_id}',
			f'{method}frappe.desk.reportview.get?doctype=Cadre&fields=["name"]&group_by=phone',
			f"{method}frappe.desk.reportview.get_filter_dashboard_data?doctype=Cadre&filters=[]"
			f'&stats=[{{"name":"phone","type":"Data"}}]',
			f"{method}frappe.desk.search.search_link?doctype=Cadre&txt=&filters={by_id}",
			f"/api/resource/Reserve Candidate?filters={json.dumps([['date_of_birth', '<', '1990-01-01']])}",
		):
			response = rest_get(path, self.tokens[self.leader])
			self.assertEqual(response.status_code, 403, f"{path}: {response.text[:300]}")
		# What the user may read stays usable, by the same endpoints.
		by_name = json.dumps([["full_name", "like", "%"]])
		for path in (
			f"{method}frappe.desk.listview.get_group_by_count?doctype=Cadre&current_filters={by_name}&field=sub_district",
			f"{method}frappe.client.get_count?doctype=Cadre&filters={by_name}",
		):
			response = rest_get(path, self.tokens[self.leader])
			self.assertEqual(response.status_code, 200, f"{path}: {response.text[:300]}")
		response = rest_get(
			f"{method}frappe.client.get_count?doctype=Cadre&filters={by_id}", self.tokens[self.reviewer]
		)
		self.assertEqual((response.status_code, response.json["message"]), (200, 1), response.text[:300])

	def test_change_history_shows_only_fields_the_reader_may_read(self):
		frappe.set_user("Administrator")
		cadre = make_cadre(self.community_a)
		new_phone = "13912345678"
		cadre.phone = new_phone
		cadre.education = "Postgraduate"
		cadre.save(ignore_version=False)
		frappe.db.commit()
		path = f"/api/method/frappe.desk.form.load.getdoc?doctype=Cadre&name={cadre.name}"
		for user, sees_phone in ((self.leader, False), (self.reviewer, True)):
			response = rest_get(path, self.tokens[user])
			self.assertEqual(response.status_code, 200, response.text[:300])
			versions = response.json["docinfo"]["versions"]
			changed = {change[0] for version in versions for change in json.loads(version["data"])["changed"]}
			self.assertIn("education", changed)
			self.assertEqual("phone" in changed, sees_phone, user)
			self.assertEqual(new_phone in json.dumps(versions), sees_phone, user)
		path = f"/api/method/frappe.desk.form.load.get_docinfo?doctype=Cadre&name={cadre.name}"
		response = rest_get(path, self.tokens[self.leader])
		self.assertEqual(response.status_code, 200, response.text[:300])
		self.assertNotIn(new_phone, json.dumps(response.json["docinfo"]["versions"]))

	def test_following_needs_the_whole_record(self):
		"""Frappe mails a follower every change, values included, and checks nothing itself."""
		for user in (self.leader, self.reviewer, self.cadre_user):
			frappe.db.set_value("User", user, "document_follow_notify", 1)
		frappe.db.commit()
		path = "/api/method/frappe.desk.form.document_follow.update_follow"
		for user, cadre, kept in (
			(self.leader, self.cadre_a, False),  # may not read its ID number and phone
			(self.cadre_user, self.cadre_b, False),  # another cadre's record
			(self.reviewer, self.cadre_b, False),  # another sub-district
			(self.reviewer, self.cadre_a, True),
		):
			response = rest(
				"post", path, self.tokens[user], {"doctype": "Cadre", "doc_name": cadre, "following": 1}
			)
			# A website user may not follow at all (Frappe: Desk User); a desk user's follow is taken back.
			self.assertIn(
				response.status_code, (200, 403) if user == self.cadre_user else (200,), response.text
			)
			frappe.db.rollback()  # the request committed on its own connection: read past this one's snapshot
			followed = frappe.db.exists("Document Follow", {"ref_docname": cadre, "user": user})
			self.assertEqual(bool(followed), kept, (user, cadre))
		frappe.db.delete("Document Follow", {"ref_doctype": "Cadre"})
		frappe.db.commit()

	def test_duplicate_id_number_names_the_holder_only_in_scope(self):
		id_number = frappe.db.get_value("Cadre", self.cadre_b, "id_number")
		frappe.set_user(self.reviewer)
		with self.assertRaises(frappe.UniqueValidationError) as caught:
			frappe.get_doc(cadre_values(self.community_a, id_number=id_number)).insert()
		message = str(caught.exception)
		self.assertNotIn(self.cadre_b, message)
		self.assertNotIn(frappe.db.get_value("Cadre", self.cadre_b, "full_name"), message)

	def test_changes_refuse_get(self):
		session = make_session(
			make_program(audience="All Cadres").name, future(32), mode="Menu", status="Enrolling"
		)
		frappe.db.commit()
		token = self.tokens[self.cadre_user]
		for method in ("enrol", "withdraw", "submit_feedback", "get_feed_url", "revoke_feed_url"):
			response = rest(
				"get", f"/api/method/community_gov.training.portal.{method}?session={session.name}", token
			)
			self.assertEqual(response.status_code, 403, f"{method}: {response.text}")
		response = rest("get", "/api/method/community_gov.api.set_reason", self.tokens[self.reviewer])
		self.assertEqual(response.status_code, 403)
		self.assertFalse(frappe.db.exists("Training Attendance", {"parent": session.name}))

	def test_enrolment_checks_audience_start_and_status(self):
		secretaries_only = make_program(audience="Secretaries").name
		deputy_user = make_user(["Cadre"]).name
		make_cadre(self.community_a, user=deputy_user, position="Deputy Secretary")
		not_for_deputies = make_session(secretaries_only, future(33), mode="Menu", status="Enrolling")
		started = make_session(
			make_program(audience="All Cadres").name, future(34), mode="Menu", status="Enrolling"
		)
		frappe.db.set_value("Training Session", started.name, "start", future(-1))
		open_course = make_session(
			make_program(audience="All Cadres").name, future(35), mode="Menu", status="Enrolling"
		)
		frappe.set_user(deputy_user)
		with self.assertRaises(frappe.ValidationError):
			portal.enrol(not_for_deputies.name)
		with self.assertRaises(frappe.ValidationError):
			portal.enrol(started.name)
		frappe.set_user("Administrator")
		frappe.db.set_value("Cadre", {"user": deputy_user}, "status", "Retired")
		frappe.set_user(deputy_user)
		with self.assertRaises(frappe.ValidationError):
			portal.enrol(open_course.name)

	def test_one_cadre_cannot_be_double_booked_by_parallel_requests(self):
		"""Two enrolments of one cadre into overlapping sessions, at the same moment, on two connections."""
		user = make_user(["Cadre"]).name
		make_cadre(self.community_a, user=user)
		program = make_program(audience="All Cadres").name
		first = make_session(program, future(36), mode="Menu", status="Enrolling")
		second = make_session(program, future(36), mode="Menu", status="Enrolling")
		token = api_token(user)
		frappe.db.commit()
		results, barrier, site = [None, None], threading.Barrier(2), frappe.local.site

		def race(index, session):
			barrier.wait()
			results[index] = make_request(
				target=get_test_client(use_cookies=False).post,
				args=("/api/method/community_gov.training.portal.enrol",),
				kwargs={"json": {"session": session}, "headers": {"Authorization": token}},
				site=site,
			)

		threads = [threading.Thread(target=race, args=(i, s.name)) for i, s in enumerate((first, second))]
		for thread in threads:
			thread.start()
		for thread in threads:
			thread.join()
		self.assertEqual(sorted(r.status_code for r in results)[0], 200)
		self.assertNotEqual(sorted(r.status_code for r in results)[1], 200, [r.text for r in results])
		frappe.db.rollback()
		cadre = frappe.db.get_value("Cadre", {"user": user})
		self.assertEqual(frappe.db.count("Training Attendance", {"cadre": cadre}), 1)

	def test_calendar_feed_token(self):
		frappe.set_user(self.cadre_user)
		old = portal.get_feed_url().split("token=")[1]
		new = portal.get_feed_url().split("token=")[1]
		frappe.set_user("Administrator")
		stored = frappe.db.get_value("Cadre", self.cadre_a, "calendar_token_hash")
		self.assertNotIn(new, json.dumps(frappe.get_doc("Cadre", self.cadre_a).as_dict(), default=str))
		self.assertEqual(stored, portal.token_hash(new))
		frappe.set_user("Guest")
		with self.assertRaises(frappe.PermissionError):
			portal.calendar_feed(old)  # replaced
		portal.calendar_feed(new)
		frappe.set_user("Administrator")
		frappe.db.set_value("User", self.cadre_user, "enabled", 0)
		frappe.set_user("Guest")
		with self.assertRaises(frappe.PermissionError):
			portal.calendar_feed(new)  # login disabled
		frappe.set_user("Administrator")
		frappe.db.set_value("User", self.cadre_user, "enabled", 1)
		frappe.set_user(self.cadre_user)
		portal.revoke_feed_url()
		frappe.set_user("Guest")
		with self.assertRaises(frappe.PermissionError):
			portal.calendar_feed(new)

	def test_feedback_comment_is_stored_clean(self):
		session = make_session(
			make_program().name, future(-10), attendees=[{"cadre": self.cadre_a}], status="Completed"
		)
		frappe.set_user(self.cadre_user)
		portal.submit_feedback(session.name, 4, "很好" + PAYLOAD)
		stored = frappe.db.get_value("Training Attendance", {"parent": session.name}, "feedback_comment")
		self.assertTrue(stored.startswith("很好"))
		self.assertNotIn("onerror", stored)

	def test_report_years_are_bounded(self):
		from community_gov.community_governance.report.cadre_scorecard.cadre_scorecard import execute

		frappe.set_user(self.leader)
		for filters in (
			{"from_year": 1000, "to_year": 2025},
			{"from_year": 2000, "to_year": 2025},
			{"to_year": "x"},
		):
			with self.assertRaises(frappe.ValidationError, msg=filters):
				execute(filters)
		self.assertIsNotNone(execute({"from_year": 2022, "to_year": 2025}))

	def test_print_of_another_sub_district_cadre_is_refused(self):
		from community_gov.printing import cadre_for_print

		frappe.set_user(self.reviewer)
		with self.assertRaises(frappe.PermissionError):
			cadre_for_print(self.cadre_b)
		self.assertFalse([key for key in cadre_for_print(self.cadre_a) if "pay" in key or "insurance" in key])
		frappe.set_user(self.leader)
		self.assertIsNone(cadre_for_print(self.cadre_a).id_number)
		self.assertIsNone(cadre_for_print(self.cadre_a).date_of_birth)

	def test_link_scope_costs_the_same_for_one_row_and_many(self):
		from community_gov.guards import validate_link_scope
		from community_gov.query_counter import QueryCounter

		cadres = [make_cadre(self.community_a).name for _ in range(5)]
		program = make_program(level="Sub District", sub_district=self.sd_a).name

		def queries(count: int) -> int:
			doc = frappe.get_doc({"doctype": "Training Session", "program": program, "title": "x",
				"attendees": [{"cadre": cadre} for cadre in cadres[:count]]})  # fmt: skip
			frappe.set_user(self.reviewer)
			validate_link_scope(doc)  # warm caches
			with QueryCounter() as counter:
				validate_link_scope(doc)
			frappe.set_user("Administrator")
			return counter.count

		self.assertEqual(queries(1), queries(5))
