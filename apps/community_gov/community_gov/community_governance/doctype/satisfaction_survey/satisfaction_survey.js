frappe.ui.form.on("Satisfaction Survey", {
	sample_size: show_rate,
	satisfied_count: show_rate,
});

// The rate as the server computes it (satisfied over asked); the server checks the numbers again.
function show_rate(frm) {
	const asked = cint(frm.doc.sample_size);
	const satisfied = cint(frm.doc.satisfied_count);
	if (asked > 0 && satisfied >= 0 && satisfied <= asked) {
		frm.set_value("satisfaction_rate", flt((satisfied * 100) / asked, 2));
	}
}

community_gov.show_stored_text_as_text("Satisfaction Survey");
