"""我的考核: the cadre writes the self-summary of its open annual assessment (德、能、勤、绩、廉), keeps drafts,
submits it through the assessment's workflow, reads a return reason and resubmits; approved years show the
total, the grade, the scores per area and the residents' satisfaction.

Whatever a caller sends, only the five self-summary fields of its own assessment are written, and only
while the assessment is a draft or returned; they are saved through the document (cleaned as any save).
"""

from __future__ import annotations

import frappe
from frappe import _, _lt
from frappe.model.workflow import apply_workflow
from frappe.query_builder.functions import Sum

from community_gov.constants import TARGET_AREAS
from community_gov.exceptions import SelfSummaryClosedError, SelfSummaryIncompleteError
from community_gov.portal.common import my_cadre, own_record

SUBMIT = "Submit Self-Assessment"
WRITABLE_STATES = ("Draft", "Returned")
# argument → field, in the order 德、能、勤、绩、廉; the labels are the form's.
SUMMARY_FIELDS = {
	"integrity": ("summary_integrity", _lt("Political Integrity (德)")),
	"ability": ("summary_ability", _lt("Ability (能)")),
	"diligence": ("summary_diligence", _lt("Diligence (勤)")),
	"performance": ("summary_performance", _lt("Performance (绩)")),
	"honesty": ("summary_honesty", _lt("Honesty (廉)")),
}
ASSESSMENT_FIELDS = (
	"name",
	"year",
	"workflow_state",
	"docstatus",
	"return_reason",
	"target_score",
	"satisfaction_rate",
	"total_score",
	"grade",
	"veto_failed",
	"approved_on",
	*(fieldname for fieldname, _label in SUMMARY_FIELDS.values()),
)


def assessments_of(cadre: str) -> list[frappe._dict]:
	"""The cadre's assessments that are not cancelled, newest year first (`get_list`: its own records)."""
	return frappe.get_list(
		"Annual Assessment",
		filters={"cadre": cadre, "docstatus": ("<", 2)},
		fields=list(ASSESSMENT_FIELDS),
		order_by="year desc, creation desc",
		limit_page_length=0,
	)


def area_scores(assessments: list[str]) -> dict[str, list[frappe._dict]]:
	"""Score and weight per target area of each assessment: one query."""
	if not assessments:
		return {}
	score = frappe.qb.DocType("Assessment Score")
	rows = (
		frappe.qb.from_(score)
		.select(score.parent, score.area, Sum(score.score).as_("score"), Sum(score.weight).as_("weight"))
		.where((score.parenttype == "Annual Assessment") & score.parent.isin(assessments))
		.groupby(score.parent, score.area)
		.run(as_dict=True)
	)
	by_assessment: dict[str, list[frappe._dict]] = {}
	order = {area: index for index, area in enumerate(TARGET_AREAS)}  # as the agreements list them
	for row in sorted(rows, key=lambda row: order.get(row.area, len(order))):
		by_assessment.setdefault(row.parent, []).append(row)
	return by_assessment


def assessment_page_data(user: str | None = None) -> dict:
	cadre = my_cadre(user)
	assessments = assessments_of(cadre.name)
	results = [row for row in assessments if row.docstatus == 1]
	areas = area_scores([row.name for row in results])
	for row in results:
		row.areas = areas.get(row.name, [])
	return {
		"cadre": cadre,
		"open": [row for row in assessments if row.docstatus == 0],
		"results": results,
		"writable_states": WRITABLE_STATES,
		"summary_fields": [
			frappe._dict(key=key, fieldname=fieldname, label=str(label))
			for key, (fieldname, label) in SUMMARY_FIELDS.items()
		],
	}


@frappe.whitelist(methods=["GET"])
def get_my_assessments() -> dict:
	return assessment_page_data()


def writable_assessment(assessment: str):
	doc = own_record("Annual Assessment", assessment, my_cadre())
	if doc.workflow_state not in WRITABLE_STATES:
		frappe.throw(
			_("Your {0} annual assessment is {1}: the self-summary can no longer be changed").format(
				doc.year, _(doc.workflow_state)
			),
			SelfSummaryClosedError,
			title=_("Self-Summary"),
		)
	doc.check_permission("write")
	return doc


def write_summary(doc, texts: dict[str, str | None]) -> None:
	"""The self-summary fields only; a part not sent is left as it is."""
	for key, (fieldname, _label) in SUMMARY_FIELDS.items():
		if texts.get(key) is not None:
			doc.set(fieldname, texts[key].strip())


@frappe.whitelist(methods=["POST"])
def save_self_summary(
	assessment: str,
	integrity: str | None = None,
	ability: str | None = None,
	diligence: str | None = None,
	performance: str | None = None,
	honesty: str | None = None,
) -> dict:
	"""Keep the draft: the self-summary is saved, the assessment stays where it is."""
	doc = writable_assessment(assessment)
	write_summary(doc, dict(integrity=integrity, ability=ability, diligence=diligence,
		performance=performance, honesty=honesty))  # fmt: skip
	doc.save()
	return {"message": _("Your self-summary is saved as a draft")}


@frappe.whitelist(methods=["POST"])
def submit_self_assessment(
	assessment: str,
	integrity: str | None = None,
	ability: str | None = None,
	diligence: str | None = None,
	performance: str | None = None,
	honesty: str | None = None,
) -> dict:
	"""Save the self-summary and send it to the reviewers ("Submit Self-Assessment"); every part written."""
	doc = writable_assessment(assessment)
	write_summary(doc, dict(integrity=integrity, ability=ability, diligence=diligence,
		performance=performance, honesty=honesty))  # fmt: skip
	missing = [
		str(label) for fieldname, label in SUMMARY_FIELDS.values() if not (doc.get(fieldname) or "").strip()
	]
	if missing:
		frappe.throw(
			_("Write every part of your self-summary before you submit it; still empty: {0}").format(
				"、".join(missing)
			),
			SelfSummaryIncompleteError,
			title=_("Self-Summary"),
		)
	doc.save()
	doc = apply_workflow(doc, SUBMIT)
	return {
		"message": _("Your self-summary for {0} is submitted to the reviewers").format(doc.year),
		"workflow_state": doc.workflow_state,
	}
