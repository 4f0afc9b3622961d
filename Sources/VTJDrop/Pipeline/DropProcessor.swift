import Foundation
import Logging
import VTJClient
import VTJCore

/// Walks one claimed drop from the work folder to the outbox: read, authorise, query, disclose,
/// write, publish, archive — journaling each step so a crash at any moment resumes cleanly.
package struct DropProcessor: Sendable {
    package let appliance: Appliance

    package init(appliance: Appliance) { self.appliance = appliance }

    var journal: Journal { appliance.database.journal }
    var now: Date { appliance.clock.now() }

    /// ``process(_:)`` with the drop's department, file and request on the client's log lines too.
    package func processLogged(_ file: ClaimedFile) async -> DropOutcome {
        let context: Logger.Metadata = [
            "department": "\(file.department)", "file": "\(file.originalName.logged)", "request": "\(file.id.value)",
        ]
        let outcome = await VTJLogContext.$metadata.withValue(context) { await process(file) }
        // What the walk freed goes back to the system, so the daemon does not keep its largest drop's size.
        MallocArenas.trim()
        return outcome
    }

    /// ``processLogged(_:)`` on a ``DropThread`` of its own, which ends with the walk: its blocking
    /// steps never hold a cooperative thread. The runner walks every drop this way. A drop that is
    /// not small (bulk) runs below normal priority while a small drop is in flight — its walk, its
    /// read and its messages' jobs on the curl workers (``BulkThreads``) — so the small drop's few
    /// steps and the daemon loop go first; a large drop alone runs at normal priority.
    func processOnOwnThread(_ file: ClaimedFile) async -> DropOutcome {
        let priority = WorkPriority(ApplianceRunner.scheduling(file))
        // Without a thread of its own (the system refuses one) the walk runs on the pool: slower, still done.
        let thread = DropThread.start(priority: priority, among: appliance.threads)
        let walk: () async -> DropOutcome = {
            await ThreadPriority.$current.withValue(priority) {
                await withTaskExecutorPreference(thread) { await processLogged(file) }
            }
        }
        let outcome = priority == .bulk ? await walk() : await BulkThreads.shared.small(walk)
        await thread?.finish()
        return outcome
    }

    /// Processes one claimed drop; never throws: every failure ends in a receipt or a wait.
    package func process(_ claimed: ClaimedFile) async -> DropOutcome {
        let log = appliance.logger(dropID: claimed.id.value, department: claimed.department, file: claimed.originalName.display)
        do {
            if try appliance.journalClaimNow(dropID: claimed.id.value, department: claimed.department,
                                             originalName: claimed.originalName.display, storedPath: claimed.path,
                                             inputStamp: claimed.claimStamp?.encoded) {
                appliance.reportClaimed(department: claimed.department)
            }
        } catch {
            // The appliance's own trouble (a full disk, a damaged database): the interface is not to blame.
            return wait(claimed, .local("journal: \(error)"), attempts: 0, log: log)
        }
        DropTiming.mark("journal-claim")
        guard let settings = appliance.configuration.department(claimed.department) else {
            // Its department was removed from the configuration after the claim: keep the input safe.
            log.error("claimed drop of an unconfigured department; moving it to quarantine")
            return quarantineOnly(claimed, reason: "department \(claimed.department) is no longer configured", log: log)
        }
        var context = DropContext(claimed: claimed, settings: settings, today: appliance.today, log: log,
                                  isTestData: appliance.answersWithTestData)

        let content: DropContent
        do {
            // Read and parsed on a thread of its own (AsideThread): a hostile or large file must not
            // hold the cooperative threads the daemon loop and every other drop run on.
            if let hold = appliance.readHold { await hold(claimed) }
            let read = try await AsideThread.run(among: appliance.threads) { () throws -> (DropContent, InputStamp?, EarlierPublication?) in
                // A fetch the appliance planned (the change schedule) has nothing to read.
                if let operation = claimed.planned { return (DropContent.scheduled(operation), nil, nil) }
                let input = try readStable(claimed)
                return (input.content, input.stamp, input.repeatOf)
            }
            context.inputStamp = read.1
            context.repeatOf = read.2
            content = read.0
            DropTiming.mark("read")
        } catch let changing as InputChanging {
            return wait(claimed, .inputChanging(changing.description), attempts: attempt(context), log: log,
                        delay: changing.retryIn)
        } catch let error as DropReadError {
            return refuse(context, refusal: DropRefusal(error))
        } catch is CancellationError {
            return interrupted(claimed, log: log)
        } catch {
            return refuse(context, refusal: .unreadableFile(detail: Message(.readErrorInFile, [
                "file": .text(claimed.originalName.display), "reason": Message(.technicalDetail, ["detail": .text("\(error)")]).argument])))
        }

        var authorisation: DropAuthorisation
        switch settings.profile.authorise(purpose: content.purpose, groups: content.groupNames,
                                          municipalityWide: content.operation.isMunicipal) {
        case .success(let granted): authorisation = granted
        case .failure(let refusal): return refuse(context, refusal: refusal, content: content)
        }
        let wire = appliance.configuration.interface.wire
        if !wire.serves(content.operation) {
            // The SOAP query interface has no change log, followed register or municipal selection.
            return refuse(context, refusal: .operationNotOnWire(content.operation, wire: wire), content: content, authorisation: authorisation)
        }
        if content.operation.takesHetus && content.hetus.isEmpty {
            return refuse(context, refusal: .invalidRequest(detail: Message(.readErrorInFile, [
                "file": .text(claimed.originalName.display), "reason": Message(.requestNoValidHetu).argument])),
                          content: content, authorisation: authorisation)
        }
        var layout: ColumnLayout?
        if let columns = content.columns {
            switch ColumnLayout.resolve(columns, groups: settings.profile.groups) {
            case .success(let resolved): layout = resolved
            case .failure(let problem):
                return refuse(context, refusal: .invalidRequest(detail: Message(.readErrorInFile, [
                    "file": .text(claimed.originalName.display), "reason": Message(.requestColumns, ["reason": problem.reason.argument]).argument])),
                              content: content, authorisation: authorisation)
            }
        }
        if content.columns == nil, content.groupNames != nil {
            // A request document naming its groups (a system asking for what it stores) gets every
            // column of them; the department's layout is for lists people open.
            layout = ColumnPreset.kaikki.layout(groups: settings.profile.groups, configured: false)
        }
        let format = content.format ?? settings.profile.format
        // An XML result carries every granted group, unless a layout was named for it: then the
        // groups its columns come from (docs/configuration.md, `columns`).
        if format == .xml, let named = layout ?? settings.profile.layout, named.isConfigured {
            let chosen = Set(named.groups)
            authorisation.groups = authorisation.groups.filter(chosen.contains)
        }
        let readUpdate = JournalUpdate(operation: content.operation.rawValue, purpose: authorisation.purpose.rawValue,
                                       reference: content.reference)
        let drop = AuthorisedDrop(context: context, content: content, authorisation: authorisation, format: format,
                                     layout: layout ?? settings.profile.layout, readUpdate: readUpdate)
        // A list's query takes `read` into its audit record's transaction (basicData); the rest journal it now.
        if !drop.journalsReadWithItsQuery { appliance.journal(.read, for: claimed.id.value, update: readUpdate, log: log) }
        DropTiming.mark("journal-read")
        do {
            switch content.operation {
            case .perustiedot, .seurantaLisaa:
                return try await basicData(drop)
            case .seurantaPoista:
                return try stopFollowing(drop)
            case .kuntaPerustiedot:
                return try await municipalBasicData(drop)
            case .muutokset, .kuntaMuutokset:
                return try await changeDelivery(drop)
            }
        } catch let changing as InputChanging {
            return wait(claimed, .inputChanging(changing.description), attempts: attempt(context), log: log,
                        delay: changing.retryIn)
        } catch VTJClientError.cancelled {
            return interrupted(claimed, log: log)
        } catch is CancellationError {
            return interrupted(claimed, log: log)
        } catch VTJClientError.configuration(let reason) {
            // The appliance's own set-up (its temporary folder): never the file's fault, and it heals.
            log.error("the interface client cannot work here; the drop waits", metadata: ["error": "\(reason)"])
            return wait(claimed, .local("client set-up: \(reason)"), attempts: attempt(context), log: log)
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
            return refuse(context, refusal: .invalidRequest(detail: Message(.interfaceRefusedRequest, ["detail": .text(error.serverMessage ?? error.description)])),
                          content: content, authorisation: authorisation)
        } catch {
            // Disk full, unwritable outbox, database trouble: nothing is lost, try again later.
            _ = appliance.noteDamage(error)
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
    /// The same bytes were published to this department recently (`duplicates.window`): the receipt says so.
    var repeatOf: EarlierPublication?

    var department: String { claimed.department }
    var dropID: String { claimed.id.value }
    /// `<stem>.<request-id>`: every file of the request starts with it.
    var baseName: String { claimed.originalName.safeStem + "." + claimed.id.value }
    /// `<stem>.<request-id>.csv`, or `<stem>.<request-id>.TESTIAINEISTO.csv` when the sandbox answered.
    func resultName(_ format: OutputFormat) -> String {
        baseName + (isTestData ? "." + ReceiptRenderer.testDataMark : "") + "." + format.rawValue
    }
}

/// A drop that passed the profile check.
struct AuthorisedDrop: Sendable {
    let context: DropContext
    let content: DropContent
    let authorisation: DropAuthorisation
    let format: OutputFormat
    /// The result's columns: the request document's own, else the department's.
    let layout: ColumnLayout?
    /// What the journal's `read` step records.
    let readUpdate: JournalUpdate

    /// Whether `read` is journaled with the query's audit record (one commit with `querying`) rather
    /// than on its own: the operations whose walk goes straight to one query of the listed codes.
    var journalsReadWithItsQuery: Bool { content.operation == .perustiedot || content.operation == .seurantaLisaa }
}
