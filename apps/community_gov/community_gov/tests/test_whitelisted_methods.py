"""Every whitelisted method of the app, in one table of who may call it.

The test finds all `@frappe.whitelist` functions of the app by introspection (module functions and
controller methods alike) and fails on one without an entry. Each entry calls the method as every actor
with an argument outside a reviewer's scope (a record of sub-district B; the reviewer reviews A) and
states the outcome per actor:

	ok       the call goes through
	denied   frappe.PermissionError
	invalid  refused for the data (frappe.ValidationError), after the permission check passed

It also pins the HTTP verbs: a method that changes data accepts POST only.
"""

from __future__ import annotations

import importlib
import pkgutil

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

import community_gov
from community_gov.batch.attendance import attendance_sheet
from community_gov.batch.scores import score_sheet
from community_gov.tests import sheet_helpers
from community_gov.tests.factories import (
	FAIL,
	add_reviewer,
	future,
	make_agreement,
	make_assessment,
	make_cadre,
	make_community,
	make_general_election,
	make_program,
	make_session,
	make_sub_district,
	make_target_template,
	make_user,
)

ACTORS = ("org", "rv", "leader", "cadre", "guest")
CHANGES = ("POST",)
READS = None  # Frappe's default: any verb


def outcomes(org="ok", rv="denied", leader="denied", cadre="denied", guest="denied"):
	return dict(zip(ACTORS, (org, rv, leader, cadre, guest), strict=True))


# qualified name: (HTTP verbs, expected outcome per actor, call(ctx) with an out-of-scope argument)
METHODS = {
	"community_gov.api.set_reason": (
		CHANGES,
		outcomes(),
		lambda ctx: frappe.get_attr("community_gov.api.set_reason")(
			"Annual Assessment", ctx.assessment_b, "Return", "材料不全"
		),
	),
	"community_gov.community_governance.doctype.cadre.cadre.get_personal_file": (
		READS,
		outcomes(leader="ok"),
		lambda ctx: frappe.get_attr(
			"community_gov.community_governance.doctype.cadre.cadre.get_personal_file"
		)(ctx.cadre_b),
	),
	"community_gov.community_governance.doctype.adjustment_case.adjustment_case.AdjustmentCase.start_review": (
		CHANGES,
		outcomes(),
		lambda ctx: frappe.get_doc("Adjustment Case", ctx.case_b).start_review(),
	),
	"community_gov.community_governance.doctype.adjustment_case.adjustment_case.AdjustmentCase.decide": (
		CHANGES,
		outcomes(),
		lambda ctx: frappe.get_doc("Adjustment Case", ctx.case_b).decide(
			"Retained", "综合考虑", "区委组织部部务会议纪要〔2026〕1号", frappe.utils.today()
		),
	),
	"community_gov.community_governance.doctype.adjustment_case.adjustment_case.AdjustmentCase.get_successor_candidates": (
		READS,
		outcomes(leader="ok"),
		lambda ctx: frappe.get_doc("Adjustment Case", ctx.case_b).get_successor_candidates(),
	),
	"community_gov.community_governance.doctype.adjustment_case.adjustment_case.AdjustmentCase.start_succession": (
		CHANGES,
		outcomes(org="invalid"),  # the case is not decided Adjusted
		lambda ctx: frappe.get_doc("Adjustment Case", ctx.case_b).start_succession("RES-NONE"),
	),
	"community_gov.community_governance.doctype.training_session.training_session.TrainingSession.set_status": (
		CHANGES,
		outcomes(),
		lambda ctx: frappe.get_doc("Training Session", ctx.session_b).set_status("Enrolling"),
	),
	"community_gov.community_governance.doctype.training_session.training_session.TrainingSession.assign_audience": (
		CHANGES,
		outcomes(),
		# The reviewer's own session, filled with another sub-district's cadres.
		lambda ctx: frappe.get_doc("Training Session", ctx.session_a).assign_audience(ctx.sd_b),
	),
	"community_gov.community_governance.dashboard_chart_source.grade_distribution.grade_distribution.get": (
		("GET", "POST"),
		outcomes(rv="ok", leader="ok", cadre="ok"),  # each within its own records
		lambda ctx: frappe.get_attr(
			"community_gov.community_governance.dashboard_chart_source.grade_distribution.grade_distribution.get"
		)(),
	),
	"community_gov.training.portal.enrol": (
		CHANGES,
		outcomes(org="denied", cadre="invalid"),  # B's own course is not for a cadre of A
		lambda ctx: frappe.get_attr("community_gov.training.portal.enrol")(ctx.menu_b),
	),
	"community_gov.training.portal.withdraw": (
		CHANGES,
		outcomes(org="denied", cadre="invalid"),
		lambda ctx: frappe.get_attr("community_gov.training.portal.withdraw")(ctx.menu_b),
	),
	"community_gov.training.portal.submit_feedback": (
		CHANGES,
		outcomes(org="denied"),  # only on a session the cadre attended
		lambda ctx: frappe.get_attr("community_gov.training.portal.submit_feedback")(ctx.session_b, 5, "好"),
	),
	"community_gov.training.portal.get_my_training": (
		("GET",),
		outcomes(org="denied", cadre="ok"),
		lambda ctx: frappe.get_attr("community_gov.training.portal.get_my_training")(),
	),
	"community_gov.training.portal.calendar_file": (
		("GET",),
		outcomes(org="denied", cadre="ok"),
		lambda ctx: frappe.get_attr("community_gov.training.portal.calendar_file")(),
	),
	"community_gov.training.portal.get_feed_url": (
		CHANGES,
		outcomes(org="denied", cadre="ok"),
		lambda ctx: frappe.get_attr("community_gov.training.portal.get_feed_url")(),
	),
	"community_gov.training.portal.revoke_feed_url": (
		CHANGES,
		outcomes(org="denied", cadre="ok"),
		lambda ctx: frappe.get_attr("community_gov.training.portal.revoke_feed_url")(),
	),
	"community_gov.training.portal.calendar_feed": (
		("GET",),
		outcomes(org="denied"),  # a guessed token
		lambda ctx: frappe.get_attr("community_gov.training.portal.calendar_feed")("x" * 43),
	),
	"community_gov.assessment.api.run_sweep": (
		CHANGES,
		outcomes(),
		lambda ctx: frappe.get_attr("community_gov.assessment.api.run_sweep")(),
	),
	"community_gov.assessment.api.open_case_by_hand": (
		CHANGES,
		outcomes(),
		lambda ctx: frappe.get_attr("community_gov.assessment.api.open_case_by_hand")(
			ctx.cadre_b, "Unfit for Post", "不胜任现职", "考察报告"
		),
	),
	"community_gov.assessment.issuing.issue_agreements": (
		CHANGES,
		outcomes(),  # the reviewer of A asking for B's cadres is refused
		lambda ctx: frappe.get_attr("community_gov.assessment.issuing.issue_agreements")(
			2026, ctx.template, [ctx.sd_b]
		),
	),
	"community_gov.assessment.commendations.confer_top_ten": (
		CHANGES,
		outcomes(org="invalid"),  # B's cadre has no approved assessment: not in the ranking
		lambda ctx: frappe.get_attr("community_gov.assessment.commendations.confer_top_ten")(
			2025, "中共X区委", cadres=[ctx.cadre_b]
		),
	),
	"community_gov.assessment.api.get_watchlist": (
		READS,
		outcomes(leader="ok"),
		lambda ctx: frappe.get_attr("community_gov.assessment.api.get_watchlist")(ctx.sd_b),
	),
	"community_gov.dashboard.at_risk_cadres": (
		READS,
		outcomes(rv="ok", leader="ok"),  # the reviewer's count covers its own sub-district only
		lambda ctx: frappe.get_attr("community_gov.dashboard.at_risk_cadres")(),
	),
	"community_gov.dashboard.reserve_pool_in_range": (
		READS,
		outcomes(rv="ok", leader="ok"),
		lambda ctx: frappe.get_attr("community_gov.dashboard.reserve_pool_in_range")(),
	),
	# The 换届: the department adds a sub-district's communities (here B's); every desk role reads the progress,
	# each within its scope.
	"community_gov.community_governance.doctype.general_election.general_election.GeneralElection.add_sub_district_communities": (
		CHANGES,
		outcomes(),
		lambda ctx: frappe.get_doc("General Election", ctx.general_election).add_sub_district_communities(
			ctx.sd_b
		),
	),
	"community_gov.community_governance.doctype.general_election.general_election.GeneralElection.get_progress": (
		READS,
		outcomes(rv="ok", leader="ok"),
		lambda ctx: frappe.get_doc("General Election", ctx.general_election).get_progress(),
	),
	# The viewer's own terms ending soon: a reviewer's within its sub-districts, a cadre's its own.
	"community_gov.terms.alerts.terms_ending_soon": (
		READS,
		outcomes(rv="ok", leader="ok", cadre="ok"),
		lambda ctx: frappe.get_attr("community_gov.terms.alerts.terms_ending_soon")(),
	),
	"community_gov.dashboard.training_compliance": (
		READS,
		outcomes(rv="ok", leader="ok", cadre="ok"),
		lambda ctx: frappe.get_attr("community_gov.dashboard.training_compliance")(),
	),
	"community_gov.dashboard.staffing_gaps": (
		READS,
		outcomes(rv="ok", leader="ok"),  # the reviewer's count covers its own sub-districts only
		lambda ctx: frappe.get_attr("community_gov.dashboard.staffing_gaps")(),
	),
	"community_gov.read_replica.number_card_result": (
		READS,
		# Frappe's number card getter (overridden): the card's DocType (here Adjustment Case) as the caller may
		# read it.
		outcomes(rv="ok", leader="ok"),
		lambda ctx: frappe.get_attr("community_gov.read_replica.number_card_result")(
			frappe.get_doc("Number Card", "Open Adjustment Cases").as_json(), "[]"
		),
	),
	"community_gov.connections.get_open_count": (
		READS,
		outcomes(leader="ok"),  # the counts under a form the user may open
		lambda ctx: frappe.get_attr("community_gov.connections.get_open_count")("Cadre", ctx.cadre_b),
	),
	# Frappe's form load and side panel (overridden): the record as the caller may open it (B's cadre: not the
	# reviewer of A nor another cadre), with the change history trimmed to what it may read.
	"community_gov.field_access.getdoc": (
		READS,
		outcomes(leader="ok"),
		lambda ctx: frappe.get_attr("community_gov.field_access.getdoc")("Cadre", ctx.cadre_b),
	),
	"community_gov.field_access.get_docinfo": (
		READS,
		outcomes(leader="ok"),
		lambda ctx: frappe.get_attr("community_gov.field_access.get_docinfo")(None, "Cadre", ctx.cadre_b),
	),
	# Frappe's count (overridden): what the caller may list. Counting B's cadres by a field it may read is
	# allowed to everyone with Cadre access; the reviewer and the cadre count 0 of them.
	"community_gov.permissions.get_count": (
		READS,
		outcomes(rv="ok", leader="ok", cadre="ok"),
		lambda ctx: frappe.get_attr("community_gov.permissions.get_count")("Cadre", {"name": ctx.cadre_b}),
	),
	# The cadre's personal space: its own records only; a record of B (here: another cadre's) is refused.
	"community_gov.portal.home.get_my_space": (
		("GET",),
		outcomes(org="denied", cadre="ok"),
		lambda ctx: frappe.get_attr("community_gov.portal.home.get_my_space")(),
	),
	"community_gov.portal.targets.get_my_targets": (
		("GET",),
		outcomes(org="denied", cadre="ok"),
		lambda ctx: frappe.get_attr("community_gov.portal.targets.get_my_targets")(),
	),
	"community_gov.portal.targets.sign_agreement": (
		CHANGES,
		outcomes(org="denied"),  # B's secretary's agreement, waiting for its signature
		lambda ctx: frappe.get_attr("community_gov.portal.targets.sign_agreement")(ctx.agreement_b),
	),
	"community_gov.portal.assessment.get_my_assessments": (
		("GET",),
		outcomes(org="denied", cadre="ok"),
		lambda ctx: frappe.get_attr("community_gov.portal.assessment.get_my_assessments")(),
	),
	"community_gov.portal.assessment.save_self_summary": (
		CHANGES,
		outcomes(org="denied"),
		lambda ctx: frappe.get_attr("community_gov.portal.assessment.save_self_summary")(
			ctx.assessment_b, integrity="改写"
		),
	),
	"community_gov.portal.assessment.submit_self_assessment": (
		CHANGES,
		outcomes(org="denied"),
		lambda ctx: frappe.get_attr("community_gov.portal.assessment.submit_self_assessment")(
			ctx.assessment_b, "德", "能", "勤", "绩", "廉"
		),
	),
	"community_gov.portal.profile.get_my_profile": (
		("GET",),
		outcomes(org="denied", cadre="ok"),
		lambda ctx: frappe.get_attr("community_gov.portal.profile.get_my_profile")(),
	),
	"community_gov.batch.scores.download_score_sheet": (
		READS,
		outcomes(),
		lambda ctx: frappe.get_attr("community_gov.batch.scores.download_score_sheet")(ctx.sd_b, 2025),
	),
	"community_gov.batch.scores.import_scores": (
		CHANGES,
		# A reviewer's call goes through, and B's cadre in the sheet is refused in the result (nothing written).
		outcomes(rv="ok"),
		lambda ctx: frappe.get_attr("community_gov.batch.scores.import_scores")(
			upload_as_caller(ctx.score_sheet_b)
		),
	),
	"community_gov.batch.attendance.download_attendance_sheet": (
		READS,
		outcomes(),
		lambda ctx: frappe.get_attr("community_gov.batch.attendance.download_attendance_sheet")(
			ctx.session_b
		),
	),
	"community_gov.batch.attendance.import_attendance": (
		CHANGES,
		outcomes(),
		lambda ctx: frappe.get_attr("community_gov.batch.attendance.import_attendance")(
			ctx.session_b, upload_as_caller(ctx.attendance_sheet_b)
		),
	),
	"community_gov.batch.workflow_actions.apply_to_selected": (
		CHANGES,
		# A reviewer's call goes through, and B's assessment is refused in the result (left as it was).
		outcomes(rv="ok"),
		lambda ctx: frappe.get_attr("community_gov.batch.workflow_actions.apply_to_selected")(
			"Annual Assessment", [ctx.assessment_b], "Review"
		),
	),
	"community_gov.batch.accounts.create_portal_accounts": (
		CHANGES,
		outcomes(),
		lambda ctx: frappe.get_attr("community_gov.batch.accounts.create_portal_accounts")(ctx.sd_b),
	),
	"community_gov.report_filters.get_default_years": (
		READS,
		outcomes(rv="ok", leader="ok"),  # the years the reports open on: for the report roles
		lambda ctx: frappe.get_attr("community_gov.report_filters.get_default_years")(),
	),
}


def upload_as_caller(content: bytes) -> str:
	"""A sheet uploaded by the calling user (a guest uploads nothing: its call is refused before)."""
	return sheet_helpers.upload(content) if frappe.session.user != "Guest" else ""


def app_whitelisted_methods() -> set[str]:
	"""Qualified names of every whitelisted function defined in the app."""
	for module in pkgutil.walk_packages(community_gov.__path__, "community_gov."):
		if ".tests" not in module.name and ".patches" not in module.name:
			importlib.import_module(module.name)
	return {
		f"{fn.__module__}.{fn.__qualname__}"
		for fn in frappe.whitelisted
		if getattr(fn, "__module__", "").startswith("community_gov.")
	}


class TestWhitelistedMethods(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		ctx = frappe._dict()
		ctx.sd_a, ctx.sd_b = make_sub_district().name, make_sub_district().name
		community_a, community_b = make_community(ctx.sd_a).name, make_community(ctx.sd_b).name
		cls.users = {
			"org": make_user(["Organization Department"]).name,
			"rv": make_user(["Sub District Reviewer"]).name,
			"leader": make_user(["Leadership"]).name,
			"cadre": make_user(["Cadre"]).name,
			"guest": "Guest",
		}
		add_reviewer(ctx.sd_a, cls.users["rv"])
		make_cadre(community_a, user=cls.users["cadre"])
		ctx.cadre_b = make_cadre(community_b).name
		ctx.assessment_b = make_assessment(ctx.cadre_b, 2025, until="Self Assessed").name
		ctx.agreement_b = apply_workflow(
			make_agreement(ctx.cadre_b, 2026, sign=False), "Send for Signature"
		).name
		failing = make_cadre(community_b).name
		make_assessment(failing, 2024, **FAIL)
		make_assessment(failing, 2025, **FAIL)
		ctx.case_b = frappe.db.get_value("Adjustment Case", {"cadre": failing})
		ctx.session_a = make_session(
			make_program(level="Sub District", sub_district=ctx.sd_a).name, future(20)
		).name
		program_b = make_program(level="Sub District", sub_district=ctx.sd_b, audience="All Cadres")
		ctx.session_b = make_session(program_b.name, future(21)).name
		ctx.menu_b = make_session(program_b.name, future(22), mode="Menu", status="Enrolling").name
		ctx.template = make_target_template().name
		ctx.score_sheet_b = score_sheet(ctx.sd_b, 2025)
		ctx.attendance_sheet_b = attendance_sheet(ctx.session_b)
		ctx.general_election = make_general_election([community_b]).name
		cls.ctx = ctx

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_every_whitelisted_method_has_an_entry(self):
		found = app_whitelisted_methods()
		self.assertEqual(sorted(found - set(METHODS)), [], "whitelisted methods without an entry")
		self.assertEqual(sorted(set(METHODS) - found), [], "entries for methods that are not whitelisted")

	def test_http_verbs(self):
		app_whitelisted_methods()
		verbs = {
			f"{fn.__module__}.{fn.__qualname__}": set(frappe.allowed_http_methods_for_whitelisted_func[fn])
			for fn in frappe.whitelisted
			if getattr(fn, "__module__", "").startswith("community_gov.")
		}
		for method, (expected, _outcomes, _call) in METHODS.items():
			if expected is not None:
				self.assertEqual(verbs[method], set(expected), method)
			else:
				self.assertIn("GET", verbs[method], method)

	def test_each_actor_with_an_out_of_scope_argument(self):
		problems = []
		for method, (_verbs, expected, call) in METHODS.items():
			for actor in ACTORS:
				got = self.call_as(self.users[actor], call)
				if got != expected[actor]:
					problems.append(f"{method} as {actor}: expected {expected[actor]}, got {got}")
		self.assertEqual(problems, [], "\n" + "\n".join(problems))

	def call_as(self, user: str, call) -> str:
		frappe.db.savepoint("whitelisted")
		frappe.set_user(user)
		try:
			call(self.ctx)
			return "ok"
		except frappe.PermissionError:
			return "denied"
		except frappe.ValidationError:
			return "invalid"
		finally:
			frappe.set_user("Administrator")
			frappe.db.rollback(save_point="whitelisted")
			frappe.local.message_log = []
			frappe.local.response.pop("filecontent", None)
