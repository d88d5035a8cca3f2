from frappe import _


def get_data():
	"""The cadre's documents under Connections, counted as the user may see them
	(community_gov.connections.get_open_count). Training sessions link through their attendance rows; the pay
	records (Pay) show to the Organization Department only, who alone may read them."""
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
			# The department's only: the desk shows a connection to those who may read its DocType.
			{"label": _("Pay"), "items": ["Cadre Pay Record"]},
		],
	}
