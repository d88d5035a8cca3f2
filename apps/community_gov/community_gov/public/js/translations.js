// The desk in the user's language where Frappe 15 leaves values untranslated (its strings themselves are in
// locale/zh.po, listed in community_gov/interface_strings.py).

// Option values shown as their labels in the user's language, translated with their DocType as context,
// as Frappe's own select control does (`__(option, null, doctype)`): the app's "Menu" (菜单式自选) and
// "Assigned" (组织调训) of a training session then do not change Frappe's generic "Menu" and "Assigned".

frappe.provide("community_gov");

// Read-only fields and report cells: Frappe's Select formatter translates without context.
frappe.form.formatters.Select = function (value, df) {
	return __(frappe.form.formatters.Data(value, df), null, df && (df.context || df.parent));
};

// Link pickers describe each result with its search fields' values ("北关社区, Deputy Secretary"): each
// value is translated on its own (an option word becomes its label; names stay as they are) and shown as
// text.
if (frappe.ui.form.ControlLink) {
	const merge_duplicates = frappe.ui.form.ControlLink.prototype.merge_duplicates;
	frappe.ui.form.ControlLink.prototype.merge_duplicates = function (results) {
		const doctype = this.get_options();
		return merge_duplicates.call(this, results).map((item) => {
			if (!item || typeof item.description !== "string") return item;
			const parts = item.description.split(", ").map((part) => {
				const text = frappe.utils.unescape_html(part);
				return frappe.utils.escape_html(__(text, null, doctype));
			});
			return { ...item, description: parts.join(", ") };
		});
	};
}

// Field labels Frappe looks up by name (the timeline's "Credit Hours from 0 to 6 in row #1", filters):
// translated with their DocType as context, as the form translates them.
const get_label = frappe.meta.get_label;
frappe.meta.get_label = function (doctype, fieldname, docname) {
	return __(get_label.call(this, doctype, fieldname, docname), null, doctype);
};

// The timeline shows a value that was empty before a change as "null".
const html2text = frappe.utils.html2text;
frappe.utils.html2text = function (html) {
	return html === null || html === undefined ? "" : html2text.call(this, html);
};

// A list column of options (listview_settings formatters): the pill Frappe draws, its label translated with the
// DocType as context (Frappe's own list column translates without one).
community_gov.option_pill = (doctype) => (value, df) => {
	const esc = frappe.utils.escape_html;
	if (!value) return "";
	return `<span class="filterable indicator-pill ${frappe.utils.guess_colour(value)} ellipsis"
		data-filter="${esc(df.fieldname)},=,${esc(value)}"><span class="ellipsis">${esc(__(value, null, doctype))}</span></span>`;
};

// Frappe's permission errors put the DocType's English name into a translated sentence ("Cadre CAD-00020的
// 权限不足"): in an error message the names of the DocTypes the user may read are shown translated.
let doctype_names;
const translate_doctype_names = (text) => {
	if (typeof text !== "string") return text;
	if (!doctype_names) {
		const names = (frappe.boot.user && frappe.boot.user.can_read) || [];
		const translated = names.filter((name) => __(name) !== name).sort((a, b) => b.length - a.length);
		const pattern = translated.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
		doctype_names = pattern ? new RegExp(`\\b(${pattern})\\b`, "g") : null;
	}
	return doctype_names ? text.replace(doctype_names, (name) => __(name)) : text;
};
const translate_error = (message) => {
	if (typeof message === "string" && message.startsWith("{")) {
		try {
			return JSON.stringify(translate_error(JSON.parse(message)));
		} catch (e) {
			return message;
		}
	}
	if ($.isPlainObject(message) && message.indicator === "red") {
		return { ...message, message: translate_doctype_names(message.message) };
	}
	return message;
};
const msgprint = frappe.msgprint;
frappe.msgprint = function (msg, title, is_minimizable) {
	msg = Array.isArray(msg) ? msg.map(translate_error) : translate_error(msg);
	return msgprint.call(this, msg, title, is_minimizable);
};

// The timeline shows the values a change replaced as stored ("状态由Planned改为Enrolling"): option values and
// workflow states are shown as their labels. Frappe's timeline class is not global: its prototype is reached
// through the first form's timeline, which is then drawn again.
const shown_value = (doctype, fieldname, value) => {
	const df = doctype && frappe.meta.get_docfield(doctype, fieldname);
	const is_option = df && (df.fieldtype === "Select" || (df.fieldtype === "Link" && df.options === "Workflow State"));
	return is_option && typeof value === "string" && value ? __(value, null, doctype) : value;
};
const with_labels = (version, frm) => {
	let data;
	try {
		data = JSON.parse(version.data);
	} catch (e) {
		return version;
	}
	(data.changed || []).forEach((change) => {
		change[1] = shown_value(frm.doctype, change[0], change[1]);
		change[2] = shown_value(frm.doctype, change[0], change[2]);
	});
	(data.row_changed || []).forEach(([table_field, , , changes]) => {
		const table = frappe.meta.get_docfield(frm.doctype, table_field);
		(changes || []).forEach((change) => {
			change[1] = shown_value(table && table.options, change[0], change[1]);
			change[2] = shown_value(table && table.options, change[0], change[2]);
		});
	});
	return { ...version, data: JSON.stringify(data) };
};
$(document).on("form-refresh", (event, frm) => {
	const timeline = frm && frm.timeline;
	const prototype = timeline && Object.getPrototypeOf(timeline);
	if (!prototype || !prototype.get_version_timeline_contents || prototype.community_gov_labels) return;
	const get_version_timeline_contents = prototype.get_version_timeline_contents;
	prototype.get_version_timeline_contents = function () {
		const versions = this.doc_info && this.doc_info.versions;
		if (!versions || !this.frm) return get_version_timeline_contents.call(this);
		this.doc_info.versions = versions.map((version) => with_labels(version, this.frm));
		try {
			return get_version_timeline_contents.call(this);
		} finally {
			this.doc_info.versions = versions;
		}
	};
	prototype.community_gov_labels = true;
	timeline.refresh();
});

// A report's total row: Frappe writes "Total" into its first column without translating it (the cell's
// column is then a bare {fieldtype: "Data"}, which no field of a report has).
const data_formatter = frappe.form.formatters.Data;
frappe.form.formatters.Data = function (value, df, ...rest) {
	if (value === "Total" && df && !df.fieldname && !df.label) value = __("Total");
	return data_formatter.call(this, value, df, ...rest);
};
