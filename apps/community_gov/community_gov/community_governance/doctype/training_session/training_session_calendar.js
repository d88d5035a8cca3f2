frappe.views.calendar["Training Session"] = {
	field_map: { start: "start", end: "end", id: "name", title: "title", allDay: "all_day" },
	filters: [
		{ fieldtype: "Select", fieldname: "level", options: ["", "City", "District", "Sub District"], label: __("Level") },
	],
	get_events_method: "frappe.desk.calendar.get_events",
	// FullCalendar names Chinese "zh-cn" (Frappe's "zh" matches none of its locales: English months and days).
	options: { locale: { zh: "zh-cn", "zh-TW": "zh-tw" }[frappe.boot.lang] || frappe.boot.lang },
};
