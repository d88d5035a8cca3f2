// The desk-wide script of community_gov (hooks.py: app_include_js).
frappe.provide("community_gov");

// Frappe shows read-only text fields and table cells as HTML, as stored. Text is also cleaned when saved,
// but what users wrote must show as text whatever is stored (an old or bypassing write): these fields of
// the form and of its tables get a formatter that escapes. Data fields of the form itself Frappe escapes.
community_gov.show_stored_text_as_text = function (doctype) {
	// A read-only Data control escapes its value before formatting it: unescape first, never escape twice.
	const as_text = (value) =>
		value === null || value === undefined
			? ""
			: frappe.utils.escape_html(frappe.utils.unescape_html(String(value))).replace(/\n/g, "<br>");
	const tables = (frappe.meta.docfield_list[doctype] || [])
		.filter((df) => frappe.model.table_fields.includes(df.fieldtype))
		.map((df) => df.options);
	[doctype, ...tables].forEach((dt) => {
		const is_text = (df) =>
			["Small Text", "Text", "Long Text"].includes(df.fieldtype) || (dt !== doctype && df.fieldtype === "Data");
		const copies = Object.values(frappe.meta.docfield_copy[dt] || {}).flatMap((fields) => Object.values(fields));
		[...(frappe.meta.docfield_list[dt] || []), ...copies].filter(is_text).forEach((df) => (df.formatter = as_text));
	});
};

// A workflow action that needs a written reason: asked for, and stored before the action (which reloads
// the document). Returns nothing for other actions, so they go ahead.
community_gov.prompt_workflow_reason = function (frm, action, label) {
	if (frm.selected_workflow_action !== action) return;
	return new Promise((resolve, reject) => {
		const dialog = frappe.prompt(
			{ fieldname: "reason", fieldtype: "Small Text", label, reqd: 1 },
			({ reason }) =>
				frappe
					.xcall("community_gov.api.set_reason", { doctype: frm.doctype, name: frm.doc.name, action, reason })
					.then(resolve, reject),
			__(action),
			__(action)
		);
		dialog.onhide = () => reject();
	});
};

// Report cells: Frappe's default formatter puts text values (names, reasons) into the cell's HTML as they
// are, so text is escaped first.
community_gov.escape_report_text = function (value, column) {
	if (typeof value === "string" && ["Data", "Small Text", "Text"].includes(column.fieldtype || "Data")) {
		return frappe.utils.escape_html(value);
	}
	return value;
};

// Report charts: the tooltip shows a label (a name) as HTML, the axis as text.
community_gov.chart_with_text_tooltips = function () {
	const chart = frappe.query_report.raw_data && frappe.query_report.raw_data.chart;
	return chart && { ...chart, tooltipOptions: { formatTooltipX: (label) => frappe.utils.escape_html(label) } };
};
