extension ReceiptCounts {
    /// What a receipt counts of a drop's content before anything is asked: lines read, valid,
    /// invalid and repeated henkilötunnus.
    public init(content: DropContent) {
        self.init(lines: content.valueLines, valid: content.hetus.count, invalid: content.rejectedCount,
                  duplicates: content.duplicateCount)
    }
}
