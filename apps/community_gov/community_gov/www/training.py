import frappe
from frappe import _

from community_gov.portal.common import page_context
from community_gov.training.portal import get_portal_data

no_cache = 1


def get_context(context):
	# One of the pages of the cadre's personal space: its menu and look (community_gov.portal).
	page_context(context, "/training", _("My Training"))
	context.update(get_portal_data())
	settings = frappe.get_cached_doc("Governance Settings")
	context.central_level = _(settings.central_training_min_level)
	return context
