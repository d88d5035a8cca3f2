frappe.views.calendar["Training Session"] = {
	field_map: { start: "start", end: "end", id: "name", title: "title", allDay: "all_day" },
	filters: [
		{ fieldtype: "Select", fieldname: "level", options: ["", "City", "District", "Sub District"], label: __("Level") },
	],
	get_events_method: "frappe.desk.calendar.get_events",
};
