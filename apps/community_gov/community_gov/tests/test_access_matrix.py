"""The access model as one table, checked through every path a user has.

Every DocType of the app (child tables included) has a row in EXPECTED: what each actor may do with a
record of sub-district A ("own") and of sub-district B ("other"). The test enumerates the app's DocTypes
from the metadata, so a DocType added without a row fails the suite. Actors:

	org          Organization Department
	rv_own       Sub District Reviewer of A, on A's record        rv_other  the same reviewer, on B's record
	leader       Leadership
	cadre_own    the Cadre whose record it is (cadre of A)        cadre_other  that cadre, on B's record
	guest        not logged in

Actions (letters in the table):
	L  listed: `frappe.get_list`, `/api/resource` (REST), the report view and, for child tables,
	   `frappe.client.get_list(parent=...)`
	R  read one: `has_permission` and `GET /api/resource/<doctype>/<name>`
	W  update a harmless field, saved (through `doc.save()`, the path of REST PUT and the desk)
	M  move the record between sub-districts (A's record out to B, or B's record into A)
	C  create a record like it (DocTypes made only by a rule or from another record have no C)
	D  delete (the permission `delete_doc` checks)
	E  export (report/export permission on a visible record)
	P  print
"""

from __future__ import annotations

import json
from contextlib import contextmanager

import frappe
import frappe.desk.reportview
from frappe.desk.reportview import execute as reportview_execute
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from community_gov.permissions import CHILD_PARENTS
from community_gov.tests.factories import (
	FAIL,
	add_reviewer,
	api_token,
	cadre_values,
	future,
	make_agreement,
	make_assessment,
	make_cadre,
	make_community,
	make_election,
	make_general_election,
	make_pay_record,
	make_pay_standard,
	make_program,
	make_reserve,
	make_session,
	make_sub_district,
	make_survey,
	make_target_template,
	make_term,
	make_user,
	rest_get,
	unique,
)

ACTORS = ("org", "rv_own", "rv_other", "leader", "cadre_own", "cadre_other", "guest")
NOTHING = ("",) * 7

# doctype: expected letters per actor, in the order of ACTORS.
EXPECTED = {
	#                      org         rv_own     rv_other leader   cadre_own cadre_other guest
	"Sub District": ("LRWCDEP", "LREP", "", "LREP", "", "", ""),
	"Community": ("LRWMCDEP", "LRWEP", "", "LREP", "", "", ""),
	"Cadre": ("LRWMCDEP", "LRWCEP", "", "LREP", "LRP", "", ""),
	"Target Agreement": ("LRWMCDEP", "LRWCEP", "", "LREP", "LRP", "", ""),
	"Annual Assessment": ("LRWDEP", "LRWEP", "", "LREP", "LRWP", "", ""),
	"Adjustment Case": ("LREP", "LREP", "", "LREP", "", "", ""),
	"Satisfaction Survey": ("LRWMCDEP", "LRWCEP", "", "LREP", "LRP", "", ""),
	# The district's templates: reviewers read them (to issue agreements), the department keeps them.
	"Target Template": ("LRWCDEP", "LRP", "LRP", "LREP", "", "", ""),
	"Reserve Candidate": ("LRWMCDEP", "LRWCEP", "", "LREP", "", "", ""),
	"Appointment": ("LRWMDEP", "LRWEP", "", "LREP", "", "", ""),
	# Training: the schedule is read by every desk role; a reviewer manages its own Sub District level.
	"Training Program": ("LRWMCDEP", "LRWCEP", "LREP", "LREP", "", "", ""),
	"Training Session": ("LRWMCDEP", "LRWCEP", "LREP", "LREP", "", "", ""),
	# Singles: "own" is the one record; other columns unused.
	# Written by the sheet imports only: no one creates, changes or deletes a log.
	"Batch Import Log": ("LREP", "LREP", "", "LREP", "", "", ""),
	# Each cadre's training per year: written by the training sessions only, read with the cadre.
	"Cadre Training Year": ("LREP", "LREP", "", "LREP", "", "", ""),
	"Governance Settings": ("RWP", "R", "R", "R", "", "", ""),
	# A 换届 is the district's event: every desk role reads it, the department keeps it.
	"General Election": ("LRWCDEP", "LREP", "LREP", "LREP", "", "", ""),
	# Elections of a community: its sub-district records them (and submits), the department decides the rest.
	"Election Record": ("LRWMCDEP", "LRWCEP", "", "LREP", "", "", ""),
	# Terms follow appointments and elections; the department enters older ones; a cadre reads its own.
	"Cadre Term": ("LRWMCDEP", "LREP", "", "LREP", "LRP", "", ""),
	# The district's pay standards: pay is personal data, the department's alone (role permissions; not
	# per sub-district, so no record-level rule). Leadership does not read them either.
	"Pay Standard": ("LRWCDEP", "", "", "", "", "", ""),
	# A cadre's pay on record from a date: the department's alone too, though Leadership reads the cadre.
	"Cadre Pay Record": ("LRWMCDEP", "", "", "", "", "", ""),
}
# Child tables: who lists which rows directly (own: rows of A's parent, other: rows of B's parent).
EXPECTED_CHILDREN = {
	"Training Attendance": ("L", "L", "", "L", "", "", ""),
	"Assessment Score": ("L", "L", "", "L", "L", "", ""),
	"Agreement Target": ("L", "L", "", "L", "L", "", ""),
	"Cadre Honour": ("L", "L", "", "L", "L", "", ""),
	"Adjustment Case Year": ("L", "L", "", "L", "", "", ""),
	"Reserve Assignment": ("L", "L", "", "L", "", "", ""),
	"Sub District User": ("L", "L", "", "L", "", "", ""),
	"Adjustment Covered Position": ("L", "L", "L", "L", "", "", ""),
	"Post Term Length": ("L", "L", "L", "L", "", "", ""),
	"Assessment Survey": ("L", "L", "", "L", "L", "", ""),
	"Target Template Item": ("L", "L", "L", "L", "", "", ""),
	"Target Template Position": ("L", "L", "L", "L", "", "", ""),
	"Batch Import Error": ("L", "L", "", "L", "", "", ""),
	"General Election Community": ("L", "L", "L", "L", "", "", ""),
}
# A harmless field each DocType's W action changes (permlevel 0, editable in the record's state).
TOUCH = {
	"Sub District": ("address", "新地址"),
	"Community": ("address", "新地址"),
	"Cadre": ("native_place", "山东济南"),
	"Target Agreement": ("remarks", "备注"),
	"Annual Assessment": ("summary_integrity", "坚定理想信念"),
	"Adjustment Case": ("reason", "改写"),
	"Satisfaction Survey": ("notes", "入户走访200户"),
	"Target Template": ("remarks", "备注"),
	"Reserve Candidate": ("forum_summary", "座谈纪要"),
	"Appointment": ("reason", "工作需要"),
	"Training Program": ("topics", "基层治理"),
	"Training Session": ("venue", "街道会议室"),
	"Batch Import Log": ("year", 2030),
	"Cadre Training Year": ("attended_hours", 99),
	"Governance Settings": ("excellent_quota", 16),
	"General Election": ("notes", "分两批进行"),
	"Election Record": ("remarks", "差额选举"),
	"Cadre Term": ("end_reason", "备注"),
	"Pay Standard": ("basis", "区委组织部文件"),
	"Cadre Pay Record": ("note", "年度调资"),
}
APP_MODULE = "Community Governance"


class TestAccessMatrix(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.sd = {"own": make_sub_district().name, "other": make_sub_district().name}
		cls.community = {key: make_community(sd).name for key, sd in cls.sd.items()}
		cls.users = {
			"org": make_user(["Organization Department"]).name,
			"rv": make_user(["Sub District Reviewer"]).name,
			"leader": make_user(["Leadership"]).name,
			"cadre": make_user(["Cadre"]).name,
		}
		add_reviewer(cls.sd["own"], cls.users["rv"])
		cls.records = {doctype: {} for doctype in EXPECTED}
		for key in ("own", "other"):
			cls.make_records(key)
		cls.records["Governance Settings"] = {"own": "Governance Settings"}
		cls.tokens = {user: api_token(user) for user in cls.users.values()}
		frappe.db.commit()

	@classmethod
	def make_records(cls, key: str):
		sd, community = cls.sd[key], cls.community[key]
		user = cls.users["cadre"] if key == "own" else None
		cadre = make_cadre(community, user=user, honours=[{"honour": "优秀共产党员", "year": 2024}])
		secretary = make_cadre(community)
		make_assessment(secretary.name, 2024, **FAIL)
		make_assessment(secretary.name, 2025, **FAIL)
		reserve = make_reserve(make_cadre(community).name, community, until="Qualified")
		sub_program = make_program(level="Sub District", sub_district=sd)
		district_program = make_program()
		make_survey(cadre.name, 2025, 200, 170)  # behind the assessment's satisfaction rate
		records = {
			"Sub District": sd,
			"Community": community,
			"Cadre": cadre.name,
			"Target Agreement": make_agreement(cadre.name, 2026, sign=False).name,
			"Annual Assessment": make_assessment(cadre.name, 2025, until="Draft").name,
			"Satisfaction Survey": make_survey(cadre.name, 2025, submit=False).name,
			"Target Template": make_target_template().name,
			"Adjustment Case": frappe.db.get_value("Adjustment Case", {"cadre": secretary.name}),
			"Reserve Candidate": reserve.name,
			"Appointment": frappe.get_doc(
				{
					"doctype": "Appointment",
					"cadre": reserve.cadre,
					"reserve_candidate": reserve.name,
					"post": "Secretary",
					"community": community,
					"from_date": "2026-01-01",
					"reason": "换届",
				}
			)
			.insert()
			.name,  # fmt: skip
			"Training Program": sub_program.name,
			"Training Session": make_session(
				sub_program.name, future(30), attendees=[{"cadre": cadre.name}]
			).name,
			"Batch Import Log": frappe.get_doc(
				{
					"doctype": "Batch Import Log",
					"import_type": "Scores",
					"import_mode": "All or Nothing",
					"status": "Refused",
					"sub_district": sd,
					"year": 2026,
					"errors": [{"row_number": 2, "column_label": "干部编号", "message": "不存在"}],
				}
			)
			.insert(ignore_permissions=True)
			.name,
			"Pay Standard": make_pay_standard(post_pay=2487).name,
			# Dated apart, so either can move to the other sub-district's cadre (one record per cadre and date).
			"Cadre Pay Record": make_pay_record(
				cadre.name, "2024-01-01" if key == "own" else "2024-02-01", 3000
			).name,
			"General Election": make_general_election([community]).name,
			# Drafts of the re-election of each sub-district's cadre (a secretary) and that cadre's term.
			"Election Record": make_election(cadre.name, community, submit=False).name,
			# As deputy secretary: a post with several holders, so moving it to B meets no holder of B's post.
			"Cadre Term": make_term(cadre.name, community, post="Deputy Secretary").name,
		}
		# A class the cadre attended: its training of the year (Cadre Training Year).
		make_session(
			district_program.name, future(-30), attendees=[{"cadre": cadre.name}], status="Completed"
		)
		records["Cadre Training Year"] = frappe.db.get_value("Cadre Training Year", {"cadre": cadre.name})
		for doctype, name in records.items():
			cls.records[doctype][key] = name
		# A District session, attended from both sub-districts: its rows are each sub-district's own.
		if key == "other":
			cls.district_session = make_session(
				district_program.name,
				future(40),
				attendees=[{"cadre": cls.records["Cadre"]["own"]}, {"cadre": cls.records["Cadre"]["other"]}],
			).name

	def tearDown(self):
		frappe.set_user("Administrator")

	# ------------------------------------------------------------ helpers

	def record_key(self, actor: str) -> str:
		return "other" if actor.endswith("_other") else "own"

	@contextmanager
	def as_user(self, user: str):
		frappe.set_user(user)
		try:
			yield
		finally:
			frappe.set_user("Administrator")

	def attempt(self, user: str, action) -> bool:
		"""Run a change as the user inside a savepoint, undone afterwards; True when it went through."""
		frappe.db.savepoint("matrix")
		try:
			with self.as_user(user):
				return bool(action())
		except (frappe.PermissionError, frappe.ValidationError):
			return False
		finally:
			frappe.db.rollback(save_point="matrix")
			frappe.local.message_log = []

	def listed(self, user: str, doctype: str, name: str) -> dict[str, bool]:
		with self.as_user(user):
			try:
				by_get_list = name in frappe.get_list(doctype, filters={"name": name}, pluck="name")
			except frappe.PermissionError:
				by_get_list = False
			try:
				view = reportview_execute(doctype, filters={"name": name}, fields=["name"], as_list=True)
				by_report_view = any(row[0] == name for row in view)
			except frappe.PermissionError:
				by_report_view = False
		token = self.tokens.get(user)
		response = rest_get(
			f"/api/resource/{doctype}?filters={json.dumps({'name': name})}", token
		) if token else rest_get(f"/api/resource/{doctype}?filters={json.dumps({'name': name})}", "")  # fmt: skip
		by_rest = response.status_code == 200 and any(row["name"] == name for row in response.json["data"])
		return {"get_list": by_get_list, "report view": by_report_view, "REST": by_rest}

	def can_read(self, user: str, doctype: str, name: str) -> dict[str, bool]:
		with self.as_user(user):
			by_check = bool(frappe.has_permission(doctype, "read", name))
		response = rest_get(f"/api/resource/{doctype}/{name}", self.tokens.get(user, ""))
		return {"has_permission": by_check, "REST": response.status_code == 200}

	def touch(self, doctype: str, name: str):
		fieldname, value = TOUCH[doctype]

		def action():
			doc = frappe.get_doc(doctype, name)
			doc.set(fieldname, value)
			doc.save()
			return frappe.get_doc(doctype, name).get(fieldname) == value

		return action

	def move(self, doctype: str, name: str, to: str):
		"""Point the record at the other sub-district through the field that decides its scope."""
		other_program = self.records["Training Program"][to]
		changes = {
			"Community": {"sub_district": self.sd[to]},
			"Cadre": {"community": self.community[to]},
			"Target Agreement": {"cadre": self.records["Cadre"][to]},
			"Annual Assessment": {"cadre": self.records["Cadre"][to]},
			"Satisfaction Survey": {"cadre": self.records["Cadre"][to]},
			"Reserve Candidate": {"community": self.community[to]},
			"Appointment": {"community": self.community[to]},
			"Training Program": {"sub_district": self.sd[to]},
			"Training Session": {"program": other_program},
			"Election Record": {"community": self.community[to], "cadre": self.records["Cadre"][to]},
			"Cadre Term": {"community": self.community[to]},
			"Cadre Pay Record": {"cadre": self.records["Cadre"][to]},
		}.get(doctype)
		if not changes:
			return lambda: False

		def action():
			doc = frappe.get_doc(doctype, name)
			doc.update(changes)
			doc.save()
			stored = frappe.db.get_value(doctype, name, list(changes), as_dict=True)
			return all(stored[field] == value for field, value in changes.items())

		return action

	def create(self, doctype: str, key: str):
		community, sd = self.community[key], self.sd[key]
		factories = {
			# The factories insert the register as Administrator would; here the user's own rights apply.
			"Sub District": lambda: frappe.get_doc(
				{"doctype": "Sub District", "sub_district_name": unique("新街道")}
			).insert(),
			"Community": lambda: frappe.get_doc(
				{
					"doctype": "Community",
					"community_name": unique("新社区"),
					"sub_district": sd,
					"community_type": "Urban",
				}
			).insert(),  # fmt: skip
			"Cadre": lambda: frappe.get_doc(cadre_values(community)).insert(),
			"Target Agreement": lambda: make_agreement(self.records["Cadre"][key], 2024, sign=False),
			"Reserve Candidate": lambda: make_reserve(self.records["Cadre"][key], community),
			"Satisfaction Survey": lambda: make_survey(self.records["Cadre"][key], 2024, submit=False),
			"Target Template": lambda: make_target_template(),
			"Pay Standard": lambda: make_pay_standard(post_pay=2368.5),
			"Cadre Pay Record": lambda: make_pay_record(self.records["Cadre"][key], "2025-01-01", 3100),
			"General Election": lambda: make_general_election([community]),
			"Election Record": lambda: make_election(self.records["Cadre"][key], community, submit=False),
			"Cadre Term": lambda: make_term(self.records["Cadre"][key], community, post="Director"),
			"Training Program": lambda: make_program(level="Sub District", sub_district=sd),
			"Training Session": lambda: make_session(self.records["Training Program"][key], future(60)),
		}
		return factories.get(doctype)

	# ------------------------------------------------------------ the tests

	def test_every_doctype_has_a_row(self):
		doctypes = frappe.get_all("DocType", filters={"module": APP_MODULE}, fields=["name", "istable"])
		missing = [d.name for d in doctypes if d.name not in (EXPECTED_CHILDREN if d.istable else EXPECTED)]
		self.assertEqual(missing, [], "DocTypes without a row in the access matrix")
		self.assertEqual(set(CHILD_PARENTS), set(EXPECTED_CHILDREN))

	def test_matrix(self):
		problems = []
		for doctype, letters in EXPECTED.items():
			for actor, expected in zip(ACTORS, letters, strict=True):
				key = self.record_key(actor)
				name = self.records[doctype].get(key)
				if not name or (doctype == "Governance Settings" and actor != "org" and key == "other"):
					continue
				user = self.user_of(actor)
				got = self.outcomes(doctype, name, user, key, actor)
				for letter, (ok, detail) in got.items():
					if ok != (letter in expected):
						problems.append(
							f"{doctype} / {actor} / {letter}: expected {'allowed' if letter in expected else 'refused'}, "
							f"got {'allowed' if ok else 'refused'} {detail}"
						)
		self.assertEqual(problems, [], "\n" + "\n".join(problems))

	def user_of(self, actor: str) -> str:
		if actor == "guest":
			return "Guest"
		return self.users[actor.split("_")[0]]

	def outcomes(self, doctype: str, name: str, user: str, key: str, actor: str) -> dict:
		single = doctype == "Governance Settings"
		result = {}
		if single:
			with self.as_user(user):
				result["R"] = (bool(frappe.has_permission(doctype, "read")), "")
				result["P"] = (bool(frappe.has_permission(doctype, "print")), "")
			result["W"] = (self.attempt(user, self.touch(doctype, name)), "")
			return result
		listed = self.listed(user, doctype, name)
		result["L"] = (all(listed.values()), listed) if any(listed.values()) else (False, listed)
		if any(listed.values()) and not all(listed.values()):
			result["L"] = (None, listed)  # paths disagree: always a problem
		read = self.can_read(user, doctype, name)
		result["R"] = (all(read.values()), read) if len(set(read.values())) == 1 else (None, read)
		result["W"] = (self.attempt(user, self.touch(doctype, name)), "")
		to = "other" if key == "own" else "own"
		if doctype != "Sub District":
			result["M"] = (self.attempt(user, self.move(doctype, name, to)), "")
		if factory := self.create(doctype, key):
			result["C"] = (self.attempt(user, factory), "")
		with self.as_user(user):
			# Deleting the record itself would also meet its links; the check is the one delete_doc makes.
			result["D"] = (bool(frappe.has_permission(doctype, "delete", name)), "")
			visible = read["has_permission"]
			result["E"] = (visible and bool(frappe.has_permission(doctype, "export")), "")
			result["P"] = (bool(frappe.has_permission(doctype, "print", name)), "")
		return result

	def test_child_rows_listed_directly(self):
		problems = []
		for child, letters in EXPECTED_CHILDREN.items():
			parent = CHILD_PARENTS[child]
			for actor, expected in zip(ACTORS, letters, strict=True):
				key = self.record_key(actor)
				parent_name = (
					self.records.get(parent, {}).get(key) if parent != "Governance Settings" else parent
				)
				if child == "Training Attendance":
					parent_name = self.district_session  # rows of both sub-districts in one session
				rows = self.child_rows(self.user_of(actor), child, parent, parent_name, key)
				if bool(rows) != ("L" in expected):
					problems.append(
						f"{child} / {actor}: expected {'rows' if expected else 'none'}, got {rows}"
					)
		self.assertEqual(problems, [], "\n" + "\n".join(problems))

	def child_rows(self, user: str, child: str, parent: str, parent_name: str, key: str) -> list:
		filters = {"parent": parent_name}
		if child == "Training Attendance":
			filters["cadre"] = self.records["Cadre"][key]
		with self.as_user(user):
			try:
				rows = frappe.client.get_list(child, filters=filters, fields=["name"], parent=parent)
			except frappe.PermissionError:
				rows = []
		return rows

	def test_a_cadre_signs_only_its_own_agreement_waiting_for_it(self):
		"""The Cadre role's write and submit on Target Agreement (the portal's 签订) hold for its own agreement
		while it waits for the signature, and then only as the workflow's Sign: no field changes, the
		signing record (signed_by, signed_on, signing_method, signing_note) included."""
		cadres = self.records["Cadre"]
		pending = {
			key: apply_workflow(make_agreement(cadres[key], 2027, sign=False), "Send for Signature").name
			for key in ("own", "other")
		}
		draft, user = self.records["Target Agreement"]["own"], self.users["cadre"]
		with self.as_user(user):
			self.assertTrue(frappe.has_permission("Target Agreement", "submit", pending["own"]))
			for name in (pending["other"], draft):
				self.assertFalse(frappe.has_permission("Target Agreement", "submit", name), name)
				self.assertFalse(frappe.has_permission("Target Agreement", "write", name), name)

		def change(name: str, fieldname: str, value):
			def action():
				doc = frappe.get_doc("Target Agreement", name)
				doc.set(fieldname, value)
				doc.save()
				return True

			return action

		def sign(name: str):
			return lambda: apply_workflow(frappe.get_doc("Target Agreement", name), "Sign").docstatus == 1

		for fieldname, value in (
			("remarks", "改写"),
			("signing_note", "代签"),
			("signed_by", user),
			("year", 2026),
		):
			self.assertFalse(self.attempt(user, change(pending["own"], fieldname, value)), fieldname)
		self.assertFalse(self.attempt(self.users["rv"], sign(pending["own"])))
		self.assertFalse(self.attempt(user, sign(pending["other"])))
		self.assertTrue(self.attempt(user, sign(pending["own"])))

	def test_session_attendees_of_other_sub_districts_are_not_read(self):
		"""A District session is on everyone's schedule; its attendee rows are each sub-district's own."""
		session = self.district_session
		with self.as_user(self.users["rv"]):
			doc = frappe.get_doc("Training Session", session)
			doc.apply_fieldlevel_read_permissions()
			self.assertEqual([row.cadre for row in doc.attendees], [self.records["Cadre"]["own"]])
			# The report view endpoint, as the desk calls it: fields and filters in the request.
			frappe.local.form_dict = frappe._dict(
				doctype="Training Session",
				fields=json.dumps(["`tabTraining Session`.`name`", "`tabTraining Attendance`.`cadre`"]),
				filters=json.dumps([["Training Session", "name", "=", session]]),
			)
			try:
				view = frappe.desk.reportview.get()
			finally:
				frappe.local.form_dict = frappe._dict()
		self.assertEqual(sorted(row[1] for row in view["values"]), [self.records["Cadre"]["own"]])
		response = rest_get(f"/api/resource/Training Session/{session}", self.tokens[self.users["rv"]])
		self.assertEqual(
			[row["cadre"] for row in response.json["data"]["attendees"]], [self.records["Cadre"]["own"]]
		)
		# The Organization Department reads every row.
		response = rest_get(f"/api/resource/Training Session/{session}", self.tokens[self.users["org"]])
		self.assertEqual(len(response.json["data"]["attendees"]), 2)

	def test_text_written_by_restricted_roles_is_stored_clean(self):
		"""Every text field a reviewer or a cadre can write, on every record it can write, through the save
		path all of REST PUT, `frappe.client.set_value` and the desk use: a script payload never survives."""
		problems, tried = [], 0
		for doctype in EXPECTED:
			if doctype == "Governance Settings":
				continue
			for actor in ("rv_own", "cadre_own"):
				user, name = self.user_of(actor), self.records[doctype]["own"]
				for parentfield, fieldname in self.writable_text_fields(doctype, user):
					tried += 1
					stored = self.store_payload(user, doctype, name, parentfield, fieldname)
					if stored is not None and any(marker in stored.lower() for marker in UNSAFE_MARKERS):
						problems.append(f"{doctype}.{parentfield or ''}{fieldname} as {actor}: {stored!r}")
		self.assertGreater(tried, 20)
		self.assertEqual(problems, [], "\n" + "\n".join(problems))

	def writable_text_fields(self, doctype: str, user: str) -> list[tuple[str | None, str]]:
		with self.as_user(user):
			levels = frappe.get_doc(doctype, self.records[doctype]["own"]).get_permlevel_access("write")
		meta = frappe.get_meta(doctype)
		fields = [(None, df.fieldname) for df in meta.fields if df.fieldtype in TEXT_TYPES]
		for table in meta.get_table_fields():
			if table.permlevel in levels:
				child = frappe.get_meta(table.options)
				fields += [
					(table.fieldname, df.fieldname) for df in child.fields if df.fieldtype in TEXT_TYPES
				]
		return [
			(parentfield, fieldname)
			for parentfield, fieldname in fields
			if not (meta if parentfield is None else frappe.get_meta(meta.get_field(parentfield).options))
			.get_field(fieldname)
			.read_only
			and (
				(meta if parentfield is None else frappe.get_meta(meta.get_field(parentfield).options))
				.get_field(fieldname)
				.permlevel
				in levels
			)
		]

	def store_payload(self, user, doctype, name, parentfield, fieldname) -> str | None:
		"""The stored value after the user saved the payload, or None when the save was refused."""
		frappe.db.savepoint("payload")
		try:
			with self.as_user(user):
				doc = frappe.get_doc(doctype, name)
				target = doc if parentfield is None else (doc.get(parentfield) or [None])[0]
				if target is None:
					return None
				target.set(fieldname, PAYLOAD)
				doc.save()
			stored = frappe.get_doc(doctype, name)
			target = stored if parentfield is None else stored.get(parentfield)[0]
			return target.get(fieldname) or ""
		except (frappe.PermissionError, frappe.ValidationError):
			return None
		finally:
			frappe.db.rollback(save_point="payload")
			frappe.local.message_log = []


PAYLOAD = '社区<img src=x onerror="alert(document.cookie)"><script>alert(1)</script><a href="javascript:alert(1)">x</a>'
UNSAFE_MARKERS = ("onerror", "<script", "javascript:")
TEXT_TYPES = ("Data", "Small Text", "Text", "Long Text", "Text Editor")
