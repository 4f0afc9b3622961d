extension XLSXReadError {
    /// Swedish, one line (for departments whose receipts are in Swedish).
    public var swedish: String {
        switch self {
        case .encrypted:
            "arbetsboken är skyddad med lösenord (krypterad); spara den på nytt utan lösenord eller som CSV-fil och släpp den igen"
        case .legacyWorkbook:
            "detta är en Excel 97–2003-arbetsbok (.xls) eller en annan gammal Office-fil; spara den som Excel-arbetsbok (.xlsx) eller CSV-fil och släpp den igen"
        case .notAWorkbook(let what):
            "filen är ingen Excel-arbetsbok (den är: \(what)); släpp en .xlsx-arbetsbok eller en CSV-lista"
        case .macroWorkbook:
            "arbetsboken innehåller makron (.xlsm); spara den som Excel-arbetsbok (.xlsx) utan makron och släpp den igen"
        case .binaryWorkbook:
            "detta är en binär Excel-arbetsbok (.xlsb); spara den som Excel-arbetsbok (.xlsx) och släpp den igen"
        case .damaged(let how):
            "arbetsboken är skadad (\(how)); öppna den i Excel, spara den på nytt och släpp den igen"
        case .tooManyEntries(let limit):
            "arbetsboken har över \(limit) delar (inte bara en lista); spara listan ensam i en ny arbetsbok eller som CSV-fil"
        case .tooLarge(_, let limit):
            "arbetsboken är uppackad över \(limit >> 20) MiB; dela listan i delar eller släpp den som CSV-fil"
        case .compressionRatio(let part, let limit):
            "arbetsbokens del \(part) packas upp till över \(limit) gånger sin storlek, som bara en zip-bomb gör; spara listan på nytt i Excel"
        case .tooManySharedStrings(let limit):
            "arbetsboken har över \(limit) olika texter; dela listan i delar eller släpp den som CSV-fil"
        case .sharedStringsTooLarge(let limit):
            "arbetsbokens texter tar över \(limit >> 20) MiB; dela listan i delar eller släpp den som CSV-fil"
        case .noWorksheet:
            "arbetsboken har inget kalkylblad (bara diagram eller makroblad); lägg listan på det första bladet"
        case .tooManyRows(let row, let limit):
            "rad \(row) ligger över listans gräns på \(limit) rader; dela listan i delar"
        case .tooManyColumns(let row, let column, let limit):
            "rad \(row) har ett värde i kolumn \(column), över listans gräns på \(limit) kolumner; ta bort det eller flytta listan till ett nytt blad"
        case .tooManyCells(let row, let limit):
            "bladet har över \(limit) celler (på rad \(row)); släpp färre kolumner eller dela listan i delar"
        case .unsafeXML(let part, let line, _):
            "arbetsbokens del \(part) (rad \(line)) har en DTD-deklaration eller en entitet, som inte godkänns; spara arbetsboken på nytt i Excel"
        case .malformedXML(let part, let line, _):
            "arbetsbokens del \(part) är inte giltig XML (rad \(line)); öppna arbetsboken i Excel, spara den på nytt och släpp den igen"
        case .badCell(let row, _):
            "en cell på rad \(row) kan inte läsas; öppna arbetsboken i Excel, spara den på nytt och släpp den igen"
        }
    }
}
