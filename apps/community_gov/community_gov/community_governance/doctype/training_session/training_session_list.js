frappe.listview_settings["Training Session"] = {
	add_fields: ["status"],
	get_indicator(doc) {
		const colors = { Planned: "gray", Open: "blue", "In Progress": "orange", Completed: "green", Cancelled: "red" };
		return [__(doc.status), colors[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
