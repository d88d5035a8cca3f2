"""The app's domain errors: tests assert on the class, callers catch the class, users read the message.

Each subclasses the Frappe exception whose HTTP status fits (ValidationError: 417, PermissionError: 403).
Owners of each area add their classes here, grouped by area.
"""

import frappe


class CommunityGovError(frappe.ValidationError):
	"""Base of the app's validation errors."""


# Assessment


class CadreNotFoundError(CommunityGovError):
	"""A record names a cadre that does not exist."""


class AssessmentYearError(CommunityGovError):
	"""A year before the register's first year or in the future."""


class AgreementNotSignedError(CommunityGovError):
	"""An assessment is made against a target agreement that is not signed."""


class AgreementMismatchError(CommunityGovError):
	"""An assessment's target agreement is another cadre's or another year's."""


class ScoreOutOfRangeError(CommunityGovError):
	"""A target's score outside 0 .. its weight."""


class SatisfactionOutOfRangeError(CommunityGovError):
	"""Residents' satisfaction outside 0 .. 100 %."""


class GradeOverrideError(CommunityGovError):
	"""A grade override without the grade or without its written reason (R2)."""


class DuplicateAssessmentError(CommunityGovError):
	"""A second annual assessment of a cadre for a year."""


class ReturnReasonRequiredError(CommunityGovError):
	"""An assessment returned without saying why."""


class ExcellentQuotaError(CommunityGovError):
	"""One Excellent grade more than the sub-district's quota allows (R3)."""


class MissingTargetsError(CommunityGovError):
	"""A target agreement without targets."""


class TargetWeightError(CommunityGovError):
	"""A target weighted 0 or less."""


class TargetWeightTotalError(CommunityGovError):
	"""Target weights that do not add up to the required total (R4)."""


class DuplicateAgreementError(CommunityGovError):
	"""A second signed target agreement of a cadre for a year (R4)."""


class CaseStatusChangeError(frappe.PermissionError):
	"""An adjustment case's status written directly instead of through the case's actions."""


class CaseClosedError(CommunityGovError):
	"""An action on an adjustment case that is already decided or withdrawn."""


class CaseAlreadyUnderReviewError(CommunityGovError):
	"""Starting the review of a case that is already under review."""


class AdjustmentDecisionError(CommunityGovError):
	"""A decision on an adjustment case that is neither Adjusted nor Retained."""


class DecisionBasisRequiredError(CommunityGovError):
	"""A decision without its reason, meeting minutes reference or date."""


class DecisionDateError(CommunityGovError):
	"""A decision date that is not a date, in the future or before the case opened."""


class CaseNotAdjustedError(CommunityGovError):
	"""A successor chosen before the case is decided Adjusted."""


class SuccessorAlreadyChosenError(CommunityGovError):
	"""A second successor appointment for one case."""


class NotASuccessorCandidateError(CommunityGovError):
	"""A successor who is not an Elected, Qualified or In Training reserve for secretary of the community."""


class WatchlistScopeError(frappe.PermissionError):
	"""A reviewer asking for the watch-list of another sub-district."""


# Assessment: appointments and the reserve pool


class AppointmentDateError(CommunityGovError):
	"""A term that ends before it starts."""


class CountyFilingDateError(CommunityGovError):
	"""A county filing dated before the appointment's approval."""


class ReserveCandidateRequiredError(CommunityGovError):
	"""A secretary or deputy appointed without a reserve candidate (seed 004)."""


class ReserveCandidateMismatchError(CommunityGovError):
	"""An appointment naming another cadre's nomination, or a nomination for another post."""


class ReserveNotQualifiedError(CommunityGovError):
	"""An appointment of a reserve that is not Qualified."""


class SelfMentorError(CommunityGovError):
	"""A reserve candidate named as the own mentor."""


class DuplicateNominationError(CommunityGovError):
	"""A cadre nominated twice for one post while in the pool."""


class ReserveDateError(CommunityGovError):
	"""A nomination or forum talk in the future, or a forum talk before the nomination."""


class ApprovalRateOutOfRangeError(CommunityGovError):
	"""A questionnaire approval rate outside 0 .. 100 %."""


class ReserveStepSkippedError(CommunityGovError):
	"""A reserve candidate moved past a selection step (seed 004: talk, questionnaire, inspection, election)."""


class ReserveStepIncompleteError(CommunityGovError):
	"""A selection step entered before its record is made."""


class ReserveClosedError(CommunityGovError):
	"""A reserve candidate withdrawn who is no longer in the pool."""


class AppointedOnlyByAppointmentError(CommunityGovError):
	"""A reserve candidate set to Appointed directly rather than by approving an Appointment."""


# Training


class SessionFullError(CommunityGovError):
	"""More cadres holding a seat in a training session than its capacity (R6)."""


class TimeClashError(CommunityGovError):
	"""A cadre holding seats in two live training sessions at the same time (R6)."""


class DuplicateAttendeeError(CommunityGovError):
	"""A cadre listed twice in one training session."""


class EnrolmentClosedError(CommunityGovError):
	"""Enrolling in a session that is completed, cancelled, started or not open for menu enrolment."""


class NotEligibleError(CommunityGovError):
	"""A cadre who is not active or not in the program's audience enrolling in a session."""


class NotEnrolledError(CommunityGovError):
	"""Withdrawing from a session the cadre is not enrolled in."""


class WithdrawalClosedError(CommunityGovError):
	"""Withdrawing after the session has started, or from a session the department assigned."""


class SessionStatusError(CommunityGovError):
	"""A training session status move its status map does not allow, or a cancellation without its reason."""


# The year in batches: issuing agreements from a template, satisfaction surveys, cases opened by hand


class TemplateYearError(CommunityGovError):
	"""Agreements issued for another year than the target template's."""


class TemplatePositionError(CommunityGovError):
	"""Agreements issued to a position the target template is not for, or with no position at all."""


class IssueScopeError(frappe.PermissionError):
	"""A reviewer issuing agreements to cadres of another sub-district."""


class SurveyCountError(CommunityGovError):
	"""A satisfaction survey that asked nobody, or counts more satisfied residents than it asked."""


class SurveyDateError(CommunityGovError):
	"""A satisfaction survey dated in the future, or neither in its year nor in the year after."""


class SurveyAssessmentApprovedError(CommunityGovError):
	"""A satisfaction survey submitted or cancelled after the assessment it feeds is approved."""


class CaseBasisError(CommunityGovError):
	"""A case opened by hand on a basis that is not a written reason (unfit, incompetent)."""


class CaseReasonRequiredError(CommunityGovError):
	"""A case opened by hand without its written reason or its evidence."""


class CaseCadreNotActiveError(CommunityGovError):
	"""A case opened by hand for a cadre who is no longer in post."""


class CaseAlreadyOpenError(CommunityGovError):
	"""A case opened by hand while the cadre already has an undecided case."""


# The cadre's personal space (portal)


class SigningNoteRequiredError(CommunityGovError):
	"""HR records a paper signature of a target agreement without saying how it was signed."""


class AgreementNotPendingError(CommunityGovError):
	"""A cadre signs an agreement that is not waiting for its signature."""


class SelfSummaryClosedError(CommunityGovError):
	"""A cadre writes its self-summary while the assessment is with the reviewers or decided."""


class SelfSummaryIncompleteError(CommunityGovError):
	"""A self-assessment submitted with a part of the self-summary (德能勤绩廉) left empty."""


# Batch tools (community_gov/batch): sheets, batch workflow actions, portal accounts


class ImportFileError(CommunityGovError):
	"""An uploaded file that is not an Excel sheet the import can read, or one the user may not read."""


class AttendanceClosedError(CommunityGovError):
	"""Attendance imported into a training session that is completed, cancelled or not yet started."""


class BatchSizeError(CommunityGovError):
	"""More records chosen for one batch action than it takes at once."""


class BatchActionError(CommunityGovError):
	"""A batch workflow action on a DocType or with an action the batch tool does not offer."""


class BatchReasonRequiredError(CommunityGovError):
	"""A batch workflow action that needs a written reason (Return), without one."""


# Commendations (community_gov.assessment.commendations)


class NotInTopTenError(CommunityGovError):
	"""The Top Ten title conferred on a cadre the year's ranking does not place among its ten."""


class HonourReservedError(frappe.PermissionError):
	"""An honour above Sub District level, or a Top Ten title, added, changed or removed by someone other than
	the Organization Department (community_gov.rules.honours.reserved_changes)."""


# Pay


class PayStandardError(CommunityGovError):
	"""A pay standard with a negative amount, a growth out of range, or a second one for the same post,
	community type and date."""


class PayRecordError(CommunityGovError):
	"""A cadre's pay record dated before the cadre's community service began, or a second one of the cadre
	for the same date."""


# Terms and elections (community_gov.terms)


class ElectedOnlyByElectionError(CommunityGovError):
	"""A reserve candidate moved to Elected by hand instead of by an Election Record."""


class ElectionVotesError(CommunityGovError):
	"""An election record whose votes cannot be counted: none cast, or more for than cast."""


class ElectionCandidateError(CommunityGovError):
	"""An election of a cadre who is neither the post's incumbent nor an electable reserve for it."""


class ElectionDateError(CommunityGovError):
	"""An election in the future or outside the dates of its 换届, or in a community the 换届 does not cover."""


class ElectionBodyError(CommunityGovError):
	"""An election by a body that does not elect the post (the party members' assembly elects the party
	organization, the residents or their representatives the residents' committee)."""


class GeneralElectionError(CommunityGovError):
	"""A 换届 with its end before its start, a community listed twice, or completed without an end date."""


class TermError(CommunityGovError):
	"""A term ending before it starts, overlapping another current term of the cadre in the post or another
	holder's in a single-holder post, of a post without a term, or ended without a date and a reason; an
	appointment or election dated on or before the start of a term it would end."""


class ElectionCancelError(CommunityGovError):
	"""Cancelling an election whose elected reserve has since been appointed, or whose elected cadre's term an
	approved appointment has since started."""
