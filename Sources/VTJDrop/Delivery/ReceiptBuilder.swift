import VTJCore

/// Where every receipt is first made: a drop's (later filled with its answers), a refused
/// drop's, and an inbox entry's that was never read. Its partner ``ReceiptDelivery`` publishes
/// them; neither decides when.
struct ReceiptBuilder: Sendable {
    let appliance: Appliance

    /// A drop's receipt before any answer: what was read of it and what was granted.
    func drop(_ context: DropContext, content: DropContent?, authorisation: DropAuthorisation?,
              format: OutputFormat?, notes: [Message]) -> Receipt {
        Receipt(
            dropID: context.dropID, department: context.department, file: context.claimed.originalName.display,
            processingDate: context.today, operation: content?.operation.rawValue,
            purpose: authorisation?.purpose.rawValue ?? content?.purpose, format: format?.rawValue,
            reference: content?.reference, groups: authorisation?.groups ?? [],
            refusedGroups: authorisation?.refusedGroups ?? [], counts: content.map(ReceiptCounts.init(content:)) ?? ReceiptCounts(),
            rejectedLines: content?.receiptRejectedLines ?? [], notes: (content?.notes ?? []) + notes,
            processedAt: appliance.finnishTime.zoned(at: appliance.clock.instant()), isTestData: context.isTestData)
    }

    /// A drop refused as a whole: what was read of it, and why nothing is answered.
    func refusal(_ refusal: DropRefusal, _ context: DropContext, content: DropContent?,
                 authorisation: DropAuthorisation?, notes: [Message]) -> Receipt {
        var receipt = drop(context, content: content, authorisation: authorisation, format: nil, notes: notes)
        receipt.refusal = refusal
        return receipt
    }

    /// An inbox entry that was never opened (a link, a folder, a file over the size limit …):
    /// only its name is known, and why it was moved to quarantine.
    func unreadEntry(dropID: String, department: String, file: String, reason: Message) -> Receipt {
        Receipt(dropID: dropID, department: department, file: file, processingDate: appliance.today,
                refusal: .unreadableFile(detail: reason), isTestData: appliance.answersWithTestData)
    }
}
