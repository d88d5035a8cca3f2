"""Each assessment's score per target area, kept on the record (AnnualAssessment.calculate_area_scores), for the
assessments made before; the index the scorecards read them through replaces the one without them."""

import frappe

from community_gov.community_governance.doctype.annual_assessment import annual_assessment


def execute():
	annual_assessment.recalculate_area_scores()
	annual_assessment.on_doctype_update()
	if frappe.db.has_index("tabAnnual Assessment", "cadre_year_figures_index"):
		frappe.db.sql_ddl("alter table `tabAnnual Assessment` drop index `cadre_year_figures_index`")
