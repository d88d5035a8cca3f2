from frappe import _


def get_data():
	"""The cadre's documents under Connections, counted as the user may see them
	(community_gov.connections.get_open_count). Training sessions link through their attendance rows."""
	return {
		"fieldname": "cadre",
		"transactions": [
			{
				"label": _("Assessment"),
				"items": ["Annual Assessment", "Target Agreement", "Satisfaction Survey"],
			},
			{"label": _("Training"), "items": ["Training Session", "Cadre Training Year"]},
			{"label": _("Reserves"), "items": ["Reserve Candidate"]},
			{
				"label": _("Appointment and Removal"),
				"items": ["Appointment", "Cadre Term", "Election Record"],
			},
			{"label": _("Adjustment"), "items": ["Adjustment Case"]},
		],
	}
