// The desk-wide script of community_gov (hooks.py: app_include_js).
import "./translations";
// The lists' batch tools: workflow actions, score and attendance sheets, portal accounts.
import "./batch_tools";

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

// A link to a User shows that user's name. Frappe's formatter takes `doc.full_name` when the document has
// one; on the app's documents that is the cadre's name, so a who-did-it field (审核人, 审定人) named the
// cadre. For the app's documents the name comes from the field's own `<fieldname>_full_name`, else from
// the link titles the form is sent (community_gov/user_links.py), else the login itself.
(function () {
	const frappe_user_formatter = frappe.form.link_formatters["User"];
	frappe.form.link_formatters["User"] = function (value, doc, docfield) {
		const meta = doc && doc.doctype && frappe.get_meta(doc.doctype);
		if (!meta || meta.module !== "Community Governance") {
			return frappe_user_formatter ? frappe_user_formatter(value, doc, docfield) : value;
		}
		// `full_name` is this user's only where it is fetched from this very link (Sub District User).
		const full_name_df = docfield && frappe.meta.get_docfield(doc.doctype, "full_name");
		const fetched = full_name_df && full_name_df.fetch_from === `${docfield.fieldname}.full_name`;
		const own_name = docfield && (fetched ? doc.full_name : doc[`${docfield.fieldname}_full_name`]);
		return own_name || frappe.utils.get_link_title("User", value) || value;
	};
})();

// ---------------------------------------------------------------- reports (filters, cells, chart axes)

// A report's `onload` (it returns a promise, which Frappe awaits before the first run). Frappe shows a filter
// without its label once it holds a value (Top Ten read "2025 / 3 / 60 / 20 / 20 / 10"), so each gets its
// label above it, and an empty optional filter reads "All". `years` fills year filters left empty with the
// years the data has ({fieldname: (years) => year}, years from community_gov.report_filters.get_default_years).
community_gov.setup_report = function (report, years = {}) {
	community_gov.whole_number_chart_axis(report);
	(report.filters || []).forEach((filter) => {
		const df = filter.df || {};
		if (["Break", "HTML", "Button"].includes(df.fieldtype) || filter.$wrapper.find(".cg-filter-label").length) return;
		// The label sits in a margin above the control, outside its box: Frappe places a select's arrow and
		// placeholder from the top of that box.
		filter.$wrapper.css({ position: "relative", "margin-top": "18px" });
		if (df.fieldtype === "Check") return; // it shows its own label
		$('<div class="cg-filter-label text-muted text-truncate"></div>')
			.text(__(df.label))
			.css({
				position: "absolute",
				bottom: "calc(100% + 2px)",
				left: 0,
				right: 0,
				"padding-left": "inherit",
				"padding-right": "inherit",
				"font-size": "var(--text-xs)",
				"line-height": "16px",
			})
			.prependTo(filter.$wrapper);
		if (!df.reqd) {
			filter.$input && filter.$input.attr("placeholder", __("All"));
			filter.$wrapper.find(".placeholder span").text(__("All"));
		}
	});
	const empty = Object.keys(years).filter((fieldname) => {
		const filter = report.get_filter(fieldname);
		return filter && [null, undefined, ""].includes(filter.get_value());
	});
	if (!empty.length) return Promise.resolve();
	return frappe.xcall("community_gov.report_filters.get_default_years").then((data) => {
		empty.forEach((fieldname) => report.get_filter(fieldname).set_input(years[fieldname](data)));
	});
};

// A report cell: text escaped (escape_report_text); a name linked to its record where the row carries the
// record's ID (`links`: {fieldname: [doctype, fieldname of the ID]}), so no separate ID column is needed; a
// figure the report leaves unknown (null) blank, a check box too (Frappe would draw "no").
community_gov.format_report_cell = function (value, row, column, data, default_formatter, links = {}) {
	const link = links[column.fieldname];
	if (link && data && data[link[1]] && value) {
		const a = document.createElement("a");
		a.href = `/app/${frappe.router.slug(link[0])}/${encodeURIComponent(data[link[1]])}`;
		a.textContent = value;
		return a.outerHTML;
	}
	if (column.fieldtype === "Check" && data && data[column.fieldname] === null) return "";
	return default_formatter(community_gov.escape_report_text(value, column), row, column, data);
};

// Charts of counts: frappe-charts puts the y-axis ticks at quarters when the largest value is 1, 2 or 10
// (0, 0.5, 1, 1.5, 2); a y-axis range of 3 or 12 starts them on whole numbers. A report asks for it with
// `whole_number_chart_axis: true` in its settings; Frappe's QueryReport (one for all reports) is wrapped once.
community_gov.whole_number_chart_axis = function (report) {
	if (report.cg_whole_number_axis) return;
	report.cg_whole_number_axis = true;
	const get_chart_options = report.get_chart_options.bind(report);
	report.get_chart_options = (data) => {
		const options = get_chart_options(data);
		if (options && options.axisOptions && report.report_settings.whole_number_chart_axis) {
			const datasets = options.data.datasets || [];
			const stacked = options.barOptions && options.barOptions.stacked;
			const heights = options.data.labels.map((_label, i) =>
				datasets.map((d) => Number(d.values[i]) || 0).reduce((a, b) => (stacked ? a + b : Math.max(a, b)), 0)
			);
			const highest = Math.max(0, ...heights);
			if (highest <= 2 || highest === 10) options.axisOptions.yAxisRange = { max: highest === 10 ? 12 : 3 };
		}
		return options;
	};
};

// Chart axes: Frappe writes 100 to 999 as "100.00" (frappe.utils.shorten_number shortens only from a
// thousand and otherwise fixes two decimals); below a thousand a number is written as it is.
(function () {
	const format_chart_axis_number = frappe.utils.format_chart_axis_number;
	frappe.utils.format_chart_axis_number = function (label, country) {
		const number = Number(label);
		if (Number.isFinite(number) && Math.abs(number) < 1000) return String(Math.round(number * 100) / 100);
		return format_chart_axis_number.call(this, label, country);
	};
})();

// `/app/home` (a habit from older Frappe; v15 has a Home workspace only when an app adds one) leads to the
// user's own workspace, as `/app` does, instead of "page not found".
Object.defineProperty(frappe.re_route, "home", {
	get: () => (frappe.workspaces && frappe.workspaces.home ? undefined : "app"),
	enumerable: true,
	configurable: true,
});
