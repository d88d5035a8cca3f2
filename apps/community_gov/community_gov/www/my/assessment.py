from frappe import _

from community_gov.portal.assessment import assessment_page_data
from community_gov.portal.common import page_context

no_cache = 1
# The page's script (www/my/assessment.html) translates these.
SCRIPT_MESSAGES = (
	"Submit Self-Assessment",
	"Submit",
	"Write every part of your self-summary before you submit it",
)


def get_context(context):
	page_context(context, "/my/assessment", _("My Assessment"), SCRIPT_MESSAGES)
	context.update(assessment_page_data())
	return context
