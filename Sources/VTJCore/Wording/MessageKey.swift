/// Every text vtjdrop writes to a department (receipts, pending notes) and the reasons it quotes.
///
/// The raw value is the catalogue key; placeholders in the templates are `{name}` (an argument)
/// and `{name|singular|plural}` (chosen by the count argument `name`).
public enum MessageKey: String, Hashable, Sendable, CaseIterable {
    // Receipt: titles and the first line
    case receiptTitle
    case testDataTitle
    case headlineRefused
    case headlineDone
    case headlineDoneNoResult
    case headlineChanges
    case headlineNoValid
    case headlineNothingToDo
    case headlineFixRejected
    case headlineCheckNotFound
    // Receipt: the summary
    case summaryLines
    case summaryDuplicates
    case summaryNotFound
    case summaryProtected
    case summaryContradicted
    case summaryTurvakieltoMissing
    case summaryWithheld
    case summaryWithheldRule
    case summaryDroppedFields
    case summaryOverflow
    case summaryGroupRefused
    case summaryGroupsNotDelivered
    case summaryUndelivered
    case summaryRejectedListed
    case summaryNotFoundListed
    case summaryUndeliveredListed
    case summaryListFile
    case summaryListFileCapped
    case summaryMachinePart
    // Group refusals (`tietoryhma-hylatty`)
    case groupNotProductGroup
    case groupNotInProfile
    // Withholding rules (`pidatetty[rule]`), explained
    case ruleNotProductGroup
    case ruleNotGranted
    case ruleTurvakielto
    case ruleTurvakieltoWhereabouts
    case ruleTurvakieltoUnknown
    case ruleContradictoryAnswer
    case ruleCensoringPlaceholder
    case ruleGuardianOfAdult
    case ruleDependantAdult
    case ruleDependantAgeUnknown
    case ruleReligionNotMinor
    case ruleReligionPurpose
    case ruleEndedRelationship
    // Notes (`huomautus`)
    case noteReadPlain
    case noteReadCSV
    case delimiterTab
    case noteLowerCase
    case noteUnknownGroupsCapped
    case noteUnexpectedPersons
    case noteBanFlagMissing
    case noteFollowAdded
    case noteFollowRemoved
    case notePublishedBeforeStands
    case notePublishedBeforeRepeats
    case noteRepeat
    case noteChangeTrackingStarts
    case noteFollowedRegisterEmpty
    // Whole-drop refusals (`syy`)
    case refusalPurposeExcluded
    case refusalPurposeUnknown
    case refusalPurposeNotLicensed
    case refusalMunicipalityWide
    case refusalNoGroups
    case refusalUnreadable
    case refusalUnknownOperation
    case refusalInvalidRequest
    case refusalOperationNotOnWire
    case wireLacksChanges
    case wireLacksMunicipality
    case wireLacksBasicData
    case alternatives
    case excludedEmployees
    case excludedCustomerRegister
    case excludedStudentRegister
    // Why a file could not be read
    case readErrorInFile
    case readErrorOnLine
    case readEmpty
    case readEmptyRequest
    case readEmptyRequestNoBytes
    case readNoHetuLines
    case readNoHetuColumn
    case readZipArchive
    case readOldOfficeFile
    case readPDF
    case readHTML
    case readXMLAsList
    case readNotXML
    case readNULBytes
    case readBadUTF8
    case readOddUTF16
    case readBadUTF16
    case readControlCharacters
    case technicalDetail
    case requestWrongRoot
    case requestUnexpectedElement
    case requestValueTooLong
    case requestStrayText
    case requestNoRoot
    case requestNeedsHetus
    case requestTakesNoHetus
    case requestAttributeTooLong
    case requestNoOperation
    case requestUnknownOperation
    case requestUnknownFormat
    case requestReferenceTooLong
    case requestReferenceControl
    case requestOverLimit
    case requestEncoding
    case requestXMLSyntax
    case requestNoValidHetu
    case interfaceRefusedRequest
    // Never opened: moved to quarantine from the inbox
    case quarantinedNotAFile
    case quarantinedTooLarge
    case quarantinedHardLinked
    case quarantinedUnknown
    case entrySymbolicLink
    case entryFolder
    case entrySpecialFile
    case entryNamedPipe
    case entrySocket
    case entryDevice
    // Why one line was rejected (`hylatty-rivi`)
    case hetuEmpty
    case hetuLength
    case hetuDigitsDate
    case hetuDigitsNumber
    case hetuCenturySign
    case hetuDate
    case hetuIndividualNumber
    case hetuCheckCharacter
    case lineTooLong
    case rowTooLong
    case rowQuoteTooManyLines
    case rowUnclosedQuote
    case rowMissingColumn
    // Pending notes (`.odottaa.txt`)
    case pendingTitle
    case pendingReceived
    case pendingReasonRefuses
    case pendingReasonUnavailable
    case pendingReasonLocal
    case pendingReasonInputChanging
    case pendingResumesWhenAnswering
    case pendingResumes
    case pendingResumesAt
    case pendingNoNeedToDrop
    case pendingReceivedAt
    case pendingRequest
    // Companion list file
    case listTitle
}
