from frappe import _

from community_gov.portal.common import page_context
from community_gov.portal.profile import profile_page_data

no_cache = 1


def get_context(context):
	page_context(context, "/my/profile", _("My File"))
	context.update(profile_page_data())
	return context
