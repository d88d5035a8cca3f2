from frappe.model.document import Document


class BatchImportLog(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from community_gov.community_governance.doctype.batch_import_error.batch_import_error import (
			BatchImportError,
		)

		created_count: DF.Int
		errors: DF.Table[BatchImportError]
		failed_count: DF.Int
		file: DF.Attach | None
		import_mode: DF.Literal["All or Nothing", "Good Rows Only"]
		import_type: DF.Literal["Scores", "Attendance"]
		imported_by: DF.Link | None
		imported_on: DF.Datetime | None
		status: DF.Literal["Queued", "In Progress", "Imported", "Partially Imported", "Refused", "Failed"]
		sub_district: DF.Link | None
		total_rows: DF.Int
		training_session: DF.Link | None
		unchanged_count: DF.Int
		updated_count: DF.Int
		year: DF.Int
	# end: auto-generated types

	# Written only by the batch imports (community_gov.batch.imports: Queued by the upload, then In Progress
	# and its outcome by the import job); no role creates or edits one.
	pass
