import frappe
from frappe import _

from community_gov.training.portal import get_portal_data

no_cache = 1


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/training"
		raise frappe.Redirect
	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("My Training")
	context.update(get_portal_data())
	settings = frappe.get_cached_doc("Governance Settings")
	context.central_level = _(settings.central_training_min_level)
	return context
