frappe.query_reports["Top Ten Secretaries"] = {
	filters: [
		// Empty until `onload` fills it: the latest year with approved assessments.
		{ fieldname: "year", label: __("Year"), fieldtype: "Int", reqd: 1 },
		{ fieldname: "window_years", label: __("Window (Years)"), fieldtype: "Int", default: 3, reqd: 1 },
		{ fieldname: "score_weight", label: __("Assessment Score Weight (%)"), fieldtype: "Int", default: 60 },
		{ fieldname: "satisfaction_weight", label: __("Satisfaction Weight (%)"), fieldtype: "Int", default: 20 },
		{ fieldname: "training_weight", label: __("Training Weight (%)"), fieldtype: "Int", default: 20 },
		{ fieldname: "sub_district", label: __("Sub District"), fieldtype: "Link", options: "Sub District" },
		{ fieldname: "limit", label: __("Number to Rank"), fieldtype: "Int", default: 10, reqd: 1 },
	],
	// The rank is a column of its own (exported); the row numbers would repeat it.
	get_datatable_options: (options) => ({ ...options, serialNoColumn: false }),
	onload(report) {
		if (frappe.user.has_role("Organization Department")) {
			report.page.add_inner_button(__("Confer Title"), () => this.confer_title(report));
		}
		return community_gov.setup_report(report, { year: (years) => years.assessment_year });
	},
	// The Top Ten title (十佳社区党组织书记) of the year, conferred on the ten secretaries listed, as the
	// district ranks them (the server checks they are: community_gov.assessment.commendations).
	confer_title(report) {
		const filters = report.get_filter_values() || {};
		if (filters.sub_district) {
			frappe.msgprint(__("Clear the Sub District filter first: the title goes to the district's top ten."));
			return;
		}
		const ranked = (report.data || []).filter((row) => row.rank && row.rank <= 10);
		if (!ranked.length) {
			frappe.msgprint(__("No secretary is ranked for {0}: there is nobody to confer the title on", [filters.year]));
			return;
		}
		const listed = ranked.map((row) => `${row.rank}. ${frappe.utils.escape_html(row.full_name)}`).join("<br>");
		const dialog = new frappe.ui.Dialog({
			title: __("Confer the Top Ten Title of {0}", [cint(filters.year)]),
			fields: [
				{ fieldname: "cadres_html", fieldtype: "HTML", options: `<p>${__("The title goes to:")}</p><p>${listed}</p>` },
				{ fieldname: "awarding_body", fieldtype: "Data", label: __("Awarding Body"), reqd: 1 },
				{ fieldname: "awarded_on", fieldtype: "Date", label: __("Awarded On"), reqd: 1, default: frappe.datetime.get_today() },
				{ fieldname: "reference", fieldtype: "Data", label: __("Document No.") },
			],
			primary_action_label: __("Confer Title"),
			primary_action: (values) => {
				frappe
					.call({
						method: "community_gov.assessment.commendations.confer_top_ten",
						type: "POST",
						args: {
							year: filters.year,
							cadres: ranked.map((row) => row.cadre),
							window_years: filters.window_years,
							score_weight: filters.score_weight,
							satisfaction_weight: filters.satisfaction_weight,
							training_weight: filters.training_weight,
							...values,
						},
						freeze: true,
					})
					.then(({ message }) => {
						dialog.hide();
						const names = (rows) => rows.map((row) => frappe.utils.escape_html(row.full_name)).join(", ");
						const lines = [];
						if (message.conferred.length) lines.push(`${__("Title conferred on")}: ${names(message.conferred)}`);
						if (message.already_conferred.length) {
							lines.push(`${__("Already holding the title for this year")}: ${names(message.already_conferred)}`);
						}
						frappe.msgprint({ title: __("Confer Title"), indicator: "green", message: lines.join("<br>") });
					});
			},
		});
		dialog.show();
	},
	get_chart_data: () => community_gov.chart_with_text_tooltips(),
	formatter: (value, row, column, data, default_formatter) =>
		community_gov.format_report_cell(value, row, column, data, default_formatter, {
			full_name: ["Cadre", "cadre"],
		}),
};
