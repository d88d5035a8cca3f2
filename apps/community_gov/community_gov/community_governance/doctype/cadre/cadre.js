// Fill date of birth and gender as soon as a valid ID number is typed; the server validates again.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARACTERS = "10X98765432";

function parse_id_number(value) {
	const number = (value || "").replace(/\s/g, "").toUpperCase();
	// The error is shown as an HTML alert: the typed text goes in escaped.
	const shown = frappe.utils.escape_html(number);
	if (number.length !== 18) {
		return { error: __("{0} {1} must have 18 characters, it has {2}", [__("ID Number"), shown, number.length]) };
	}
	if (!/^\d{17}[\dX]$/.test(number)) {
		return { error: __("{0} {1} may contain only digits, with X allowed as the last character", [__("ID Number"), shown]) };
	}
	const [year, month, day] = [number.slice(6, 10), number.slice(10, 12), number.slice(12, 14)].map(Number);
	const birth = new Date(year, month - 1, day);
	if (year < 1900 || birth > new Date() || birth.getMonth() !== month - 1 || birth.getDate() !== day) {
		return { error: __("{0} {1} does not contain a valid date of birth", [__("ID Number"), number]) };
	}
	const total = ID_WEIGHTS.reduce((sum, weight, i) => sum + weight * Number(number[i]), 0);
	if (ID_CHECK_CHARACTERS[total % 11] !== number[17]) {
		return { error: __("{0} {1} has a wrong check digit", [__("ID Number"), number]) };
	}
	return {
		number,
		date_of_birth: `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`,
		gender: Number(number[16]) % 2 ? "Male" : "Female",
	};
}

frappe.ui.form.on("Cadre", {
	id_number(frm) {
		if (!frm.doc.id_number) return;
		const info = parse_id_number(frm.doc.id_number);
		if (info.error) {
			frappe.show_alert({ message: info.error, indicator: "red" }, 7);
			return;
		}
		frm.set_value({ id_number: info.number, date_of_birth: info.date_of_birth, gender: info.gender });
	},

	refresh(frm) {
		if (frm.doc.date_of_birth) {
			const age = moment().diff(moment(frm.doc.date_of_birth), "years");
			frm.set_intro(__("Age: {0}", [age]), "blue");
		}
		if (!frm.is_new()) render_personal_file(frm);
		const may_open_case = ["Organization Department", "System Manager"].some((role) => frappe.user.has_role(role));
		if (may_open_case && !frm.is_new() && frm.doc.status === "Active") {
			frm.add_custom_button(__("Open Case by Hand"), () => open_adjustment_case(frm));
		}
	},
});

// Beyond the two-year rule the department adjusts a cadre found unfit (不胜任) or incompetent (不称职): the case
// opens on its written reason and evidence and is decided as every case is.
function open_adjustment_case(frm) {
	const dialog = new frappe.ui.Dialog({
		title: __("Open Case by Hand"),
		fields: [
			{
				fieldname: "basis",
				fieldtype: "Select",
				label: __("Basis"),
				reqd: 1,
				options: ["Unfit for Post", "Incompetent"].map((value) => ({ value, label: __(value) })),
				default: "Unfit for Post",
			},
			{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 },
			{
				fieldname: "evidence",
				fieldtype: "Text",
				label: __("Evidence"),
				reqd: 1,
				description: __("The facts the written reason rests on: inspection findings, residents' complaints, meeting records"),
			},
		],
		primary_action_label: __("Open Case by Hand"),
		primary_action(values) {
			frappe
				.xcall("community_gov.assessment.api.open_case_by_hand", { cadre: frm.doc.name, ...values })
				.then((name) => {
					dialog.hide();
					frappe.set_route("Form", "Adjustment Case", name);
				});
		},
	});
	dialog.show();
}

const GRADE_COLORS = { Excellent: "green", Competent: "blue", "Basically Competent": "orange", Fail: "red" };

// The personal file: the cadre's record year by year (grades, scores, training hours and compliance), which
// no list shows. The documents themselves are under Connections (cadre_dashboard.py).
function render_personal_file(frm) {
	const wrapper = frm.get_field("personal_file_html").$wrapper;
	const esc = frappe.utils.escape_html;
	const cell = (value) => esc(value === null || value === undefined ? "—" : String(value));
	const grade = (g) => (g ? `<span class="indicator-pill ${GRADE_COLORS[g] || "gray"}">${esc(__(g))}</span>` : "—");
	const compliant = (c) => (c === null || c === undefined ? "—" : c ? "✓" : "✗");
	const headers = [
		__("Year"),
		__("Grade"),
		__("Total Score"),
		__("Residents' Satisfaction (%)"),
		__("Credit Hours"),
		__("Training Compliant"),
	];
	frappe
		.xcall("community_gov.community_governance.doctype.cadre.cadre.get_personal_file", { cadre: frm.doc.name })
		.then((years) => {
			const row = (y) => [
				cell(y.year),
				grade(y.grade),
				cell(y.total_score),
				cell(y.satisfaction_rate),
				cell(y.training_hours),
				compliant(y.training_compliant),
			];
			const body = years.length
				? years.map((y) => `<tr>${row(y).map((c) => `<td>${c}</td>`).join("")}</tr>`).join("")
				: `<tr><td colspan="${headers.length}" class="text-muted">${esc(__("None"))}</td></tr>`;
			wrapper.html(`<h5 class="mt-3">${esc(__("Assessment and Training by Year"))}</h5>
				<table class="table table-bordered table-sm">
					<thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead>
					<tbody>${body}</tbody>
				</table>`);
		});
}

community_gov.show_stored_text_as_text("Cadre");
