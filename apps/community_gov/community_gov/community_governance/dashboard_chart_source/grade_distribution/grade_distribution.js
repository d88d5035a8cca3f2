frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Grade Distribution"] = {
	method: "community_gov.community_governance.dashboard_chart_source.grade_distribution.grade_distribution.get",
	filters: [],
};
