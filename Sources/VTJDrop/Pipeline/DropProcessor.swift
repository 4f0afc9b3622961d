import Foundation
import Logging
import VTJClient
import VTJCore

/// Walks one claimed drop from the work folder to the outbox: read, authorise, query, disclose,
/// write, publish, archive — journaling each step so a crash at any moment resumes cleanly.
public struct DropProcessor: Sendable {
    public let appliance: Appliance

    public init(appliance: Appliance) { self.appliance = appliance }

    var journal: Journal { appliance.database.journal }
    var now: Date { appliance.clock.now() }

    /// Processes one claimed drop; never throws: every failure ends in a receipt or a wait.
    public func process(_ claimed: ClaimedFile) async -> DropOutcome {
        let log = appliance.logger(request: claimed.id.value, department: claimed.department, file: claimed.originalName.display)
        do {
            if try journal.recordClaim(requestID: claimed.id.value, department: claimed.department,
                                       originalName: claimed.originalName.display, storedPath: claimed.path, at: now,
                                       inputStamp: claimed.claimStamp?.encoded) {
                appliance.reportClaimed(department: claimed.department)
            }
        } catch {
            return wait(claimed, .local("journal: \(error)"), attempts: 0, log: log)
        }
        guard let settings = appliance.configuration.department(claimed.department) else {
            // Its department was removed from the configuration after the claim: keep the input safe.
            log.error("claimed drop of an unconfigured department; moving it to quarantine")
            return quarantineOnly(claimed, reason: "department \(claimed.department) is no longer configured", log: log)
        }
        var context = DropContext(claimed: claimed, settings: settings, today: appliance.today, log: log,
                                  isTestData: appliance.answersWithTestData)

        let parsed: ParsedDrop
        do {
            let input = try readStable(claimed)
            context.inputStamp = input.stamp
            parsed = try ParsedDrop.read(input.bytes, fileName: claimed.originalName)
        } catch let changing as InputChanging {
            return wait(claimed, .inputChanging(changing.description), attempts: attempt(context), log: log,
                        delay: changing.retryInSeconds)
        } catch let error as DropReadError {
            return refuse(context, refusal: RequestRefusal(error))
        } catch {
            return refuse(context, refusal: .unreadableFile(detail: "\(error)"))
        }

        let authorisation: RequestAuthorisation
        switch settings.profile.authorise(purpose: parsed.purpose, groups: parsed.groups,
                                          municipalityWide: parsed.operation.isMunicipal) {
        case .success(let granted): authorisation = granted
        case .failure(let refusal): return refuse(context, refusal: refusal, parsed: parsed)
        }
        if parsed.operation.takesHetus && parsed.hetus.isEmpty {
            return refuse(context, refusal: .invalidRequest(detail: "\(claimed.originalName.display): no valid henkilötunnus in the drop (see the rejected lines)"),
                          parsed: parsed, authorisation: authorisation)
        }
        let format = parsed.format ?? settings.profile.format
        _ = try? journal.record(.read, for: claimed.id.value, at: now, update: JournalUpdate(
            toiminto: parsed.operation.rawValue, purpose: authorisation.purpose.rawValue, reference: parsed.reference))

        let request = AuthorisedDrop(context: context, parsed: parsed, authorisation: authorisation, format: format)
        do {
            switch parsed.operation {
            case .perustiedot, .seurantaLisaa:
                return try await basicData(request)
            case .seurantaPoista:
                return try stopFollowing(request)
            case .kuntaPerustiedot:
                return try await municipalBasicData(request)
            case .muutokset, .kuntaMuutokset:
                return try await changeDelivery(request)
            }
        } catch let changing as InputChanging {
            return wait(claimed, .inputChanging(changing.description), attempts: attempt(context), log: log,
                        delay: changing.retryInSeconds)
        } catch let error as VTJClientError {
            // 401, 403, 404 and TLS trouble refuse the appliance, not the file: the operator must act,
            // and the drop waits (with a pending note) instead of being answered as faulty.
            if InterfaceRefusal(error) != nil {
                return wait(claimed, .interfaceRefuses(InterfaceCondition(error)), attempts: attempt(context), log: log)
            }
            if error.isTransient {
                return wait(claimed, .interfaceUnavailable(error.description), attempts: attempt(context), log: log)
            }
            log.error("the interface refused the request permanently", metadata: ["error": "\(error)"])
            return refuse(context, refusal: .invalidRequest(detail: "the population-data interface refused it: \(error.serverMessage ?? error.description)"),
                          parsed: parsed, authorisation: authorisation)
        } catch {
            // Disk full, unwritable outbox, database trouble: nothing is lost, try again later.
            return wait(claimed, .local("\(error)"), attempts: attempt(context), log: log)
        }
    }
}

/// The fixed facts of one drop.
struct DropContext: Sendable {
    let claimed: ClaimedFile
    let settings: DepartmentSettings
    let today: CivilDate
    let log: Logger
    /// The built-in sandbox answers: result names carry ``ReceiptRenderer/testDataMark``.
    let isTestData: Bool
    /// The input as it was read; nothing is published if it changes after that.
    var inputStamp: InputStamp?

    var department: String { claimed.department }
    var requestID: String { claimed.id.value }
    /// `<stem>.<request-id>`: every file of the request starts with it.
    var baseName: String { claimed.originalName.safeStem + "." + claimed.id.value }
    var receiptName: String { baseName + ".kuitti.txt" }
    /// `<stem>.<request-id>.csv`, or `<stem>.<request-id>.TESTIAINEISTO.csv` when the sandbox answered.
    func resultName(_ format: OutputFormat) -> String {
        baseName + (isTestData ? "." + ReceiptRenderer.testDataMark : "") + "." + format.rawValue
    }
}

/// A drop that passed the profile check.
struct AuthorisedDrop: Sendable {
    let context: DropContext
    let parsed: ParsedDrop
    let authorisation: RequestAuthorisation
    let format: OutputFormat
}
