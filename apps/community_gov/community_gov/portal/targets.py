"""我的目标: the cadre's target agreements with their targets; the one waiting for the secretary's signature
is signed (签订) here, through the agreement's workflow ("Sign", the Cadre role's transition)."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow

from community_gov.dates import current_year
from community_gov.exceptions import AgreementNotPendingError
from community_gov.portal.common import my_cadre, own_record

PENDING = "Pending Signature"
SIGN = "Sign"
AGREEMENT_FIELDS = (
	"name",
	"year",
	"workflow_state",
	"docstatus",
	"total_weight",
	"veto_targets",
	"party_committee",
	"committee_signatory",
	"signed_by_cadre_on",
	"signing_method",
	"signed_on",
	"remarks",
)


def agreements_of(cadre: str) -> list[frappe._dict]:
	"""The cadre's agreements that are not cancelled, newest year first, each with its targets: two queries
	(`get_list`: the cadre's own records, as the access model has them)."""
	agreements = frappe.get_list(
		"Target Agreement",
		filters={"cadre": cadre, "docstatus": ("<", 2)},
		fields=list(AGREEMENT_FIELDS),
		order_by="year desc, creation desc",
		limit_page_length=0,
	)
	if not agreements:
		return []
	targets = frappe.get_all(
		"Agreement Target",
		filters={"parenttype": "Target Agreement", "parent": ("in", [row.name for row in agreements])},
		fields=["parent", "area", "description", "indicator", "weight", "is_veto"],
		order_by="idx asc",
	)
	for agreement in agreements:
		agreement.targets = [row for row in targets if row.parent == agreement.name]
	return agreements


def targets_page_data(user: str | None = None) -> dict:
	"""Agreements waiting for the signature, this year's and later ones, earlier years' as a history; a draft
	HR is still preparing is only announced."""
	cadre = my_cadre(user)
	year = current_year()
	agreements = agreements_of(cadre.name)
	return {
		"cadre": cadre,
		"year": year,
		"pending": [row for row in agreements if row.workflow_state == PENDING],
		"signed": [row for row in agreements if row.docstatus == 1 and row.year >= year],
		"preparing": [row for row in agreements if row.workflow_state == "Draft" and row.year >= year],
		"earlier": [row for row in agreements if row.docstatus == 1 and row.year < year],
	}


@frappe.whitelist(methods=["GET"])
def get_my_targets() -> dict:
	return targets_page_data()


@frappe.whitelist(methods=["POST"])
def sign_agreement(agreement: str) -> dict:
	"""The secretary confirms (签订) its own agreement that waits for its signature. Who and when are recorded
	by the agreement (TargetAgreement.record_signature)."""
	cadre = my_cadre()
	doc = own_record("Target Agreement", agreement, cadre)
	if doc.workflow_state != PENDING:
		frappe.throw(
			_("Your target agreement for {0} is not waiting for your signature (it is {1})").format(
				doc.year, _(doc.workflow_state)
			),
			AgreementNotPendingError,
			title=_("Not Waiting for Signature"),
		)
	doc = apply_workflow(doc, SIGN)
	return {
		"message": _("You signed your target agreement for {0}").format(doc.year),
		"workflow_state": doc.workflow_state,
	}
