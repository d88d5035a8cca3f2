from frappe import _

from community_gov.portal.common import page_context
from community_gov.portal.targets import targets_page_data

no_cache = 1
# The page's script (www/my/targets.html) translates these.
SCRIPT_MESSAGES = ("Sign the Target Agreement", "Sign")


def get_context(context):
	page_context(context, "/my/targets", _("My Targets"), SCRIPT_MESSAGES)
	context.update(targets_page_data())
	return context
