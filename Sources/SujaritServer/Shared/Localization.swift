import Foundation
import SujaritCore

/// Every text of the user interface by name. A page writes `t(.save)`; the Thai and English
/// texts live in one table per language (`Texts.thai`, `Texts.english`), and
/// `LocalizationTests` fails when a key lacks either. Texts with values take `{0}`, `{1}` …
/// (`t(.errorsToFix, "3")`), so each language puts them where its grammar wants them.
public enum UIKey: String, CaseIterable, Sendable {
    case appName, appTagline, organizations, organizationsLead, noOrganizations, plans, noPlans, noPublishedPlans
    // The directory (home page)
    case dirNoProvince, dirAllDistricts, dirSearchByName, dirSearchPlaceholder, dirAllProvinces, dirKind, dirAllKinds, dirSearch, dirClear, dirProvinces, dirOrganizationCount, dirNoMatch, dirNoSuchPage, dirLastPage, dirPrevious, dirPageOf, dirNext, dirPages
    // The directory's addresses, the overseers' dashboards (Overseers/)
    case dirDistrictOf, dirProvinceOf
    case ovDashboards, ovIndexLead, ovNation, ovProvinceTitle, ovDashboardLead, ovCoverageHeading, ovCoverageLine, ovWithoutHeading, ovFirstN, ovItemsHeading, ovNoDimension, ovDimensionN, ovItemsTotal, ovMedianPerPlan, ovBudgetHeading, ovByKind, ovKindBudget, ovBudgetChart
    case ovBarTitle, ovPublishedShare, ovMeasuresHeading, ovMostUsed, ovLeastUsed, ovRoundsHeading, ovRoundsLead, ovRound, ovSixMonthRound, ovTwelveMonthRound, ovDeadline, ovExpected, ovSubmitted, ovSubmittedOnTime, ovSubmittedLate, ovApproved, ovCarriedOutPercent, ovPlannedBaht
    case ovDisbursedBaht, ovDisbursedPercent, ovRoundsChart, ovRoundBarTitle, ovComplaintsHeading, ovComplaintsLead, ovWholeArea, ovReceived, ovConcluded, ovInProgress, ovReferred, myWorkDashboards
    case signIn, signOut, username, password, signInFailed, signedInAs, language
    case dimension, mission, items, budgetBaht, remarks, subtotal, grandTotal, projectsCount, fiscalYear
    case status, revision, open, planYears, itemSheet, backToPlan, noSheet
    case sheetName, sheetRationale, sheetObjectives, sheetTargetGroup, sheetMethod, sheetPeriod, sheetBudget
    case sheetResponsible, sheetOutputsOutcomes, sheetOutputs, sheetOutcomes, sheetArea, headcount
    case riskTable, workArea, riskIssues, riskLevel, controlMeasures, targets, indicator
    case findings, noFindings, error, warning, notFound, forbidden, badRequest, serverError, tryAgain
    case home, draftNotice, summary, totalOverPlan, unplaced, kindColumn, responsibleUnit
    case province, district, website, phone, apiLink, skipToContent, csrfFailed, noBudget, persons
    case download, pdfUnavailable, downloadWordInstead
    case expUnknownFormat, expFormatsAre, expPdfBusy, expPdfNotInstalled, expPdfFailed
    // Plans, editor, wizard, import and organization pages
    case newPlan, importFromFile, editOrganizationDetails, planEditor, history, part2, notWrittenYet
    case foreword, riskAssessmentHeading, planTargets, part1Introduction, noRiskAssessmentRecordedYet
    case objectivesOfThePlan, benefitsOfThePlan, projectSheetPrefix, fix, edit, moveUp, moveDown, duplicate
    case delete, addAnItemToThisMission, customMission, noItemYet, addAMissionToThisDimension, missionName
    case addMission, dimensionNumber, startANewRevision, viewAsDocument, savedVersion, youCanReadButNotEdit
    case itemCount, total, frontMatter, editFrontMatter, addARiskRow, addATarget, notChosen
    case whatTheOtherPersonSaved, missionShort, conflictKeepsYourText, theOtherPersonDeletedThisItem
    case oneEntryPerLine, backToThePlanEditor, addAnItem, editItem, planTableRow, subMission
    case hasProjectSheet, sheetNumber, methodStepsHint, save, cancel, item, approverComment
    case deleteItemQuestion, deleteItemExplanation, deleteItem, oneIssuePerLine, riskLevelsHint
    case itemsControllingRisk, targetUnit, planTitle, onePerLine, revisions, lastChange, whoAndWhen
    case historyWhen, historyAction, historyBy, openTheExistingPlan, continueTheDraft
    case startRevisionOfThisPlan, monthByMonth, customYears, firstYearBE, lastYearBE, newPlanHeading
    case planCycle, wizardTitleHint, startFromStandardMeasures, wizardMeasuresHint, createThePlan
    case importAPlanDocument, importLead, documentFileLimit, readTheDocument, importPlan, withoutSheetSuffix
    case line, acceptAsADraftPlan, discardThisImport, importSettled, acceptedAsADraftPlan, reviewTheImport
    case organizationInTheDocument, thePlanAsRead, correctItInThePlanEditor, diagnosis, organizationDetails
    case organizationName, unitsOnePerLine, digitsInDocumentsAndPages, thaiDigitsOption, arabicDigitsOption
    case goTo, errorsToFix, budgetTextHint, budgetTextNow, historyCommentMarker, resultsReportRows
    // Issue 11: my work, revision comparison, import review, the item form's one-value fields
    case myWork, historyPage, placeParagraph, placeLine, myWorkAwaitingApproval, myWorkAwaitingPublication
    case myWorkImports, myWorkDrafts, myWorkRounds, myWorkNothing, myWorkDirectory, myOrganizations, revisionNumber, compareRevisions, compareHeading
    case compareSame, budgetPerYear, difference, itemsAdded, itemsRemoved, itemsChanged, otherPartsChanged
    case formerName, changedFields, notStated, fieldName, fieldSubMission, fieldBudget, partTitle
    case partFrontMatter, partRisks, partTargets, compareWithRevision, compareColumn, historyWhat
    case removedItem, fromRevision, noMissionYet, missionCodeLabel, otherOrganizationWarning
    case replaceOrganizationName, organizationNameReplaced, showSubMissions, chooseMissionFirst
    case missionHasNoSubMissions, responsibleSameAsTable, earlierResponsible
    // The complaint channel (Complaints/): reporter pages, statistics, officers' pages
    case cmpReportTitle, cmpGrievanceTitle, cmpReportIntroStrong, cmpReportIntro, cmpNotCorruption, cmpUseGrievance, cmpGrievanceIntro
    case cmpCorruptionElsewhere, cmpUseCorruption, cmpConcernsExecutive, cmpRecommended, cmpWhatRequired, cmpWhoIfKnown, cmpWhen
    case cmpWhere, cmpAmountIfAny, cmpEvidenceIfAny, cmpEvidenceHint, cmpIdentity, cmpStayAnonymous, cmpContactMeAt
    case cmpContactLabel, cmpSend, cmpTrackEarlier, cmpStatisticsLink, cmpReceiptTitle, cmpReceived, cmpYourCode
    case cmpReceivedOnDueOn, cmpTrackAt, cmpCodeWarning, cmpPrintReceipt, cmpDownloadSlip, cmpKeepCodePrivate, cmpTrackTitle
    case cmpNoSuchCode, cmpCodeLabel, cmpShowStatus, cmpFromOfficer, cmpYourAddition, cmpCaseClosed, cmpAddOrAnswer
    case cmpMessage, cmpMoreEvidence, cmpSendMore, cmpStatusTitle, cmpAdded, cmpStatus, cmpMessages
    case cmpNoMessages, cmpFilesSent, cmpFewerThanFive, cmpNoComplaints, cmpPeriod, cmpCountReceived, cmpCountConcluded
    case cmpCountInProgress, cmpCountReferred, cmpStatisticsTitle, cmpSuppressionNote, cmpWholeYear, cmpFiscalYear, cmpByHalf
    case cmpByQuarter, cmpByMonth, cmpReportLink, cmpDaysLate, cmpAboutExecutive, cmpLateBy, cmpDueOn
    case cmpKindReceivedOn, cmpDeadline, cmpReminders, cmpOverdueCases, cmpCaseCount, cmpCaseCountOverdue, cmpRecordOther
    case cmpDeadlineSettings, cmpColReceived, cmpColChannel, cmpColStatus, cmpColDue, cmpOverseerTitle, cmpOverseerProvinces
    case cmpOverseerLead, cmpColOrganization, cmpColDistrict, cmpColOpen, cmpSettingsTitle, cmpSettingsSaved, cmpAcknowledgeWithin
    case cmpAnswerWithin, cmpWorkingDaysOnly, cmpSettingsHint, cmpBackToList, cmpIntakeTitle, cmpIntakeHeading, cmpKind
    case cmpChannel, cmpWhat, cmpWho, cmpAmount, cmpIntakeEvidence, cmpIntakeExecutive, cmpIntakeAnonymous
    case cmpIntakeContact, cmpIntakeSave, cmpReporter, cmpAnonymous, cmpDoAcknowledge, cmpDoScreen, cmpDoInvestigate
    case cmpDoClose, cmpReferTo, cmpBodyName, cmpDoRefer, cmpOutcome, cmpDoConclude, cmpNotAssigned
    case cmpFromReporter, cmpToReporter, cmpInternalNote, cmpDoReclassify, cmpRecordedByOfficer, cmpOverdue, cmpCaseTitle
    case cmpDueLabel, cmpAcknowledgeByLabel, cmpChannelLabel, cmpAssignedLabel, cmpAboutExecutiveLong, cmpDetails, cmpEvidenceFiles
    case cmpNoFiles, cmpDownloadsLogged, cmpActions, cmpAssignTo, cmpNobody, cmpDoAssign, cmpReplyLabel
    case cmpDoReply, cmpDoNote, cmpDoRecuse, cmpAccessLog, cmpPleaseFix
    // Messages of errors and form checks, carried as LocalizedText (issue 14 §3); nf…: what was not found
    case nfAnything, nfThing, nfPlan, nfOrganization, nfOrganizationSlug, nfItem, nfImport, nfComplaint, nfEvidenceFile, nfProvince
    case nfFiscalYear
    case msgComplaintsAPINeedsToken, msgFormExpired, msgNoKeyToThisCase, msgTooManyAttempts, msgEvidenceQuotaToday, msgOnlyComplaintOfficers, msgCannotSeeThisCase, msgCaseChangedFirst
    case msgStandardMeasuresCycle, msgAPIWritesNeedToken, msgBodyMustBeJSON, msgRequestBodyEmpty, msgValueOfWrongType, msgImportQueueFull, msgUseRepliesEndpoint, msgUseRepliesShort
    case msgInvalidReceiptDetails, msgOnlyOutsideBodyAccount, msgInvalidCommand, msgCaseCannotBeOpened, msgWriteMessage, msgTooManyFiles, msgInvalidFile, msgPlanYearsBuddhistEra
    case msgYearRange2500To2700, msgInvalidRange, msgUnknown, msgNotThisCycle, msgOpenThatDraft, msgStartRevisionOfThatPlan, msgWaitForThatApproval, msgPlanVersionRequired
    case msgRequired, msgQueryStringCannotRead, msgInvalidSearch, msgSendBearerTokenRevoke, msgVersionRequired, msgNotYear, msgStepSubmitted, msgStepReturnedToDraft
    case msgStepApproved, msgStepPublished, msgStageDraft, msgStageWaitsForYou, msgStageSubmitted, msgStageApprovedPublishIt, msgStageApprovedAdminPublishes, msgEnterBuddhistEraYear
    case msgUnknownMeasureChosen, msgTitleTooLong, msgCompareSamePlanOnly, msgSaved, msgCorrectFieldsInRed, msgUnknownStep, msgEnterName, msgChooseMissionThisPlan
    case msgHeadcountNumber, msgSheetNumberNumber, msgEnterWorkArea, msgLinkItemsOfThisPlan, msgEnterIndicator, msgMustNumber, msgSignInFirst, msgInvalidOrExpiredToken
    case msgEmpty, msgNotUTF8, msgNotAllowed, msgInternalError, msgOrganizationNameLength, msgChooseKind, msgChooseThaiOrArabicDigits, msgUnitsLimit
    case msgLongerThan200Characters, msgInvalidForm, msgTookTooLongToRead, msgLongerThanCharacters, msgAtMostFilesAtATime, msgNoSuchFigure, msgUnknownPlanCycle, msgUnknownStandardMeasure
    case msgNotAFiscalYear, msgStagePublished, msgLastYearRange, msgNameTooLong, msgRiskLevelOnLine, msgWholeNumberFound, msgFilesLargerThanMB, msgInvalidPlanYears
    case msgPeriodHasPlan, msgDemoRefusedInProduction, msgDemoInProductionWarning, msgFieldNotUTF8, msgWholeNumberAt, msgPlanSavedFirst, msgInvalidBody, msgInvalidBodyAt
    case msgBodyTooLarge, msgUnsupportedMediaType, msgBadRequestBecause, msgMethodNotAllowed, msgTooManyRequests, msgSignInWaitMinute, msgSignInWaitMinutes, msgReadingTookTooLong
    case msgChooseReferralBody, msgChooseOutcome, msgNotAComplaintOfficer, msgUnknownCaseCommand, msgWholeNumberBetween, msgSearchNeedsLetter, msgUnknownKindOneOf, bahtAmount
    case sheetNumberShort, ovYearsBE, timeOfDay
    // Accounts: changing one's password (issue 8)
    case changePassword, currentPassword, newPassword, confirmNewPassword, passwordRules, passwordChanged
    case currentPasswordWrong, passwordChangeEndsSessions
    // Import: a document that became the next revision of a plan
    case importedAsRevision
    // Monitoring/ (issue 9)
    case monMonitoring, monDashboardLead, monOpenRound, monOpenRoundLead, monFiscalYear, monRoundKind, monNoRounds
    case monRound, monStatus, monItems, monCompletion, monMissing, monMissingNone, monDisbursedOfPlanned, monBelowTarget
    case monBelowTargetNone, monOverdue, monOverdueNone, monRecords, monRecord, monFill, monSave, monSubmit
    case monApprove, monReturnToOpen, monReopen, monReason, monReasonRequired, monProgress, monShortfallReason, monReasonText
    case monPlannedBudget, monOrdinanceBudget, monCommitted, monDisbursed, monOverspendReason, monStartDate, monEndDate, monParticipants
    case monIndicators, monTarget, monActualValue, monActualText, monMet, monNotMet, monNarrative
    case monProblems, monObstacles, monSuggestions, monNotReported, monSummary, monCharts
    case monAnnualReport, monHistory, monBackToRound, monBackToDashboard, monLockedNotice, monSubmittedNotice, monReopenedNotice, monVersion
    case monSaved, monWarnings, monTotal, monCarriedOutPercent, monChoose, monPlanPeriod, monLatestApproved
    case monNoBudget, monDateHint, monPercentOfPlan, monDashboardLink, monEvidence, monNoEvidence, monEvidenceFile
    case monEvidenceHint, monAttachEvidence, monRemoveEvidence, monAnnualIntro, monSettings, monQuarterlyRounds, monQuarterlyHint
    case monSaveSettings, monImportResults, monImportResultsLead, monResultsDocument, monYearFromDocument, monReadResults, monReviewResults
    case monReviewResultsLead, monUnmatchedRows, monAllRowsMatched, monDocumentRow, monPlanItem, monNotImported, monMatchScore, monImportedStatus
    case monConfirmImport, monItemsWithoutRow, monNoResultsTable, monNoPlanForYear, monMatchedTwice, monEvidencePublic, monEvidenceMembersOnly, monMakePublic
    case monMakeMembersOnly, monEvidenceRule, monMatchedRows
    // Issue 12: the month schedule of the older plans (ต.ค. – ก.ย.)
    case monthsRun, monthsRunHint, monthsRunValue, monthRuns, monthDoesNotRun
    // Issue 11 §5: the document's approval block
    case approvalBlock, approvalStep, approvalBy, approvalDate, approvalComment
    case approvalSubmitted, approvalApproved, approvalPublished
    // Issue 9: an evidence upload over the limit
    case monEvidenceTooLarge
    // Monitoring/ messages
    case monRowStatus, monStatusFromEachRow, monStatusForAllRows, monRowImportStatus, monStatusForAllRowsWins, monUnknownRowStatus
    // The round charts (SVG) in the reader's language
    case chartDimension, chartYear, chartStatusByDimension, chartBudgetByDimension, chartIndicators, chartBudgetByYear, chartPlanned, chartDisbursed, chartUnmeasured, chartNoApprovedRound
    case monNoSuchFileFormat
    case monNoApprovedRound, monPeriodSource, monItemsDue, monPlanPeriodLead
    case monSignInFirst, monFixFieldsInRed, monPdfBusy, monPdfFailedUseWord, monPublicTrueOrFalse, monContentBase64, monGiveProgress, monInvalidDayISO, monActionValues, monChooseProgress, monUnknownReason, monInvalidDayForm, monParticipantsWhole, monEnterNumber, monChooseFiscalYear, monChooseRoundKind, monRoundExists, monRoundChangedFirst, monRowsMissing, monChooseImportedStatus, monChosenItemNotInRound, monQuarterlyOff, monNoSuchRow, monRowsNotMatched, monSendRows, monRowMatchedTwice, monNotFoundRecord, monNotFoundChart, monNotFoundPlan, monNotFoundRound, monNotFoundEvidence, monNotFoundOrganization
}

/// Picks the text of a key in the request's language: `request.t(.save)`.
public struct Translator: Sendable {
    public let language: Language

    public init(_ language: Language) { self.language = language }

    /// The key's text; a text missing in English falls back to Thai, a text missing in both
    /// shows the key's name (the tests keep both from happening).
    public func callAsFunction(_ key: UIKey) -> String {
        let table = language == .thai ? Texts.thai : Texts.english
        return table[key] ?? Texts.thai[key] ?? key.rawValue
    }

    /// The key's text with `{0}`, `{1}` … replaced by the values in order.
    public func callAsFunction(_ key: UIKey, _ values: String...) -> String {
        self(key, values: values)
    }

    func callAsFunction(_ key: UIKey, values: [String]) -> String {
        var text = self(key)
        for (index, value) in values.enumerated() {
            text = text.replacingOccurrences(of: "{\(index)}", with: value)
        }
        return text
    }

    /// A text that carries both languages itself (findings, errors, stored messages).
    public func pick(_ text: LocalizedText) -> String { text.text(language) }

    /// A date as this language writes it: "7 ธ.ค. 2569" (Buddhist Era, in `digits`) or
    /// "7 December 2026".
    public func date(_ date: Date, digits: DigitStyle = .arabic, short: Bool = false) -> String {
        language == .thai ? ThaiCalendar.thaiDate(date, digits: digits, short: short) : CalendarDay(date).english
    }

    /// A calendar day as this language writes it.
    public func day(_ day: CalendarDay) -> String { language == .thai ? day.thai() : day.english }

    /// The name of a domain value (status, kind, action, risk level) in this language.
    public func name(_ value: some BilingualName) -> String {
        language == .thai ? value.thaiName : value.englishName
    }
}

/// A domain value with a Thai and an English name of its own (from Core).
public protocol BilingualName {
    var thaiName: String { get }
    var englishName: String { get }
}

extension PlanStatus: BilingualName {}
extension PlanItemKind: BilingualName {}
extension PlanAction: BilingualName {}
extension RiskLevel: BilingualName {}
extension OrganizationKind: BilingualName {}
extension CalendarMonth: BilingualName {}

extension LocalizedText {
    /// A key's text in both languages, for messages that travel as a `LocalizedText` (errors,
    /// form checks): `LocalizedText(.msgLongerThanCharacters, "200")`. The values are the same
    /// in both languages.
    public init(_ key: UIKey, _ values: String...) {
        self.init(th: Translator(.thai)(key, values: values), en: Translator(.english)(key, values: values))
    }

    /// A text made once per language, for values that are words themselves (a noun, a date):
    /// `LocalizedText.each { t in t(.notFoundThing, t(.nounPlan)) }`.
    public static func each(_ make: (Translator) -> String) -> LocalizedText {
        LocalizedText(th: make(Translator(.thai)), en: make(Translator(.english)))
    }
}

/// The texts of the interface, one table per language (`Localization+Thai.swift`,
/// `Localization+English.swift`).
public enum Texts {}
