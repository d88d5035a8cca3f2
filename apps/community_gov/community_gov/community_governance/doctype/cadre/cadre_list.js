frappe.listview_settings["Cadre"] = {
	add_fields: ["status", "position"],
	get_indicator(doc) {
		const colors = { Active: "green", Adjusted: "orange", Retired: "gray", Resigned: "gray" };
		return [__(doc.status), colors[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
