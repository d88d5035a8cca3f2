from frappe import _

from community_gov.portal.common import HOME, page_context
from community_gov.portal.home import home_page_data

no_cache = 1


def get_context(context):
	page_context(context, HOME, _("My Space"))
	context.update(home_page_data())
	return context
